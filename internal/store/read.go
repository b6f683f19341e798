package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/motesplats/motesplats/internal/content"
)

// Tx is a read-only view of one content version. It is valid only inside
// the function given to Store.View.
type Tx struct {
	tx *bolt.Tx
	s  *Store
	// unDropped counts the bytes of items Each has read since it last
	// let the pages go.
	unDropped int
}

// Generation changes whenever anything is written to the store (it is
// the number of the last write transaction), so what was read in one
// generation is still true while it is the same: the search screen keeps
// the items it read for the next keystroke on that. A file put in place
// of a damaged one (Replace) starts a new run of generations.
func (t *Tx) Generation() uint64 { return t.s.replaced<<40 | uint64(t.tx.ID()) }

// Version returns the applied content version.
func (t *Tx) Version() (content.Version, bool, error) {
	var v content.Version
	ok, err := getJSON(t.tx.Bucket(bucketMeta), keyVersion, &v)
	return v, ok, err
}

// Stats returns the item and language counts of the applied version.
func (t *Tx) Stats() (content.Stats, error) {
	var st content.Stats
	_, err := getJSON(t.tx.Bucket(bucketMeta), keyStats, &st)
	return st, err
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	if b == nil {
		return false, nil
	}
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	return true, unmarshal(data, v)
}

// get reads one item by id.
func get[T any](t *Tx, kind content.Kind, id string) (T, bool, error) {
	var item T
	ok, err := getJSON(t.tx.Bucket([]byte(kind)), []byte(id), &item)
	if err != nil {
		return item, false, itemError(kind, id, err)
	}
	return item, ok, nil
}

// itemError names the stored item that did not decode.
func itemError(kind content.Kind, id string, err error) error {
	return fmt.Errorf("%s %q: %w", kind, id, err)
}

// all reads every item of a kind, in id order.
func all[T any](t *Tx, kind content.Kind) ([]T, error) {
	b := t.tx.Bucket([]byte(kind))
	if b == nil {
		return nil, nil
	}
	var out []T
	err := b.ForEach(func(k, v []byte) error {
		var item T
		if err := unmarshal(v, &item); err != nil {
			return itemError(kind, string(k), err)
		}
		out = append(out, item)
		return nil
	})
	return out, err
}

// Item returns one item of any kind; an unknown kind is an error.
func (t *Tx) Item(kind content.Kind, id string) (content.Item, bool, error) {
	item, err := content.NewItem(kind)
	if err != nil {
		return nil, false, err
	}
	ok, err := getJSON(t.tx.Bucket([]byte(kind)), []byte(id), item)
	if err != nil {
		return nil, false, itemError(kind, id, err)
	}
	if !ok {
		return nil, false, nil
	}
	return item, true, nil
}

// Has reports whether the version holds the item, without decoding it.
func (t *Tx) Has(kind content.Kind, id string) bool {
	b := t.tx.Bucket([]byte(kind))
	return b != nil && b.Get([]byte(id)) != nil
}

// Summary reads what a list row shows of an item (content.Summary),
// decoding only those fields: a search keystroke reads a screenful of
// items it has not shown before, and skipping their long texts halves
// what each costs (BENCHMARKS.md, issue 16).
func (t *Tx) Summary(kind content.Kind, id string) (content.Summary, bool, error) {
	b := t.tx.Bucket([]byte(kind))
	if b == nil {
		return content.Summary{}, false, nil
	}
	data := b.Get([]byte(id))
	if data == nil {
		return content.Summary{}, false, nil
	}
	s, err := content.DecodeSummary(kind, id, data)
	return s, err == nil, err
}

// Each calls fn with every item of a kind, in id order, decoding one at
// a time: an item fn does not keep is garbage as soon as fn returns, so a
// caller that reads the whole version (the search index) never holds it.
// It stops at fn's first error and returns it.
func (t *Tx) Each(kind content.Kind, fn func(content.Item) error) error {
	if _, err := content.NewItem(kind); err != nil {
		return err
	}
	b := t.tx.Bucket([]byte(kind))
	if b == nil {
		return nil
	}
	// The pages read are let go every few megabytes (see dropPages), so
	// reading every item of a large version does not leave the whole
	// file resident.
	return b.ForEach(func(id, v []byte) error {
		if t.unDropped += len(v); t.unDropped >= dropEvery {
			dropPages(t.tx)
			t.unDropped = 0
		}
		item, err := decodeItem(kind, id, v)
		if err != nil {
			return err
		}
		return fn(item)
	})
}

// dropEvery is how many bytes of items Each reads (over the calls in one
// transaction) between letting the pages go.
const dropEvery = 4 << 20

