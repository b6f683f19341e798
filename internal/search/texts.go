package search

import (
	"slices"

	"github.com/motesplats/motesplats/internal/content"
)

// refNames are the names of the items documents refer to: municipalities
// and topics, few enough to hold while the documents stream by.
type refNames struct {
	munis  map[string]content.Text
	topics map[string]content.Text
}

// fieldText is one text of a document: translated, or plain (names and
// addresses, in no language; indexed with the Swedish texts).
type fieldText struct {
	field field
	text  content.Text
	plain string
}

// roleFields is the search field of each role of a text.
var roleFields = [...]field{content.RoleTitle: fieldTitle, content.RoleShort: fieldShort, content.RoleBody: fieldBody}

// fieldTexts appends the texts of an item to buf, with the names of the
// municipalities and topics it refers to.
func (s *refNames) fieldTexts(item content.Item, buf []fieldText) []fieldText {
	item.SearchTexts(func(t content.SearchText) {
		ft := fieldText{field: roleFields[t.Role], text: t.Text, plain: t.Plain}
		switch t.Ref.Kind {
		case content.KindMunicipality:
			ft.text = s.munis[t.Ref.ID]
		case content.KindTopic:
			ft.text = s.topics[t.Ref.ID]
		}
		if len(ft.text) > 0 || ft.plain != "" {
			buf = append(buf, ft)
		}
	})
	return buf
}

// eachText calls yield with the texts of fts language by language (the
// four in display order, then any others in code order), so a document's
// words come grouped by language and sums come out the same on every
// build.
func eachText(fts []fieldText, yield func(field, content.Lang, string)) {
	for i, l := range content.Languages {
		for _, ft := range fts {
			if v := ft.text[l]; v != "" {
				yield(ft.field, l, v)
			} else if i == 0 && ft.plain != "" {
				yield(ft.field, l, ft.plain)
			}
		}
	}
	var others []content.Lang
	for _, ft := range fts {
		for l, v := range ft.text {
			if v != "" && !l.Known() && !slices.Contains(others, l) {
				others = append(others, l)
			}
		}
	}
	slices.Sort(others)
	for _, l := range others {
		for _, ft := range fts {
			if v := ft.text[l]; v != "" {
				yield(ft.field, l, v)
			}
		}
	}
}
