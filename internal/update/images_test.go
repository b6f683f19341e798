package update

import (
	"bytes"
	"context"
	"encoding/hex"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/theupdateframework/go-tuf/v2/metadata"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/store"
)

// picturePublisher is a publisher whose first two articles have pictures,
// with a log of the paths the kiosk asks for.
type picturePublisher struct {
	*publisher
	pictures map[string]*images.Published // by article id
	mu       sync.Mutex
	asked    []string
}

func newPicturePublisher(t *testing.T) *picturePublisher {
	t.Helper()
	p := &picturePublisher{publisher: newPublisher(t, 200), pictures: map[string]*images.Published{}}
	p.server.Close()
	p.setPicture(t, 0, color.RGBA{200, 30, 30, 255})
	p.setPicture(t, 1, color.RGBA{30, 30, 200, 255})
	p.publishPictures(t)
	handler := feed.Handler(p.dir)
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.asked = append(p.asked, r.URL.Path)
		p.mu.Unlock()
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(p.server.Close)
	return p
}

// setPicture gives article i a picture of one colour with a stripe.
func (p *picturePublisher) setPicture(t *testing.T, i int, c color.RGBA) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			if (x/20+y/20)%2 == 0 {
				img.SetRGBA(x, y, c)
			} else {
				img.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	pub, err := images.Make("images/test.jpg", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	a := &p.set.Articles[i]
	a.Image = &content.Image{File: pub.Name, Width: pub.Width, Height: pub.Height,
		Alt: content.Text{"sv": "Rutor", "en": "Squares"}, Credit: content.Text{"sv": "Foto: testet"}}
	p.pictures[a.ID] = pub
}

func (p *picturePublisher) publishPictures(t *testing.T) {
	t.Helper()
	var pics []feed.Shard
	for _, pub := range p.pictures {
		if !slices.ContainsFunc(pics, func(s feed.Shard) bool { return s.Name == pub.Name }) {
			pics = append(pics, feed.Shard{Name: pub.Name, Data: pub.Data})
		}
	}
	if _, err := feed.BuildWith(p.set, pics, p.keys, p.dir, feed.DefaultExpiries, t0); err != nil {
		t.Fatal(err)
	}
}

// picturesAsked returns the picture targets asked for since the last call.
func (p *picturePublisher) picturesAsked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, a := range p.asked {
		if strings.Contains(a, "/"+feed.TargetsDir+"/images/") {
			out = append(out, a)
		}
	}
	p.asked = nil
	return out
}

// targetFile is where the feed folder holds a picture target.
func (p *picturePublisher) targetFile(pub *images.Published) string {
	tf, _ := metadata.TargetFile().FromBytes(pub.Name, pub.Data, "sha256")
	return filepath.Join(p.dir, filepath.FromSlash(feed.TargetPath(pub.Name, hex.EncodeToString(tf.Hashes["sha256"]))))
}

func kioskPicture(t *testing.T, imageDir string, pub *images.Published) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(imageDir, filepath.Base(pub.Name)))
	if err != nil {
		return nil
	}
	return data
}

func articleOf(t *testing.T, st *store.Store, id string) content.Article {
	t.Helper()
	var a content.Article
	var ok bool
	err := st.View(func(tx *store.Tx) (err error) { a, ok, err = tx.Article(id); return err })
	if err != nil || !ok {
		t.Fatalf("article %s is not in the store (%v)", id, err)
	}
	return a
}

