package search

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	assetsearch "github.com/motesplats/motesplats/assets/search"
	"github.com/motesplats/motesplats/internal/content"
)

// Concepts are what a visitor means rather than what they type: "лікар",
// "دكتور", "läkare" and "doctor" all mean someone who sees sick people,
// and the items that answer that are the 1177 service and the health care
// article, whether or not their text says "лікар". The list is data,
// assets/search/concepts.toml, so that editors can review it; each
// concept has its everyday words per language (a word or a phrase of a
// few words) and its targets, "kind:id" of items of the built-in content,
// and topics.
//
// A query word that is one of a concept's words (as written, folded or
// stemmed: "лікаря" is "лікар") adds the concept's item targets to that
// word's matches, worth weightConcept times what an exact title match of
// a word only one item has is worth: above any body text, below the title
// that says the word. A phrase ("зубний лікар") wins over the concepts of
// its single words ("лікар"), so a dentist is not a doctor.

// Concept is one entry of the concept list.
type Concept struct {
	ID string `toml:"id"`
	// Targets are "kind:id": article, service, event, project or topic.
	Targets []string `toml:"targets"`
	SV      []string `toml:"sv"`
	UK      []string `toml:"uk"`
	AR      []string `toml:"ar"`
	EN      []string `toml:"en"`
}

// Words returns the concept's words in lang.
func (c *Concept) Words(lang content.Lang) []string {
	switch lang {
	case content.Swedish:
		return c.SV
	case content.Ukrainian:
		return c.UK
	case content.Arabic:
		return c.AR
	case content.English:
		return c.EN
	}
	return nil
}

// targetKinds maps a target's kind word to the content kind.
var targetKinds = map[string]content.Kind{
	"article": content.KindArticle,
	"service": content.KindService,
	"event":   content.KindEvent,
	"project": content.KindProject,
	"topic":   content.KindTopic,
}

// ParseTarget splits "kind:id" into a content kind and an id.
func ParseTarget(t string) (content.Kind, string, bool) {
	k, id, ok := strings.Cut(t, ":")
	kind, known := targetKinds[k]
	if !ok || !known || !content.ValidID(id) {
		return "", "", false
	}
	return kind, id, true
}

