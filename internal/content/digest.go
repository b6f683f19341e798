package content

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Digest returns the SHA-256 of the set in a canonical form: each kind
// sorted by id and encoded as JSON (Go sorts map keys), so the same content
// gives the same digest whatever order it was read in.
func (s *Set) Digest() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	write := func(kind Kind, ids []string, item func(i int) any) {
		order := make([]int, len(ids))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return ids[order[a]] < ids[order[b]] })
		h.Write([]byte(kind))
		for _, i := range order {
			_ = enc.Encode(item(i)) // encoding a hash writer cannot fail
		}
	}
	write(KindMunicipality, idsOf(s.Municipalities, func(m Municipality) string { return m.ID }), func(i int) any { return s.Municipalities[i] })
	write(KindTopic, idsOf(s.Topics, func(t Topic) string { return t.ID }), func(i int) any { return s.Topics[i] })
	write(KindProject, idsOf(s.Projects, func(p Project) string { return p.ID }), func(i int) any { return s.Projects[i] })
	write(KindArticle, idsOf(s.Articles, func(a Article) string { return a.ID }), func(i int) any { return s.Articles[i] })
	write(KindService, idsOf(s.Services, func(v Service) string { return v.ID }), func(i int) any { return s.Services[i] })
	write(KindEvent, idsOf(s.Events, func(e Event) string { return e.ID }), func(i int) any { return s.Events[i] })
	return hex.EncodeToString(h.Sum(nil))
}

func idsOf[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
