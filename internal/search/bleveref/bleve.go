package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/motesplats/motesplats/internal/content"
)

// titleBoost is the query-time boost of the title fields: bleve v2 has no
// index-time boost, and title^2 is the usual setup.
const titleBoost = 2.0

// Ukrainian analyzers: bleve has none for Ukrainian. "plain" is bleve's
// unicode tokenizer with lower-casing (its "standard" analyzer without the
// English stop words); "ru" is bleve's Russian analyzer (Russian stop words
// and Snowball stemmer), the closest language it has.
const (
	ukPlain = "uk_plain"
	ukRu    = ru.AnalyzerName
)

// fieldAnalyzer is the bleve analyzer of each language's text fields.
func fieldAnalyzer(lang content.Lang, uk string) string {
	switch lang {
	case content.Swedish:
		return sv.AnalyzerName
	case content.Arabic:
		return ar.AnalyzerName
	case content.English:
		return en.AnalyzerName
	}
	return uk
}

// prefixAnalyzer normalises the last, unfinished word of an as-you-type
// query the way the field's analyzer normalises indexed words, without
// stemming or stop words (a prefix query is not analysed by bleve).
func prefixAnalyzer(lang content.Lang) string {
	if lang == content.Arabic {
		return "prefix_ar"
	}
	return "prefix_plain"
}

