package main

import (
	"time"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/search"
	"github.com/motesplats/motesplats/internal/search/relevance"
)

// project is the project's engine, internal/search.
type project struct{ ix *search.Index }

func buildProject(set *content.Set) *project { return &project{search.Build(set)} }

// search returns the ids (kind/id) of the first limit results for text in
// lang, of the given kinds (all kinds when nil).
func (p *project) search(text string, lang content.Lang, kinds []content.Kind, limit int) []string {
	res := p.ix.Search(search.Query{Text: text, Lang: lang, Kinds: kinds, Limit: limit})
	ids := make([]string, len(res))
	for i, r := range res {
		ids[i] = string(r.Kind) + "/" + r.ID
	}
	return ids
}

// answers is a searcher for the relevance sets: the first limit results
// of kinds (all when nil) as "kind:id".
func (p *project) answers(limit int) func(string, content.Lang, []content.Kind) []string {
	return func(text string, lang content.Lang, kinds []content.Kind) []string {
		res := p.ix.Search(search.Query{Text: text, Lang: lang, Kinds: kinds, Limit: limit})
		out := make([]string, len(res))
		for i, r := range res {
			out[i] = relevance.Answer(r.Kind, r.ID)
		}
		return out
	}
}

// saveLoad saves the index to path as the app's cache file does, then loads
// it back, and returns how long each took.
func (p *project) saveLoad(path string) (save, load time.Duration, err error) {
	const digest = "bleveref"
	t := time.Now()
	if err := search.SaveFile(path, digest, p.ix); err != nil {
		return 0, 0, err
	}
	save = time.Since(t)
	t = time.Now()
	ix, err := search.LoadFile(path, digest)
	load = time.Since(t)
	if err != nil {
		return 0, 0, err
	}
	p.ix = ix
	return save, load, nil
}
