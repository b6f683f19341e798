package bidi

import (
	"sort"

	xbidi "golang.org/x/text/unicode/bidi"
)

// classRange gives class c to the code points lo..hi.
type classRange struct {
	lo, hi rune
	c      class
}

// overridesApply is false when x/text's tables are not the ones
// classOverrides was computed against (a newer Go selects newer tables);
// x/text's classes are then used as they are.
var overridesApply = xbidi.UnicodeVersion == xtextVersion && len(classOverrides) > 0

// classOf returns the bidi class of r, whose x/text properties are p.
// x/text builds the default classes of unassigned code points from a list
// fixed at Unicode 8.0, so a few unassigned code points in blocks that
// Unicode 15 reserves for Arabic letters come out as R instead of AL;
// classOverrides, generated from DerivedBidiClass.txt, corrects them.
func classOf(p xbidi.Properties, r rune) class {
	if !overridesApply || r < classOverrides[0].lo {
		return p.Class()
	}
	i := sort.Search(len(classOverrides), func(i int) bool { return classOverrides[i].hi >= r })
	if i < len(classOverrides) && classOverrides[i].lo <= r {
		return classOverrides[i].c
	}
	return p.Class()
}