// newMapping is one document per item with a title and a body field per
// language (title_sv, body_sv, …), each with its language's analyzer, and
// the item's kind as a keyword field for filtering. Nothing is stored and no
// term vectors are kept: the benchmark only needs ids and scores, so this is
// the cheapest index bleve can build for it.
func newMapping(uk, scoring string) (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = scoring
	if err := im.AddCustomAnalyzer(ukPlain, map[string]interface{}{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("nfkc", map[string]interface{}{
		"type": unicodenorm.Name, "form": unicodenorm.NFKC,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer("prefix_plain", map[string]interface{}{
		"type": custom.Name, "tokenizer": single.Name, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer("prefix_ar", map[string]interface{}{
		"type": custom.Name, "tokenizer": single.Name, "token_filters": []string{lowercase.Name, "nfkc", ar.NormalizeName},
	}); err != nil {
		return nil, err
	}
	doc := bleve.NewDocumentStaticMapping()
	for _, lang := range content.Languages {
		for _, f := range []string{"title", "body"} {
			fm := bleve.NewTextFieldMapping()
			fm.Analyzer = fieldAnalyzer(lang, uk)
			fm.Store = false
			fm.IncludeTermVectors = false
			fm.IncludeInAll = false
			fm.DocValues = false
			doc.AddFieldMappingsAt(f+"_"+string(lang), fm)
		}
	}
	kind := bleve.NewKeywordFieldMapping()
	kind.Analyzer = keyword.Name
	kind.Store = false
	kind.IncludeInAll = false
	kind.DocValues = false
	doc.AddFieldMappingsAt("kind", kind)
	im.DefaultMapping = doc
	im.DefaultAnalyzer = ukPlain
	return im, nil
}

// doc is what bleve indexes of one item.
type doc struct {
	id     string // kind/id
	fields map[string]interface{}
}

// docs turns every item of set into a bleve document: the title or name in
// title_LANG, the other texts a reader sees in body_LANG.
func docs(set *content.Set) []doc {
	var out []doc
	add := func(kind content.Kind, id string, title content.Text, body ...content.Text) {
		f := map[string]interface{}{"kind": string(kind)}
		for _, lang := range content.Languages {
			if t := title[lang]; t != "" {
				f["title_"+string(lang)] = t
			}
			var parts []string
			for _, b := range body {
				if t := b[lang]; t != "" {
					parts = append(parts, t)
				}
			}
			if len(parts) > 0 {
				f["body_"+string(lang)] = strings.Join(parts, "\n\n")
			}
		}
		out = append(out, doc{id: string(kind) + "/" + id, fields: f})
	}
	for _, x := range set.Municipalities {
		add(content.KindMunicipality, x.ID, x.Name, x.County)
	}
	for _, x := range set.Topics {
		add(content.KindTopic, x.ID, x.Title, x.Summary)
	}
	for _, x := range set.Projects {
		body := []content.Text{x.Summary, x.Offers, x.Owner}
		body = append(body, x.Partners...)
		add(content.KindProject, x.ID, x.Name, body...)
	}
	for _, x := range set.Articles {
		add(content.KindArticle, x.ID, x.Title, x.Summary, x.Body)
	}
	for _, x := range set.Services {
		add(content.KindService, x.ID, x.Name, x.Organisation, x.Description)
	}
	for _, x := range set.Events {
		var place content.Text
		if x.Place != nil {
			place = x.Place.Name
		}
		add(content.KindEvent, x.ID, x.Title, x.Description, x.Organiser, place)
	}
	return out
}

// buildBleve indexes set into a new scorch index at path in batches of
// 1,000 documents, as bleve's documentation advises for bulk loads.
// scoring is bleve's scoring model: "" (its default, tf-idf) or "bm25".
func buildBleve(path string, set *content.Set, uk, scoring string) (bleve.Index, error) {
	im, err := newMapping(uk, scoring)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.New(path, im)
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	for _, d := range docs(set) {
		if err := b.Index(d.id, d.fields); err != nil {
			idx.Close()
			return nil, err
		}
		if b.Size() >= 1000 {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, err
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// bleveSearcher builds bleve queries for one index.
type bleveSearcher struct {
	idx bleve.Index
	// fuzziness is the edit distance match queries allow (0: exact terms).
	fuzziness int
	prefix    map[content.Lang]func(string) string
}

func newBleveSearcher(idx bleve.Index) (*bleveSearcher, error) {
	s := &bleveSearcher{idx: idx, prefix: map[content.Lang]func(string) string{}}
	for _, lang := range content.Languages {
		a := idx.Mapping().AnalyzerNamed(prefixAnalyzer(lang))
		if a == nil {
			return nil, fmt.Errorf("no analyzer %s", prefixAnalyzer(lang))
		}
		s.prefix[lang] = func(w string) string {
			ts := a.Analyze([]byte(w))
			if len(ts) == 0 {
				return ""
			}
			return string(ts[0].Term)
		}
	}
	return s, nil
}

// fieldLangs is every language, or only lang when own is set.
func fieldLangs(lang content.Lang, own bool) []content.Lang {
	if own {
		return []content.Lang{lang}
	}
	return content.Languages
}

// textQuery is the query for a submitted text: a disjunction of match
// queries (each analysed with its field's analyzer, terms OR-ed) over the
// title and body fields of every language (only those of lang when own is
// set), titles boosted.
func (s *bleveSearcher) textQuery(text string, lang content.Lang, own bool) query.Query {
	var qs []query.Query
	for _, lang := range fieldLangs(lang, own) {
		for _, f := range []string{"title", "body"} {
			m := bleve.NewMatchQuery(text)
			m.SetField(f + "_" + string(lang))
			m.SetFuzziness(s.fuzziness)
			if f == "title" {
				m.SetBoost(titleBoost)
			}
			qs = append(qs, m)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// typingQuery is the query for a text being typed: textQuery, and when the
// text does not end in a space its last word also as a prefix query on
// every field (normalised like the field's words), so that "vårdc" finds
// "vårdcentral".
func (s *bleveSearcher) typingQuery(text string, lang content.Lang, own bool) query.Query {
	q := s.textQuery(text, lang, own).(*query.DisjunctionQuery)
	words := strings.Fields(text)
	if len(words) == 0 || strings.HasSuffix(text, " ") {
		return q
	}
	last := strings.Trim(words[len(words)-1], ".,;:!?¿¡\"'()«»“”„؟،")
	if last == "" {
		return q
	}
	for _, lang := range fieldLangs(lang, own) {
		p := s.prefix[lang](last)
		if p == "" {
			continue
		}
		for _, f := range []string{"title", "body"} {
			pq := bleve.NewPrefixQuery(p)
			pq.SetField(f + "_" + string(lang))
			if f == "title" {
				pq.SetBoost(titleBoost)
			}
			q.AddQuery(pq)
		}
	}
	return q
}

// search runs q, optionally only over items of kind, and returns the ids
// (kind/id) of the first limit hits.
func (s *bleveSearcher) search(q query.Query, kind content.Kind, limit int) ([]string, error) {
	if kind != "" {
		k := bleve.NewTermQuery(string(kind))
		k.SetField("kind")
		q = bleve.NewConjunctionQuery(q, k)
	}
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	res, err := s.idx.Search(req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// dirSize is the bytes of every file under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
