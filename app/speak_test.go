package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/speech"
)

// withSpeech makes the read-aloud button think espeak-ng has (or lacks) a
// voice, and gives the window a stand-in synthesiser that reads slowly.
func withSpeech(t *testing.T, supported bool) {
	t.Helper()
	oldSupported, oldSpeaker := speechSupported, sharedSpeaker
	t.Cleanup(func() { speechSupported, sharedSpeaker = oldSupported, oldSpeaker })
	speechSupported = func(content.Lang) bool { return supported }
	script := filepath.Join(t.TempDir(), "espeak-ng")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat >/dev/null\nexec sleep 5\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	sharedSpeaker = &speech.Speaker{Program: script}
}

func TestReadAloudHiddenWithoutSpeech(t *testing.T) {
	withSpeech(t, false)
	u, w := newTestUI(t, content.Arabic)
	for _, p := range []page{articlePage{id: "sfi"}, servicePage{id: "sos-112"}, projectPage{id: "kias-2"}} {
		u.Open(p)
		if hasButton(w, u.t("ReadAloud")) {
			t.Errorf("%T shows read aloud with no voice", p)
		}
	}
}

func TestReadAloudTogglesAndStops(t *testing.T) {
	withSpeech(t, true)
	u, w := newTestUI(t, content.Swedish)
	u.Open(articlePage{id: "sfi"})
	test.Tap(findButton(t, w, "Läs upp"))
	b := findNav(t, w, "Sluta läsa")
	waitFor(t, sharedSpeaker.Speaking)
	test.Tap(b)
	u.voice.wait() // the reading's goroutine resets the button (Fyne's test driver runs its post there)
	if sharedSpeaker.Speaking() || b.Text != "Läs upp" {
		t.Errorf("after stop: speaking %v, button %q", sharedSpeaker.Speaking(), b.Text)
	}
	test.Tap(b)
	waitFor(t, sharedSpeaker.Speaking)
	u.voice.stopReading() // what show() calls when the screen changes
	u.voice.wait()
	if sharedSpeaker.Speaking() {
		t.Error("stopReading left the voice going")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("timed out")
		}
	}
}
