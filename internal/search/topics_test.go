package search

import (
	"math"
	"slices"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// A concept's word lifts the items of its topic that do not have the
// word: each is worth weightTopic times an exact title match of a word
// with as many documents as the topic, below the concept's own target and
// below the item whose title has the word; without the topic they are
// not found at all.
func TestTopicItemsBelowTargetAndTitle(t *testing.T) {
	list := []Concept{{ID: "test", Targets: []string{"article:sfi", "topic:health"}, SV: []string{"tolk"}, UK: []string{"x"}, AR: []string{"x"}, EN: []string{"x"}}}
	set := builtinContent(t)
	with := BuildWith(set, Options{Concepts: list})
	without := BuildWith(set, Options{Concepts: list, NoTopics: true})
	search := func(ix *Index) []Result { return ix.Search(Query{Text: "tolk", Lang: content.Swedish, Limit: 100}) }
	plain := map[string]bool{}
	for _, r := range search(without) {
		plain[r.ID] = true
	}
	var health []string // health items that do not say "tolk"
	for _, a := range set.Articles {
		if a.Topic == "health" && !plain[a.ID] {
			health = append(health, a.ID)
		}
	}
	for _, s := range set.Services {
		if slices.Contains(s.Categories, "health") && !plain[s.ID] {
			health = append(health, s.ID)
		}
	}
	for _, e := range set.Events {
		if slices.Contains(e.Categories, "health") && !plain[e.ID] {
			health = append(health, e.ID)
		}
	}
	for _, p := range set.Projects {
		if slices.Contains(p.Categories, "health") && !plain[p.ID] {
			health = append(health, p.ID)
		}
	}
	if len(health) < 3 {
		t.Fatalf("health items without the word: %v; the test needs more", health)
	}
	res := search(with)
	if len(res) < 2 || res[0].ID != "interpreter" || res[1].ID != "sfi" {
		t.Fatalf("first two %v, want the title match, then the concept's target", ids(res))
	}
	df := len(with.topicDocs[slices.Index(with.topicNames, "health")])
	want := float64(topicValue(df, with.Len()))
	title := float64(with.concepts.value) / weightConcept // an exact title match of a word one item has
	if !(want < res[1].Score && want < title/2) {
		t.Errorf("a topic's item is worth %.2f: not under the target's %.2f and half a unique title's %.2f", want, res[1].Score, title)
	}
	for _, id := range health {
		i := slices.IndexFunc(res, func(r Result) bool { return r.ID == id })
		switch {
		case i < 0:
			t.Errorf("%s, of the concept's topic, is not found", id)
		case math.Abs(res[i].Score-want) > 1e-4*want:
			t.Errorf("%s scores %.4f, want the topic's %.4f", id, res[i].Score, want)
		}
	}
	for _, r := range res {
		if !plain[r.ID] && !slices.Contains(health, r.ID) && r.ID != "sfi" {
			t.Errorf("%s is lifted but is in no topic of the concept", r.ID)
		}
	}
}

// An update keeps each document's topics and follows a changed one: the
// item moved out of the topic is no longer lifted, as in a build.
func TestUpdateFollowsTopics(t *testing.T) {
	set := builtinContent(t)
	ix := Build(set)
	q := Query{Text: "лікар", Lang: content.Ukrainian, Limit: 100}
	found := func(ix *Index, id string) bool {
		return slices.ContainsFunc(ix.Search(q), func(r Result) bool { return r.ID == id })
	}
	if !found(ix, "winter-in-sweden") {
		t.Fatal("winter-in-sweden (health) is not lifted by «лікар»: the test proves nothing")
	}
	moved := set.Articles[slices.IndexFunc(set.Articles, func(a content.Article) bool { return a.ID == "winter-in-sweden" })]
	moved.Topic = "housing"
	updated, err := ix.Update(setSource{set}, nil, []content.Item{&moved})
	if err != nil {
		t.Fatal(err)
	}
	if found(updated, "winter-in-sweden") {
		t.Error("after its topic changed, winter-in-sweden is still lifted by «лікар»")
	}
	for i := range set.Articles {
		if set.Articles[i].ID == moved.ID {
			set.Articles[i] = moved
		}
	}
	built := Build(set)
	if a, b := ids(updated.Search(q)), ids(built.Search(q)); !slices.Equal(a, b) {
		t.Errorf("updated %v, built %v", a, b)
	}
	// A topic table that differs (a topic added) is a build's work.
	set.Topics = append(set.Topics, content.Topic{ID: "zz-new", Title: content.Text{content.Swedish: "Nytt"}})
	if _, err := ix.Update(setSource{set}, nil, []content.Item{&moved}); err != ErrRebuild {
		t.Errorf("an update with a new topic: %v, want ErrRebuild", err)
	}
}

// A word that is a concept's word with an ending of one or two letters
// the stemmer left on meets it; a longer ending, or a concept word under
// five letters, does not.
func TestConceptWordWithEnding(t *testing.T) {
	list := []Concept{
		{ID: "leave", Targets: []string{"article:parental-benefit"}, SV: []string{"x"}, UK: []string{"декрет"}, AR: []string{"x"}, EN: []string{"x"}},
		{ID: "bank", Targets: []string{"article:bank-money"}, SV: []string{"x"}, UK: []string{"банк"}, AR: []string{"x"}, EN: []string{"x"}},
	}
	ix := BuildWith(builtinContent(t), Options{Concepts: list})
	for _, c := range []struct {
		word string
		want int // the concept's number, -1: none
	}{
		{"декретні", 0},
		{"декретна", 0},
		{"декретними", -1},
		{"банкір", -1},
	} {
		got, _ := ix.concepts.match([][]string{{c.word}}, []bool{false})
		if (c.want < 0) != (len(got[0]) == 0) || c.want >= 0 && got[0][0] != int32(c.want) {
			t.Errorf("%s: concepts %v, want %d", c.word, got[0], c.want)
		}
	}
}