// ParseConcepts reads a concept list; name is used in errors, which name
// the concept and what is wrong with it.
func ParseConcepts(data []byte, name string) ([]Concept, error) {
	var file struct {
		Concept []Concept `toml:"concept"`
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("%s: unknown field %s", name, un[0])
	}
	seen := map[string]bool{}
	var errs []string
	for i, c := range file.Concept {
		where := fmt.Sprintf("%s: concept %d (%q)", name, i+1, c.ID)
		switch {
		case !content.ValidID(c.ID):
			errs = append(errs, where+": id is not a valid id")
		case seen[c.ID]:
			errs = append(errs, where+": id repeats an earlier concept")
		}
		seen[c.ID] = true
		if len(c.Targets) == 0 {
			errs = append(errs, where+": no targets")
		}
		for _, t := range c.Targets {
			if _, _, ok := ParseTarget(t); !ok {
				errs = append(errs, fmt.Sprintf("%s: target %q is not kind:id (kind article, service, event, project or topic)", where, t))
			}
		}
		for _, lang := range content.Languages {
			words := c.Words(lang)
			if len(words) == 0 {
				errs = append(errs, fmt.Sprintf("%s: no %s words", where, lang))
			}
			for _, w := range words {
				if n := len(Analyze(lang, w)); n == 0 || n > maxPhrase {
					errs = append(errs, fmt.Sprintf("%s: %s word %q has %d words; 1 to %d", where, lang, w, n, maxPhrase))
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return file.Concept, nil
}

// A word in another script meets a Swedish concept word of
// one word by phonetic key (translit.go), of minConceptKey letters at
// least; the keys are marked so that they never meet a word's own forms.
const (
	minConceptKey  = 4
	conceptKeyMark = "\x00"
)

// maxPhrase is the most words a concept's phrase may have.
const maxPhrase = 4

// BuiltinConcepts is the embedded concept list.
var BuiltinConcepts = sync.OnceValues(func() ([]Concept, error) {
	return ParseConcepts(assetsearch.Concepts, "assets/search/concepts.toml")
})

// weightConcept is what a concept's target is worth, as a share of an
// exact title match of a word only one item has.
const weightConcept = 0.9

// conceptIndex is the concept list compiled against one index.
type conceptIndex struct {
	concepts []compiledConcept
	phrases  []conceptPhrase
	// byKey lists the phrases by every key (fold or stem) of their first
	// word.
	byKey map[string][]int32
	// starts are the single-word phrases' folds, sorted, for a word being
	// typed ("läkar" → läkare).
	starts []conceptStart
	value  float32 // what a target is worth
	// topicValue is what a document of each topic of the index is worth
	// (topics.go).
	topicValue []float32
}

type compiledConcept struct {
	id      string
	docs    []uint32 // sorted
	topics  []string
	targets []string // the item targets, as kind/id
	// topicBits are the concept's topics in the index's topic table.
	topicBits uint64
}

type conceptPhrase struct {
	concept int32
	words   [][]string // the keys of each word
}

type conceptStart struct {
	fold   string
	phrase int32
}

// compileConcepts resolves the targets of list to documents of ix (those
// it does not have are left out: a kiosk's content may lack them) and
// analyses their words as the index does.
func compileConcepts(list []Concept, ix *Index) *conceptIndex {
	ci := &conceptIndex{byKey: map[string][]int32{}}
	docOf := make(map[string]uint32, len(ix.ids))
	for d, id := range ix.ids {
		if !ix.isDead(uint32(d)) {
			docOf[string(ix.kinds[d])+"/"+id] = uint32(d)
		}
	}
	var a wordAnalysis
	for _, c := range list {
		cc := compiledConcept{id: c.ID}
		for _, t := range c.Targets {
			kind, id, _ := ParseTarget(t)
			if kind == content.KindTopic {
				cc.topics = append(cc.topics, id)
				cc.topicBits |= topicMask(ix.topicNames, []string{id})
				continue
			}
			cc.targets = append(cc.targets, string(kind)+"/"+id)
			if d, ok := docOf[string(kind)+"/"+id]; ok {
				cc.docs = append(cc.docs, d)
			}
		}
		slices.Sort(cc.docs)
		n := int32(len(ci.concepts))
		ci.concepts = append(ci.concepts, cc)
		for _, lang := range content.Languages {
			for _, w := range c.Words(lang) {
				p := conceptPhrase{concept: n}
				t := tokenizer{s: w}
				for {
					tok, ok := t.next()
					if !ok {
						break
					}
					a.analyze(tok.text, latinAnalyzer(lang))
					p.words = append(p.words, keysOf(&a))
				}
				if len(p.words) == 0 {
					continue
				}
				pi := int32(len(ci.phrases))
				ci.phrases = append(ci.phrases, p)
				for _, k := range p.words[0] {
					if !slices.Contains(ci.byKey[k], pi) {
						ci.byKey[k] = append(ci.byKey[k], pi)
					}
				}
				if len(p.words) == 1 {
					ci.starts = append(ci.starts, conceptStart{p.words[0][0], pi})
					if lang == content.Swedish && a.script == scriptLatin {
						// Heard and written in another script (the query
						// word's key is marked the same way).
						if k := phoneticKey(nil, string(a.fold)); len(k) >= minConceptKey {
							k = conceptKeyMark + k
							p.words[0] = append(p.words[0], k)
							ci.phrases[pi] = p
							if !slices.Contains(ci.byKey[k], pi) {
								ci.byKey[k] = append(ci.byKey[k], pi)
							}
						}
					}
				}
			}
		}
	}
	slices.SortFunc(ci.starts, func(x, y conceptStart) int { return strings.Compare(x.fold, y.fold) })
	ci.value = conceptValue(ix.Len())
	ci.topicValue = ix.topicValues()
	return ci
}

func conceptValue(docs int) float32 {
	n := float64(max(docs, 1))
	return float32(weightConcept * float64(fieldWeight[fieldTitle]) * math.Log(1+(n-1+0.5)/(1+0.5)))
}

// update is the concept list compiled against the index an update makes
// (update.go): its words are analysed already, only the documents move.
func (ci *conceptIndex) update(u *updater, ix *Index) *conceptIndex {
	if ci == nil {
		return nil
	}
	added := map[string]uint32{}
	for a, id := range u.add.ids {
		added[string(u.add.kinds[a])+"/"+id] = u.addAt[a]
	}
	out := *ci
	out.concepts = make([]compiledConcept, len(ci.concepts))
	for i, c := range ci.concepts {
		c.docs = slices.Clone(c.docs)[:0]
		for _, d := range ci.concepts[i].docs {
			if !u.isReplaced(d) { // a changed document is among added
				c.docs = append(c.docs, d)
			}
		}
		for _, t := range c.targets {
			if d, ok := added[t]; ok {
				c.docs = append(c.docs, d)
			}
		}
		slices.Sort(c.docs)
		out.concepts[i] = c
	}
	out.value = conceptValue(ix.Len())
	out.topicValue = ix.topicValues()
	return &out
}

// keysOf are the forms a word is matched to a concept word by: its fold
// and those of its stems that only take an ending off (at most
// stemSlack letters): a stem that cuts deeper joins words of other
// meanings ("лікарняний", sick pay, would be "лікар", doctor).
//
// A Cyrillic word's keys also have their loose forms (cyrillicLoose,
// marked), so that «ликар» meets лікар.
func keysOf(a *wordAnalysis) []string {
	keys := []string{string(a.fold)}
	n := utf8.RuneCount(a.fold)
	for _, s := range a.stems[:a.nstems] {
		if n-utf8.RuneCountInString(s) <= stemSlack && !slices.Contains(keys, s) {
			keys = append(keys, s)
		}
	}
	if a.script == scriptCyrillic {
		for _, k := range keys {
			if l, _ := cyrillicLoose(k); !slices.Contains(keys, looseMark+l) {
				keys = append(keys, looseMark+l)
			}
		}
	}
	return keys
}

// stemSlack is how many letters a stem may take off and still match a
// concept's word.
const stemSlack = 3

// conceptPrefixMin is the letters a word being typed needs before it is
// taken for the start of a concept's word.
const conceptPrefixMin = 4

// match returns, for each of the query's words, the concepts it hits: of
// the phrases that match at a word, only the longest count for it.
func (ci *conceptIndex) match(words [][]string, partial []bool) (out [][]int32, whole []bool) {
	out = make([][]int32, len(words))
	whole = make([]bool, len(words))
	span := make([]int, len(words)) // the longest phrase that covers each word
	type hit struct {
		start, n int
		concept  int32
	}
	var hits []hit
	for i := range words {
		found := len(hits)
		for _, k := range words[i] {
			for _, pi := range ci.byKey[k] {
				p := &ci.phrases[pi]
				if i+len(p.words) > len(words) || !phraseAt(p, words, i) {
					continue
				}
				hits = append(hits, hit{i, len(p.words), p.concept})
				whole[i] = whole[i] || len(p.words) == 1
			}
		}
		// A word being typed that is no concept's word yet may be the
		// start of one.
		if len(hits) == found && partial[i] && len(words[i]) > 0 && utf8.RuneCountInString(words[i][0]) >= conceptPrefixMin {
			prefix := words[i][0]
			lo, _ := slices.BinarySearchFunc(ci.starts, prefix, func(s conceptStart, p string) int { return strings.Compare(s.fold, p) })
			for j := lo; j < len(ci.starts) && j < lo+8 && strings.HasPrefix(ci.starts[j].fold, prefix); j++ {
				hits = append(hits, hit{i, 1, ci.phrases[ci.starts[j].phrase].concept})
			}
		}
		// A word that is no concept's word, nor the start of one, may be
		// one with an ending the stemmer left on («декретні» is декрет).
		if len(hits) == found && len(words[i]) > 0 {
			for _, c := range ci.endingOf(words[i][0]) {
				hits = append(hits, hit{i, 1, c})
			}
		}
	}
	for _, h := range hits {
		for w := h.start; w < h.start+h.n; w++ {
			span[w] = max(span[w], h.n)
		}
	}
	for _, h := range hits {
		for w := h.start; w < h.start+h.n; w++ {
			if span[w] == h.n && !slices.Contains(out[w], h.concept) {
				out[w] = append(out[w], h.concept)
			}
		}
	}
	return out, whole
}

// A concept's word of conceptEndingMin letters or more also meets a
// word that is it and an ending of at most conceptEndingMax letters.
const (
	conceptEndingMin = 5
	conceptEndingMax = 2
)

// endingOf returns the concepts of the single-word phrases that fold is
// with an ending.
func (ci *conceptIndex) endingOf(fold string) []int32 {
	var out []int32
	r := []rune(fold)
	for cut := 1; cut <= conceptEndingMax && len(r)-cut >= conceptEndingMin; cut++ {
		stem := string(r[:len(r)-cut])
		j, ok := slices.BinarySearchFunc(ci.starts, stem, func(s conceptStart, p string) int { return strings.Compare(s.fold, p) })
		for ; ok && j < len(ci.starts) && ci.starts[j].fold == stem; j++ {
			if c := ci.phrases[ci.starts[j].phrase].concept; !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// phraseAt reports whether phrase p's words follow one another in words
// from i on.
func phraseAt(p *conceptPhrase, words [][]string, i int) bool {
	for j, want := range p.words {
		ok := false
		for _, k := range words[i+j] {
			if slices.Contains(want, k) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