// TestPictureChangesOnlyItsTargetComesDown: the first sync fetches every
// picture; a sync with nothing new fetches none; when one picture changes
// only it is downloaded, and the one it replaced is deleted.
func TestPictureChangesOnlyItsTargetComesDown(t *testing.T) {
	p := newPicturePublisher(t)
	st, state := newKiosk(t)
	opt := p.options(state)
	opt.ImageDir = filepath.Join(t.TempDir(), "images")
	res, err := Run(context.Background(), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.picturesAsked(); len(got) != 2 || res.Pictures.Downloaded != 2 || res.Pictures.Total != 2 {
		t.Fatalf("first sync asked for pictures %v; %+v", got, res.Pictures)
	}
	a0, a1 := p.set.Articles[0].ID, p.set.Articles[1].ID
	for _, id := range []string{a0, a1} {
		if !bytes.Equal(kioskPicture(t, opt.ImageDir, p.pictures[id]), p.pictures[id].Data) {
			t.Errorf("the kiosk does not hold %s's picture as published", id)
		}
	}
	if res, err = Run(context.Background(), st, opt); err != nil || len(p.picturesAsked()) != 0 || res.Pictures.Held != 2 {
		t.Fatalf("sync with nothing new: %+v, %v", res, err)
	}

	old := p.pictures[a1]
	p.setPicture(t, 1, color.RGBA{20, 160, 20, 255})
	p.publishPictures(t)
	res, err = Run(context.Background(), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := p.picturesAsked()
	if len(got) != 1 || !strings.HasSuffix(got[0], "."+filepath.Base(p.pictures[a1].Name)) {
		t.Fatalf("after one picture changed the kiosk asked for %v, want only %s", got, p.pictures[a1].Name)
	}
	if res.Pictures.Downloaded != 1 || res.Pictures.Held != 1 || res.Pictures.Removed != 1 {
		t.Errorf("pictures: %+v", res.Pictures)
	}
	if kioskPicture(t, opt.ImageDir, old) != nil {
		t.Error("the replaced picture is still on the kiosk")
	}
	if a := articleOf(t, st, a1); a.Image == nil || a.Image.File != p.pictures[a1].Name {
		t.Errorf("the article names %+v, want the new picture", a.Image)
	}
}

// TestTamperedOrOversizedPictureRefusedItemShows: a picture whose bytes
// differ from the signed ones, or that is over the cap, is not kept; the
// sync still applies the version and the article is there (its page
// shows without the picture); the other picture is kept.
func TestTamperedOrOversizedPictureRefusedItemShows(t *testing.T) {
	for _, tc := range []struct {
		name   string
		spoil  func(p *picturePublisher, opt *Options, pub *images.Published)
		asked  int // picture requests the sync makes
		reason string
	}{
		{"tampered", func(p *picturePublisher, _ *Options, pub *images.Published) {
			data := bytes.Clone(pub.Data)
			data[len(data)/2] ^= 0xff
			if err := os.WriteFile(p.targetFile(pub), data, 0o644); err != nil {
				panic(err)
			}
		}, 2, "differs from the one the feed signed"},
		{"oversized", func(p *picturePublisher, opt *Options, pub *images.Published) {
			opt.MaxImageBytes = int64(len(pub.Data)) - 1 // the other picture is smaller
		}, 1, "over the"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPicturePublisher(t)
			st, state := newKiosk(t)
			opt := p.options(state)
			opt.ImageDir = filepath.Join(t.TempDir(), "images")
			// The larger picture is the one spoilt (for "oversized", the
			// cap lets the smaller one through).
			a0, a1 := p.set.Articles[0].ID, p.set.Articles[1].ID
			if len(p.pictures[a1].Data) > len(p.pictures[a0].Data) {
				a0, a1 = a1, a0
			}
			bad := p.pictures[a0]
			if len(p.pictures[a1].Data) >= len(bad.Data) {
				t.Fatalf("the two test pictures have the same size (%d bytes)", len(bad.Data))
			}
			tc.spoil(p, &opt, bad)
			res, err := Run(context.Background(), st, opt)
			if err != nil {
				t.Fatalf("a bad picture failed the whole sync: %v", err)
			}
			if got := p.picturesAsked(); len(got) != tc.asked {
				t.Errorf("asked for %d pictures (%v), want %d", len(got), got, tc.asked)
			}
			if len(res.Pictures.Refused) != 1 || !strings.Contains(res.Pictures.Refused[0], bad.Name) || !strings.Contains(res.Pictures.Refused[0], tc.reason) {
				t.Errorf("refused %q, want %s refused (%s)", res.Pictures.Refused, bad.Name, tc.reason)
			}
			if res.Pictures.Downloaded != 1 {
				t.Errorf("the good picture was not kept: %+v", res.Pictures)
			}
			if kioskPicture(t, opt.ImageDir, bad) != nil {
				t.Error("the kiosk kept the bad picture")
			}
			if v, _, _ := st.Version(); v.Digest != p.set.Digest() {
				t.Error("the version was not applied")
			}
			if a := articleOf(t, st, a0); a.Image == nil || a.Image.File != bad.Name {
				t.Errorf("the article lost its picture's description: %+v", a.Image)
			}
			entries, _ := os.ReadDir(opt.ImageDir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("left a temporary file %s", e.Name())
				}
			}
		})
	}
}
