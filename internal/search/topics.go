package search

import (
	"math/bits"
	"slices"

	"github.com/motesplats/motesplats/internal/content"
)

// A concept names its topic ("topic:health"), and a visitor who types
// «лікар» is helped by every item of that topic, not only by the few the
// concept names: 1177 and Health care first, then the other health items
// (child health, pharmacies, maternity care …) above what merely
// mentions a doctor elsewhere. So each document carries the topics it
// belongs to: an article its topic, a service, an event or a project its
// categories (the closed list content.Categories, whose health, housing,
// school … are also the built-in topics' ids). A concept's word lifts the
// documents of its topics by weightTopic times what an exact title match
// of a word that as many documents have as the topic would be worth:
// a big topic lifts less, like a common word, and never as much as the
// concept's own targets or the title that says the word (tested in
// topics_test.go).

// weightTopic is what an item of a concept's topic is worth, as a share
// of an exact title match of a word with as many documents as the topic.
const weightTopic = 0.5

// maxTopics is how many topic and category names an index tells apart;
// names past it (in sorted order) lift nothing.
const maxTopics = 64

// topicTable is the names documents are put in topics by: the categories
// and the topics' ids, sorted, at most maxTopics.
func topicTable(topics map[string]content.Text) []string {
	names := slices.Clone(content.Categories)
	for id := range topics {
		names = append(names, id)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return names[:min(len(names), maxTopics)]
}

// topicMask gives the bits of the names in table.
func topicMask(table, names []string) uint64 {
	var m uint64
	for _, n := range names {
		if i, ok := slices.BinarySearch(table, n); ok {
			m |= 1 << i
		}
	}
	return m
}

// docsByTopic lists each topic's documents, in order.
func docsByTopic(masks []uint64, topics int) [][]uint32 {
	out := make([][]uint32, topics)
	for d, m := range masks {
		for m != 0 {
			i := bits.TrailingZeros64(m)
			m &^= 1 << i
			if i < topics {
				out[i] = append(out[i], uint32(d))
			}
		}
	}
	return out
}

// topicValue is what a document of a topic with df documents of n is
// worth to a word of a concept of that topic.
func topicValue(df, n int) float32 {
	return float32(weightTopic * float64(fieldWeight[fieldTitle]) * idfOf(float64(df), float64(max(n, 1))))
}

// topicValues works out topicValue for each of the index's topics.
func (ix *Index) topicValues() []float32 {
	out := make([]float32, len(ix.topicDocs))
	for i, docs := range ix.topicDocs {
		out[i] = topicValue(len(docs), ix.Len())
	}
	return out
}
