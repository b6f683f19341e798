package content

import "strings"

// Ref names one item by kind and id.
type Ref struct {
	Kind Kind
	ID   string
}

func (r Ref) String() string { return string(r.Kind) + "/" + r.ID }

// Core lists the items every version a kiosk applies must hold: the
// emergency topic and its article on 112. They are what a newcomer must
// find on any kiosk whatever else a feed holds, and their absence is the
// mark of a version built from the wrong folder. Kept small on purpose;
// docs/content-format.md lists them too.
var Core = []Ref{
	{KindTopic, "emergency"},
	{KindArticle, "emergency-112"},
}

// CoreCheck notes which core items a version holds as its items go by.
type CoreCheck struct{ missing map[Ref]bool }

// NewCoreCheck starts with every core item missing.
func NewCoreCheck() *CoreCheck {
	c := &CoreCheck{missing: map[Ref]bool{}}
	for _, r := range Core {
		c.missing[r] = true
	}
	return c
}

// Saw records that the version holds the item kind/id.
func (c *CoreCheck) Saw(kind Kind, id string) { delete(c.missing, Ref{kind, id}) }

// Missing lists the core items not seen, in Core order, as "kind/id".
func (c *CoreCheck) Missing() []string {
	var out []string
	for _, r := range Core {
		if c.missing[r] {
			out = append(out, r.String())
		}
	}
	return out
}

// MissingText is Missing joined for a message; "" when none is missing.
func (c *CoreCheck) MissingText() string { return strings.Join(c.Missing(), ", ") }
