package feed

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// DefaultMaxShrink is the share of the published items a new version may
// remove before build asks for --allow-shrink.
const DefaultMaxShrink = 0.20

// ErrEmpty is a content set without items: signed, it would wipe every
// kiosk, and it is almost always a wrong --content folder.
var ErrEmpty = errors.New("the content has no items; a version without items would wipe every kiosk, so nothing was written (is --content the content folder itself, such as assets/content?)")

// ShrinkError is a new version that removes more of the published items
// than allowed.
type ShrinkError struct {
	Removed, Published int
	ByKind             map[content.Kind]int
	MaxShare           float64
}

func (e *ShrinkError) Error() string {
	kinds := make([]string, 0, len(e.ByKind))
	for k, n := range e.ByKind {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	return fmt.Sprintf("this version removes %d of the %d published items (%.0f %%; %s), more than the %.0f %% allowed; nothing was written. "+
		"Check --content; if the removal is meant, build with --allow-shrink",
		e.Removed, e.Published, 100*float64(e.Removed)/float64(e.Published), strings.Join(kinds, ", "), 100*e.MaxShare)
}

// CheckShrink compares set with the version published in outDir and
// returns a *ShrinkError when set removes more than maxShare of its items.
// A folder with no feed yet has nothing to lose.
func CheckShrink(set *content.Set, outDir string, maxShare float64) error {
	published, err := PublishedIDs(outDir)
	if err != nil || len(published) == 0 {
		return err
	}
	now := map[string]bool{}
	set.Each(func(item content.Item) {
		kind, id := item.Kind(), item.ItemID()
		now[string(kind)+"/"+id] = true
	})
	e := &ShrinkError{Published: len(published), ByKind: map[content.Kind]int{}, MaxShare: maxShare}
	for key := range published {
		if !now[key] {
			kind, _, _ := strings.Cut(key, "/")
			e.Removed++
			e.ByKind[content.Kind(kind)]++
		}
	}
	if float64(e.Removed) > maxShare*float64(e.Published) {
		return e
	}
	return nil
}

// PublishedIDs returns the items ("kind/id") of the version published in
// outDir, read from its shards; empty when outDir holds no feed.
func PublishedIDs(outDir string) (map[string]bool, error) {
	items, err := publishedItems(outDir)
	if err != nil || items == nil {
		return nil, err
	}
	out := make(map[string]bool, len(items))
	for key := range items {
		out[key] = true
	}
	return out, nil
}
