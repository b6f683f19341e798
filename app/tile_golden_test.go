package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// firstTopics are the first four topics of the built-in content.
func firstTopics(t *testing.T, u *UI) []content.Topic {
	t.Helper()
	var topics []content.Topic
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(topics) < 4 {
		t.Fatalf("%d topics, want at least 4", len(topics))
	}
	return topics[:4]
}

// TestGoldenTopicTiles: topic tiles without pictures, two to a row as on
// a narrow Home, in Swedish and Arabic (mirrored). The reference images
// were drawn before tiles could carry a picture: a tile without one must
// look exactly as it did.
func TestGoldenTopicTiles(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		t.Run(string(lang), func(t *testing.T) {
			u, w := newTestUI(t, lang)
			w.SetPadded(false)
			w.SetContent(u.topicTiles(firstTopics(t, u), 2, pictureTileIcon))
			w.Resize(fyne.NewSize(540, 320))
			test.AssertImageMatches(t, "golden/tiles-plain-"+string(lang)+".png", w.Canvas().Capture())
		})
	}
}

// TestGoldenTopicTileWithPicture: the same tiles with a picture on the
// topic health: the picture above the title, the pictogram on its badge
// in the corner where reading starts.
func TestGoldenTopicTileWithPicture(t *testing.T) {
	for _, lang := range []content.Lang{content.Swedish, content.Arabic} {
		t.Run(string(lang), func(t *testing.T) {
			forgetTilePictures()
			u, w := newTestUI(t, lang)
			if _, err := u.lib.LoadLocal(contentWithTopicPicture(t)); err != nil {
				t.Fatal(err)
			}
			w.SetPadded(false)
			w.SetContent(u.topicTiles(firstTopics(t, u), 2, pictureTileIcon))
			w.Resize(fyne.NewSize(540, 320))
			test.AssertImageMatches(t, "golden/tiles-picture-"+string(lang)+".png", w.Canvas().Capture())
		})
	}
}
