package update

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
)

// signHostile publishes shards as version 2 of p's feed, signed with p's
// keys but without any of Build's checks: what a broken publishing tool
// or a stolen targets key could sign. p holds version 1 (newPublisher).
func signHostile(t *testing.T, p *publisher, shards []feed.Shard) {
	t.Helper()
	keys, err := feed.LoadKeys(p.keys)
	if err != nil {
		t.Fatal(err)
	}
	expires := t0.Add(30 * 24 * time.Hour)
	targets := metadata.Targets(expires)
	targets.Signed.Version = 2
	for _, s := range shards {
		tf, err := metadata.TargetFile().FromBytes(s.Name, s.Data, "sha256")
		if err != nil {
			t.Fatal(err)
		}
		targets.Signed.Targets[s.Name] = tf
		writeFeedFile(t, p.dir, feed.TargetPath(s.Name, hex.EncodeToString(tf.Hashes["sha256"])), s.Data)
	}
	snapshot := metadata.Snapshot(expires)
	snapshot.Signed.Version = 2
	snapshot.Signed.Meta["targets.json"] = metadata.MetaFile(2)
	timestamp := metadata.Timestamp(expires)
	timestamp.Signed.Version = 2
	timestamp.Signed.Meta["snapshot.json"] = metadata.MetaFile(2)
	signer := func(k ed25519.PrivateKey) signature.Signer {
		s, err := signature.LoadSigner(k, crypto.Hash(0))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	_, err1 := targets.Sign(signer(keys.Targets))
	_, err2 := snapshot.Sign(signer(keys.Snapshot))
	_, err3 := timestamp.Sign(signer(keys.Timestamp))
	if err1 != nil || err2 != nil || err3 != nil {
		t.Fatal(err1, err2, err3)
	}
	for name, md := range map[string]interface{ ToBytes(bool) ([]byte, error) }{
		"2.targets.json": targets, "2.snapshot.json": snapshot, "timestamp.json": timestamp} {
		data, err := md.ToBytes(false)
		if err != nil {
			t.Fatal(err)
		}
		writeFeedFile(t, p.dir, feed.MetadataDir+"/"+name, data)
	}
}

func writeFeedFile(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hostileShards splits a changed copy of set into shards and lets tamper
// change their bytes.
func hostileShards(t *testing.T, set *content.Set, change func(s *content.Set), tamper func(shards []feed.Shard) []feed.Shard) []feed.Shard {
	t.Helper()
	var copied content.Set
	set.Each(func(item content.Item) { copied.Add(item) })
	copied.Services = append([]content.Service(nil), copied.Services...)
	copied.Articles = append([]content.Article(nil), copied.Articles...)
	if change != nil {
		change(&copied)
	}
	shards, err := feed.Split(&copied)
	if err != nil {
		t.Fatal(err)
	}
	if tamper != nil {
		shards = tamper(shards)
	}
	return shards
}

// withItem appends raw JSON as one more item of the first shard of kind.
func withItem(kind content.Kind, raw string) func([]feed.Shard) []feed.Shard {
	return func(shards []feed.Shard) []feed.Shard {
		for i, s := range shards {
			if feed.KindOf(s.Name) == kind {
				data := strings.TrimSuffix(string(s.Data), "]\n")
				shards[i].Data = []byte(data + ",\n" + raw + "]\n")
				return shards
			}
		}
		panic("no shard of kind " + kind)
	}
}

func bigService(id string, words int, word string) string {
	return `{"id": "` + id + `", "name": {"sv": "Stor"}, "description": {"sv": "` + strings.Repeat(word+" ", words) + `"}}`
}

// Issue 13, parts 4 to 6 and the smaller reasons: a kiosk holding version
// 1 is offered a signed, hostile version 2 through a real feed server.
// Every one is refused with its reason and the kiosk keeps version 1
// whole.
func TestKioskRefusesHostileSignedVersions(t *testing.T) {
	phone := func(v string) func(s *content.Set) {
		return func(s *content.Set) { s.Services[0].Phone = v }
	}
	cases := []struct {
		name   string
		change func(s *content.Set)
		tamper func([]feed.Shard) []feed.Shard
		reason Reason
		msg    string
	}{
		{"phone with a right-to-left override", phone("\u202e7711\u202c"), nil,
			ReasonContent, regexp.QuoteMeta("services/motesplats-nacka-1: phone: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 1")},
		{"phone with a right-to-left mark", phone("070-123 \u200f45 67"), nil,
			ReasonContent, regexp.QuoteMeta("phone: contains U+200F (RIGHT-TO-LEFT MARK) at character 9")},
		{"street with an override", func(s *content.Set) {
			s.Services[0].Address = &content.Address{Street: "Storgatan \u202e21\u202c", City: "Örebro"}
		}, nil, ReasonContent, regexp.QuoteMeta("address.street: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 11")},
		{"language code with a mark", func(s *content.Set) { s.Services[0].Languages = []string{"\u200fsv"} }, nil,
			ReasonContent, `languages\[0\]: contains U\+200F`},
		{"no items at all", nil, func([]feed.Shard) []feed.Shard { return nil },
			ReasonEmpty, "holds no items"},
		{"the 112 article removed", func(s *content.Set) {
			s.Articles = s.Articles[1:] // synth puts emergency-112 first
		}, nil, ReasonCoreMissing, "lacks articles/emergency-112"},
		{"a 5 MB item", nil, withItem(content.KindService, bigService("stor", 5<<20/4, "ord")),
			ReasonTooLarge, "item [0-9]+ is [0-9]+ bytes; an item may be at most 262144"},
		{"a word of 60,000 characters", nil, withItem(content.KindService, bigService("lang", 1, strings.Repeat("x", 60000))),
			ReasonContent, "services/lang: description.sv: has a word of 60000 characters"},
		{"a field of 100 kB", nil, withItem(content.KindService, bigService("falt", 20000, "ordet")),
			ReasonContent, "services/falt: description.sv: is 120000 bytes; this field may be at most 65536"},
		{"a null item", nil, withItem(content.KindService, "null"),
			ReasonContent, "item [0-9]+ is null, not an item"},
		{"a shard with no items", nil, func(shards []feed.Shard) []feed.Shard {
			return append(shards, feed.Shard{Name: "services/tom.json", Data: []byte("[]\n")})
		}, ReasonContent, "holds no items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newPublisher(t, 60)
			st, state := newKiosk(t)
			if res, err := Run(context.Background(), st, p.options(state)); err != nil || res.Version != 1 {
				t.Fatalf("first sync: %+v, %v", res, err)
			}
			before := stateOf(t, st)
			signHostile(t, p, hostileShards(t, p.set, c.change, c.tamper))
			_, err := Run(context.Background(), st, p.options(state))
			se := expectFailure(t, err, c.reason, c.msg)
			if se.Requests == 0 {
				t.Error("the failure report counts no requests")
			}
			if after := stateOf(t, st); !after.equal(before) {
				t.Fatalf("the kiosk's content changed: %+v, was %+v", after, before)
			}
		})
	}
}

// A fresh kiosk (built-in content, applied whole) is rebuilt part by part
// rather than patched; the core check holds on that path too.
func TestFreshKioskRefusesAVersionWithoutTheCore(t *testing.T) {
	p := newPublisher(t, 60)
	signHostile(t, p, hostileShards(t, p.set, func(s *content.Set) { s.Topics = s.Topics[1:]; s.Articles = s.Articles[1:] }, nil))
	st, state := newKiosk(t)
	set := p.set // stands in for the built-in content
	if err := st.Apply(set, content.Version{Source: content.SourceBuiltin}); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, st)
	_, err := Run(context.Background(), st, p.options(state))
	expectFailure(t, err, ReasonCoreMissing, "lacks topics/emergency, articles/emergency-112")
	if after := stateOf(t, st); !after.equal(before) {
		t.Fatalf("the kiosk's content changed")
	}
}

