package search

import (
	"slices"

	"github.com/motesplats/motesplats/internal/content"
)

// docSource is what Build reads one document from.
type docSource struct {
	set    *content.Set
	munis  map[string]content.Text
	topics map[string]content.Text
}

// size estimates the number of words of document d from the length of
// its main texts, to share the documents out evenly among the workers and
// size buffers once.
func (s *docSource) size(d int) int {
	n := 0
	bytes := func(t content.Text) {
		for _, v := range t {
			n += len(v)
		}
	}
	set := s.set
	switch {
	case d < len(set.Articles):
		bytes(set.Articles[d].Body)
	case d < len(set.Articles)+len(set.Services):
		bytes(set.Services[d-len(set.Articles)].Description)
	case d < len(set.Articles)+len(set.Services)+len(set.Events):
		bytes(set.Events[d-len(set.Articles)-len(set.Services)].Description)
	default:
		p := &set.Projects[d-len(set.Articles)-len(set.Services)-len(set.Events)]
		bytes(p.Summary)
		bytes(p.Offers)
	}
	return n/7 + 64
}

// fieldText is one text of a document: translated, or plain (names and
// addresses, in no language; indexed with the Swedish texts).
type fieldText struct {
	field field
	text  content.Text
	plain string
}

// fieldTexts appends the texts of document d to buf.
func (s *docSource) fieldTexts(ix *Index, d int, buf []fieldText) []fieldText {
	text := func(f field, t content.Text) {
		if len(t) > 0 {
			buf = append(buf, fieldText{field: f, text: t})
		}
	}
	plain := func(f field, v string) {
		if v != "" {
			buf = append(buf, fieldText{field: f, plain: v})
		}
	}
	address := func(a *content.Address) {
		if a != nil {
			plain(fieldBody, a.Street)
			plain(fieldBody, a.City)
		}
	}
	set := s.set
	switch {
	case d < len(set.Articles):
		a := &set.Articles[d]
		text(fieldTitle, a.Title)
		text(fieldShort, a.Summary)
		text(fieldShort, a.Keywords.Text())
		text(fieldBody, a.Body)
		text(fieldBody, s.topics[a.Topic])
		text(fieldBody, s.munis[a.Municipality])
	case d < len(set.Articles)+len(set.Services):
		v := &set.Services[d-len(set.Articles)]
		text(fieldTitle, v.Name)
		text(fieldShort, v.Organisation)
		text(fieldShort, v.Keywords.Text())
		text(fieldBody, v.Description)
		address(v.Address)
		text(fieldBody, s.munis[v.Municipality])
		if v.Hours != nil {
			text(fieldBody, v.Hours.Note)
		}
	case d < ix.eventBase+len(set.Events):
		e := &set.Events[d-ix.eventBase]
		text(fieldTitle, e.Title)
		text(fieldShort, e.Organiser)
		text(fieldShort, e.Keywords.Text())
		text(fieldBody, e.Description)
		text(fieldBody, e.OnlineInfo)
		if e.Place != nil {
			text(fieldShort, e.Place.Name)
			address(e.Place.Address)
		}
		text(fieldBody, s.munis[e.Municipality])
	default:
		p := &set.Projects[d-ix.eventBase-len(set.Events)]
		text(fieldTitle, p.Name)
		text(fieldShort, p.Summary)
		text(fieldShort, p.Owner)
		text(fieldShort, p.Keywords.Text())
		text(fieldBody, p.Offers)
		text(fieldBody, p.ContactRole)
		for _, t := range p.Partners {
			text(fieldBody, t)
		}
		for _, m := range p.Municipalities {
			text(fieldBody, s.munis[m])
		}
	}
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
