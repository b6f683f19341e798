package search

import (
	"slices"

	"github.com/motesplats/motesplats/internal/content"
)

// docSource is what Build reads documents from: the items in document
// order, and the names of the items they refer to.
type docSource struct {
	docs   []content.Item
	munis  map[string]content.Text
	topics map[string]content.Text
}

// size estimates the number of words of document d from the length of
// its texts, to share the documents out evenly among the workers and
// size buffers once.
func (s *docSource) size(d int) int {
	n := 0
	s.docs[d].SearchTexts(func(t content.SearchText) {
		if t.Role == content.RoleTitle {
			return
		}
		for _, v := range t.Text {
			n += len(v)
		}
	})
	return n/7 + 64
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

// fieldTexts appends the texts of document d to buf, with the names of
// the municipalities and topics it refers to.
func (s *docSource) fieldTexts(d int, buf []fieldText) []fieldText {
	s.docs[d].SearchTexts(func(t content.SearchText) {
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
