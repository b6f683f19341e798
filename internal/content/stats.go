package content

// Stats counts items per kind and, per kind, the items whose main text
// (title or name) is written in each language: how complete a translation is.
type Stats struct {
	Items     map[Kind]int          `json:"items"`
	Languages map[Kind]map[Lang]int `json:"languages"`
}

// Stats counts the items of the set.
func (s *Set) Stats() Stats {
	st := NewStats()
	s.Each(func(item Item) { st.Count(item, 1) })
	return st
}

// NewStats returns empty counts.
func NewStats() Stats {
	return Stats{Items: map[Kind]int{}, Languages: map[Kind]map[Lang]int{}}
}

// Count adds one item (delta 1) or takes one away (delta -1), so counts
// can follow a version that changes item by item.
func (st Stats) Count(item Item, delta int) {
	kind, main := item.Kind(), item.Main()
	st.Items[kind] += delta
	if st.Languages[kind] == nil {
		st.Languages[kind] = map[Lang]int{}
	}
	for _, l := range Languages {
		if main.Has(l) {
			st.Languages[kind][l] += delta
		}
	}
}