// Importing from a folder that holds no feed says so, not "offline … 404".
func TestImportFromAFolderWithoutAFeed(t *testing.T) {
	p := newPublisher(t, 60)
	st, state := newKiosk(t)
	opt := p.options(state)
	opt.Feed = t.TempDir()
	_, err := Run(context.Background(), st, opt)
	expectFailure(t, err, ReasonNoFeed, "holds no feed")
}

// FuzzDecodeShard feeds arbitrary bytes to the kiosk's shard decoder for
// every kind: it must not panic, and whatever it accepts must be items of
// that kind with each item within the size limit.
func FuzzDecodeShard(f *testing.F) {
	for _, seed := range []string{`[]`, `[null]`, `[{"id":"a","name":{"sv":"A"}}]`, `{"id":"a"}`, `[{"id":"a"}] x`,
		`[{"id":"a","phone":"\u202e1"}]`, `[1,2]`, `[{"id":"a","start":"not a time"}]`, `[[]]`} {
		f.Add(seed)
	}
	kinds := content.Kinds
	f.Fuzz(func(t *testing.T, data string) {
		for _, kind := range kinds {
			d := &downloader{core: content.NewCoreCheck()}
			part, err := d.decode(feed.Shard{Name: string(kind) + "/x.json", Data: []byte(data)}, "h")
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("%s: error %v is not a *sync.Error", kind, err)
				}
				continue
			}
			for _, item := range part.Items {
				if k, _ := item.Kind(), item.ItemID(); k != kind {
					t.Fatalf("%s shard gave a %T", kind, item)
				}
			}
		}
	})
}