// Topic returns one topic.
func (t *Tx) Topic(id string) (content.Topic, bool, error) {
	return get[content.Topic](t, content.KindTopic, id)
}

// Article returns one article.
func (t *Tx) Article(id string) (content.Article, bool, error) {
	return get[content.Article](t, content.KindArticle, id)
}

// Service returns one service.
func (t *Tx) Service(id string) (content.Service, bool, error) {
	return get[content.Service](t, content.KindService, id)
}

// Event returns one event.
func (t *Tx) Event(id string) (content.Event, bool, error) {
	return get[content.Event](t, content.KindEvent, id)
}

// Project returns one project.
func (t *Tx) Project(id string) (content.Project, bool, error) {
	return get[content.Project](t, content.KindProject, id)
}

// Municipality returns one municipality.
func (t *Tx) Municipality(id string) (content.Municipality, bool, error) {
	return get[content.Municipality](t, content.KindMunicipality, id)
}

// Topics returns every topic, in their display order.
func (t *Tx) Topics() ([]content.Topic, error) {
	out, err := all[content.Topic](t, content.KindTopic)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, err
}

// Projects returns every project, in id order.
func (t *Tx) Projects() ([]content.Project, error) {
	return all[content.Project](t, content.KindProject)
}

// Municipalities returns every municipality, in id order.
func (t *Tx) Municipalities() ([]content.Municipality, error) {
	return all[content.Municipality](t, content.KindMunicipality)
}

// versionNames are the municipalities' names in one content version.
type versionNames struct {
	digest string
	gen    uint64 // the generation they were last found current in
	names  map[string]content.Text
}

// VersionDigest is the applied version's content digest (Version's
// Digest), decoded once per generation: the search screen asks at every
// keystroke whether its index is of the store's content.
func (t *Tx) VersionDigest() (string, error) {
	gen := t.Generation()
	if c := t.s.digest.Load(); c != nil && c.gen == gen {
		return c.digest, nil
	}
	v, _, err := t.Version()
	if err != nil {
		return "", err
	}
	t.s.digest.Store(&generationDigest{gen, v.Digest})
	return v.Digest, nil
}

type generationDigest struct {
	gen    uint64
	digest string
}

// MunicipalityNames returns every municipality's name by id. They are
// decoded once per content version and shared: the map must not be
// changed. (A screen that names places as the visitor types would
// otherwise decode all 290 at every keystroke.)
func (t *Tx) MunicipalityNames() (map[string]content.Text, error) {
	// Within a generation nothing was written, so the version is the
	// same: no need to decode it again (a search keystroke asks).
	c := t.s.names.Load()
	if c != nil && c.gen == t.Generation() {
		return c.names, nil
	}
	v, _, err := t.Version()
	if err != nil {
		return nil, err
	}
	if c != nil && c.digest == v.Digest && v.Digest != "" {
		t.s.names.Store(&versionNames{c.digest, t.Generation(), c.names})
		return c.names, nil
	}
	names := map[string]content.Text{}
	err = t.Each(content.KindMunicipality, func(m content.Item) error {
		names[m.ItemID()] = m.Main()
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.s.names.Store(&versionNames{v.Digest, t.Generation(), names})
	return names, nil
}

// Articles returns the articles of one topic in their display order, or
// every article (in id order) when topic is "".
func (t *Tx) Articles(topic string) ([]content.Article, error) {
	if topic == "" {
		return all[content.Article](t, content.KindArticle)
	}
	ids, err := t.collectIDs(bucketArticlesTopic, append([]byte(topic), 0), len(orderKey(0)))
	if err != nil {
		return nil, err
	}
	out := make([]content.Article, 0, len(ids))
	for _, id := range ids {
		a, ok, err := t.Article(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// ServiceQuery selects services. Empty fields select everything.
type ServiceQuery struct {
	Municipality string // a municipality id; national services are included
	Category     string
	// Among, when Municipality is empty, keeps the services of these
	// municipalities (and the national ones): a kiosk's own area.
	Among []string
}

// Services returns the services that match q, in id order.
func (t *Tx) Services(q ServiceQuery) ([]content.Service, error) {
	munis := area(q.Municipality, q.Among)
	var ids []string
	var err error
	switch {
	case q.Category != "":
		ids, err = t.collectIDs(bucketServicesByCat, append([]byte(q.Category), 0), 0)
	case len(munis) > 0:
		ids, err = t.idsInMunicipalities(content.KindService, munis)
	default:
		return all[content.Service](t, content.KindService)
	}
	if err != nil {
		return nil, err
	}
	var out []content.Service
	for _, id := range ids {
		s, ok, err := t.Service(id)
		if err != nil {
			return nil, err
		}
		if ok && (len(munis) == 0 || s.Municipality == "" || slices.Contains(munis, s.Municipality)) {
			out = append(out, s)
		}
	}
	return out, nil
}

// area is the municipalities a query keeps (one, or those among, or none
// for all).
func area(municipality string, among []string) []string {
	if municipality != "" {
		return []string{municipality}
	}
	return among
}

// idsInMunicipalities returns the ids of the items of a kind in any of
// the municipalities, and the national ones, once each and sorted.
func (t *Tx) idsInMunicipalities(kind content.Kind, munis []string) ([]string, error) {
	var ids []string
	for _, m := range append([]string{""}, munis...) {
		more, err := t.collectIDs(bucketByMuni, join([]byte(m), []byte(kind), nil), 0)
		if err != nil {
			return nil, err
		}
		ids = append(ids, more...)
	}
	sort.Strings(ids)
	return slices.Compact(ids), nil
}

// InMunicipality returns the ids of the items of a kind in a municipality;
// national items (no municipality) too when withNational is set.
func (t *Tx) InMunicipality(kind content.Kind, municipality string, withNational bool) ([]string, error) {
	return t.idsInMunicipality(kind, municipality, withNational)
}

func (t *Tx) idsInMunicipality(kind content.Kind, muni string, withNational bool) ([]string, error) {
	ids, err := t.collectIDs(bucketByMuni, join([]byte(muni), []byte(kind), nil), 0)
	if err != nil || !withNational || muni == "" {
		return ids, err
	}
	national, err := t.collectIDs(bucketByMuni, join(nil, []byte(kind), nil), 0)
	ids = append(ids, national...)
	sort.Strings(ids)
	return ids, err
}

// collectIDs returns the id part of every key under prefix; skip is the
// number of fixed-width bytes between the prefix and the id.
func (t *Tx) collectIDs(bucket, prefix []byte, skip int) ([]string, error) {
	var ids []string
	b := t.tx.Bucket(bucket)
	if b == nil {
		return nil, nil
	}
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix)+skip:]))
	}
	return ids, nil
}

