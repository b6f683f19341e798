package content

// Stats counts items per kind and, per kind, the items whose main text
// (title or name) is written in each language: how complete a translation is.
type Stats struct {
	Items     map[Kind]int          `json:"items"`
	Languages map[Kind]map[Lang]int `json:"languages"`
}

// Stats counts the items of the set.
func (s *Set) Stats() Stats {
	st := Stats{Items: map[Kind]int{}, Languages: map[Kind]map[Lang]int{}}
	add := func(kind Kind, main Text) {
		st.Items[kind]++
		if st.Languages[kind] == nil {
			st.Languages[kind] = map[Lang]int{}
		}
		for _, l := range Languages {
			if main.Has(l) {
				st.Languages[kind][l]++
			}
		}
	}
	for _, m := range s.Municipalities {
		add(KindMunicipality, m.Name)
	}
	for _, t := range s.Topics {
		add(KindTopic, t.Title)
	}
	for _, p := range s.Projects {
		add(KindProject, p.Name)
	}
	for _, a := range s.Articles {
		add(KindArticle, a.Title)
	}
	for _, v := range s.Services {
		add(KindService, v.Name)
	}
	for _, e := range s.Events {
		add(KindEvent, e.Title)
	}
	return st
}
