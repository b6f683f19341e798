package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"path"
	"sort"

	"github.com/motesplats/motesplats/internal/content"
)

// national names the shard of items that belong to no municipality.
const national = "national"

// maxShardBytes is the size a shard is kept under by splitting it into
// parts: go-tuf holds each download in memory, and a change to one item
// re-publishes only its part.
const maxShardBytes = 256 << 10

// Shard is one target file of the feed: the items of one kind in one
// municipality (or part of them), as a JSON array sorted by id.
type Shard struct {
	Name string // e.g. "services/orebro.json", "events/national.2.json"
	Data []byte
}

// Split cuts a content set into shards. The same set always gives the same
// shards, byte for byte, so an unchanged item never re-publishes.
func Split(set *content.Set) ([]Shard, error) {
	groups := map[string][]any{} // shard base name → items
	ids := map[string][]string{} // the items' ids, for ordering and parts
	add := func(kind content.Kind, muni, id string, item any) {
		if muni == "" {
			muni = national
		}
		name := string(kind) + "/" + muni
		groups[name] = append(groups[name], item)
		ids[name] = append(ids[name], id)
	}
	for _, m := range set.Municipalities {
		add(content.KindMunicipality, "", m.ID, m)
	}
	for _, t := range set.Topics {
		add(content.KindTopic, "", t.ID, t)
	}
	for _, p := range set.Projects {
		add(content.KindProject, "", p.ID, p) // projects span municipalities
	}
	for _, a := range set.Articles {
		add(content.KindArticle, a.Municipality, a.ID, a)
	}
	for _, s := range set.Services {
		add(content.KindService, s.Municipality, s.ID, s)
	}
	for _, e := range set.Events {
		add(content.KindEvent, e.Municipality, e.ID, e)
	}
	var out []Shard
	for name, items := range groups {
		shards, err := encodeGroup(name, items, ids[name])
		if err != nil {
			return nil, err
		}
		out = append(out, shards...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// encodeGroup encodes one group, split into 2, 4, 8 … parts by a hash of
// the id when it is too large: an item stays in its part when others come
// and go, so most parts stay the same from one version to the next.
func encodeGroup(name string, items []any, ids []string) ([]Shard, error) {
	encoded := make([][]byte, len(items))
	total := 0
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		encoded[i] = b
		total += len(b) + 1
	}
	parts := 1
	for total/parts > maxShardBytes {
		parts *= 2
	}
	buckets := make([][]int, parts)
	for i, id := range ids {
		p := 0
		if parts > 1 {
			h := fnv.New32a()
			h.Write([]byte(id))
			p = int(h.Sum32() % uint32(parts))
		}
		buckets[p] = append(buckets[p], i)
	}
	var out []Shard
	for p, idx := range buckets {
		if len(idx) == 0 {
			continue
		}
		sort.Slice(idx, func(a, b int) bool { return ids[idx[a]] < ids[idx[b]] })
		items := make([][]byte, len(idx))
		for k, i := range idx {
			items[k] = encoded[i]
		}
		shardName := name + ".json"
		if parts > 1 {
			shardName = fmt.Sprintf("%s.%d.json", name, p)
		}
		out = append(out, Shard{Name: shardName, Data: Encode(items)})
	}
	return out, nil
}

// Join decodes shards back into a content set. Unknown kinds are errors
// naming the shard.
func Join(shards []Shard) (*content.Set, error) {
	var set content.Set
	for _, s := range shards {
		_, items, err := Decode(s)
		if err != nil {
			return nil, err
		}
		for _, item := range items {
			if err := set.Add(item); err != nil {
				return nil, fmt.Errorf("shard %s: %w", s.Name, err)
			}
		}
	}
	return &set, nil
}

// KindOf returns the kind of the items in a shard, from its name.
func KindOf(name string) content.Kind { return content.Kind(path.Dir(name)) }

// Decode decodes one shard into its items,
// for a sync that applies a version shard by shard.
func Decode(s Shard) (content.Kind, []content.Item, error) {
	kind := KindOf(s.Name)
	items, err := content.DecodeItems(kind, s.Data)
	if err != nil {
		return "", nil, fmt.Errorf("shard %s: %w", s.Name, err)
	}
	return kind, items, nil
}

// Encode is the inverse of Decode for the encoded items of one shard, in
// id order: the bytes Split publishes.
func Encode(items [][]byte) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for k, it := range items {
		if k > 0 {
			b.WriteString(",\n")
		}
		b.Write(it)
	}
	b.WriteString("]\n")
	return b.Bytes()
}