// Occurrence is one time an event happens.
type Occurrence struct {
	Start time.Time
	// End is zero when the event's end is not known.
	End time.Time
	// Event is the event as it is at this occurrence: an override's
	// title, place or link in place of the series'.
	Event content.Event
	// Moved is true when the occurrence is not at the time its rule gives;
	// Changed when an override changed it in any way.
	Moved, Changed bool
}

// occurrenceOf is e's occurrence that starts at start, as indexed.
func occurrenceOf(e content.Event, start time.Time) Occurrence {
	in := e.InstanceAt(start)
	return Occurrence{Start: start, End: in.End, Event: in.Apply(e),
		Moved: !in.RecurrenceID.Equal(in.Start), Changed: in.Override != nil}
}

// EventQuery selects upcoming event occurrences.
type EventQuery struct {
	From time.Time
	// Municipality limits to one municipality plus national events; "" is
	// every event.
	Municipality string
	// Among, when Municipality is empty, limits to these municipalities
	// plus national events: a kiosk's own area.
	Among []string
	// Project, when set, limits to that project's events, wherever they
	// are (Municipality and Among are not applied).
	Project string
	// Category, when set, limits to events in that category (one of
	// content.Categories); the limit counts only those.
	Category string
	Limit    int
}

// Events returns the next occurrences from q.From on, in start order,
// at most q.Limit (0: no limit). A running recurring event appears once per
// occurrence.
func (t *Tx) Events(q EventQuery) ([]Occurrence, error) {
	bucket, prefixes, keep := q.plan()
	var out []Occurrence
	for _, p := range prefixes {
		more, err := t.eventsFrom(bucket, p, q.From, q.Limit, keep)
		if err != nil {
			return nil, err
		}
		out = mergeOccurrences(more, out, q.Limit)
	}
	return out, nil
}

// plan says where q's occurrences are read: an index bucket, the key
// prefixes to walk in it (their results merged), and what an event must
// pass on the way, so the limit counts only what is shown. The narrowest
// index leads: a project's, a category's, then the area's.
func (q EventQuery) plan() (bucket []byte, prefixes [][]byte, keep func(*content.Event) bool) {
	munis := area(q.Municipality, q.Among)
	switch {
	case q.Project != "":
		if q.Category != "" {
			keep = func(e *content.Event) bool { return slices.Contains(e.Categories, q.Category) }
		}
		return bucketEventsByProj, [][]byte{append([]byte(q.Project), 0)}, keep
	case q.Category != "":
		if len(munis) > 0 {
			keep = func(e *content.Event) bool { return e.Municipality == "" || slices.Contains(munis, e.Municipality) }
		}
		return bucketEventsByCat, [][]byte{append([]byte(q.Category), 0)}, keep
	case len(munis) == 0:
		return bucketEventsByStart, [][]byte{nil}, nil
	}
	prefixes = [][]byte{{0}} // national
	for _, m := range munis {
		prefixes = append(prefixes, append([]byte(m), 0))
	}
	return bucketEventsByMuni, prefixes, nil
}

// eventsFrom walks the keys under prefix on from from; keep, when set,
// leaves out the events it refuses.
func (t *Tx) eventsFrom(bucket, prefix []byte, from time.Time, limit int, keep func(*content.Event) bool) ([]Occurrence, error) {
	b := t.tx.Bucket(bucket)
	if b == nil {
		return nil, nil
	}
	cache := map[string]content.Event{}
	var out []Occurrence
	c := b.Cursor()
	start := append(append([]byte{}, prefix...), timeKey(from)...)
	for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		rest := k[len(prefix):]
		id := string(rest[8:])
		e, ok := cache[id]
		if !ok {
			var err error
			if e, ok, err = t.Event(id); err != nil {
				return nil, err
			}
			if !ok {
				continue // an index entry always has its event: Apply writes both
			}
			cache[id] = e
		}
		if keep != nil && !keep(&e) {
			continue
		}
		out = append(out, occurrenceOf(e, keyTime(rest[:8])))
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

func mergeOccurrences(a, b []Occurrence, limit int) []Occurrence {
	out := make([]Occurrence, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if limit > 0 && len(out) == limit {
			break
		}
		if len(b) == 0 || (len(a) > 0 && !b[0].Start.Before(a[0].Start)) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// Set reads the whole applied version back: for export and for checking
// that what is stored is what was applied.
func (t *Tx) Set() (*content.Set, error) {
	var s content.Set
	var err error
	if s.Municipalities, err = all[content.Municipality](t, content.KindMunicipality); err != nil {
		return nil, err
	}
	if s.Topics, err = all[content.Topic](t, content.KindTopic); err != nil {
		return nil, err
	}
	if s.Projects, err = all[content.Project](t, content.KindProject); err != nil {
		return nil, err
	}
	if s.Articles, err = all[content.Article](t, content.KindArticle); err != nil {
		return nil, err
	}
	if s.Services, err = all[content.Service](t, content.KindService); err != nil {
		return nil, err
	}
	s.Events, err = all[content.Event](t, content.KindEvent)
	return &s, err
}

// PastEvents returns the latest occurrences that started before q.From,
// newest first, at most q.Limit (0: no limit), in q's municipality or
// area with the national ones, or of q's project, as Events reads them:
// what a screen shows when nothing is coming up.
func (t *Tx) PastEvents(q EventQuery) ([]Occurrence, error) {
	bucket, prefixes, keep := q.plan()
	var out []Occurrence
	for _, p := range prefixes {
		more, err := t.eventsBefore(bucket, p, q.From, q.Limit, keep)
		if err != nil {
			return nil, err
		}
		out = mergeNewest(more, out, q.Limit)
	}
	return out, nil
}

// eventsBefore walks the keys under prefix back from before; keep, when
// set, leaves out the events it refuses.
func (t *Tx) eventsBefore(bucket, prefix []byte, before time.Time, limit int, keep func(*content.Event) bool) ([]Occurrence, error) {
	b := t.tx.Bucket(bucket)
	if b == nil {
		return nil, nil
	}
	var out []Occurrence
	c := b.Cursor()
	k, _ := c.Seek(append(append([]byte{}, prefix...), timeKey(before)...))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix) && (limit <= 0 || len(out) < limit); k, _ = c.Prev() {
		rest := k[len(prefix):]
		e, ok, err := t.Event(string(rest[8:]))
		if err != nil {
			return nil, err
		}
		if ok && (keep == nil || keep(&e)) {
			out = append(out, occurrenceOf(e, keyTime(rest[:8])))
		}
	}
	return out, nil
}

// mergeNewest merges two lists of occurrences that are newest first.
func mergeNewest(a, b []Occurrence, limit int) []Occurrence {
	out := make([]Occurrence, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if limit > 0 && len(out) == limit {
			break
		}
		if len(b) == 0 || (len(a) > 0 && !a[0].Start.Before(b[0].Start)) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}
