package app

import (
	"context"
	"errors"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/speech"
)

// Read aloud: a page's title and text spoken by espeak-ng in the reader's
// language, for visitors who read with difficulty.

// speechSupported tells whether the button is shown for a language; tests
// replace it, so they do not depend on espeak-ng being installed.
var speechSupported = speech.Supports

// sharedSpeaker is the window's one voice: a new page or a new text ends
// the one before. The zero Speaker is ready to use.
var sharedSpeaker = &speech.Speaker{}

// warmSpeech asks espeak-ng once, in the background, which languages it
// can read, so no screen waits for it on the UI goroutine; the answers
// are remembered (speech.Supports).
func warmSpeech() {
	supported := speechSupported
	go func() {
		for _, l := range content.Languages {
			supported(l)
		}
	}()
}

// voice is the presenter of reading aloud: the button on a page and the
// window's one voice (sharedSpeaker), which a new screen silences.
//
// Goroutines: espeak-ng speaks on a goroutine of its own; when it ends,
// the button is reset through post, the one place here that calls
// fyne.Do.
type voice struct {
	u       *UI
	readers sync.WaitGroup // the readings' goroutines, until their post has run
}

// wait returns once every reading's goroutine has ended and its post has
// run, so nothing touches the button after a test (or the window) ends.
func (v *voice) wait() { v.readers.Wait() }

// post runs f on the UI goroutine: the door for a reading that ended,
// and the only fyne.Do of this presenter.
func (v *voice) post(f func()) { fyne.Do(f) }

// stopReading ends any reading aloud. show() calls it when the screen
// changes, so a voice never goes on about a page no longer shown.
func (v *voice) stopReading() { sharedSpeaker.Stop() }

// button toggles reading the title and body aloud. It is nil when
// espeak-ng is missing or has no voice for the UI's language, so the page
// shows no button that cannot work.
func (v *voice) button(title content.Text, body ...content.Text) fyne.CanvasObject {
	u := v.u
	if !speechSupported(u.Lang()) {
		return nil
	}
	b := u.iconButton(u.t("ReadAloud"), pictogram(pictReadAloud), nil)
	reading := 0 // which tap's reading is running; 0: none
	taps := 0
	idle := func() {
		reading = 0
		b.SetText(u.t("ReadAloud"))
		b.SetIcon(pictogram(pictReadAloud))
	}
	b.OnTapped = func() {
		if reading != 0 {
			sharedSpeaker.Stop() // the reading goroutine then resets the button
			idle()
			return
		}
		taps++
		mine := taps
		reading = mine
		b.SetText(u.t("StopReading"))
		b.SetIcon(pictogram(pictStop))
		// Made at the tap, not with the screen: turning Markdown into
		// sentences was a tenth of opening a project's screen.
		text, lang := v.speechText(title, body) // u.Lang() is supported: asked above
		sp := sharedSpeaker
		v.readers.Add(1)
		go func() {
			defer v.readers.Done()
			err := sp.Speak(context.Background(), lang, text)
			v.post(func() {
				if reading == mine {
					idle()
				}
				if errors.Is(err, speech.ErrNoSound) {
					u.notify(u.t("NoSound"))
				}
			})
		}()
	}
	return b
}

// speechText is what is read: the title, then each text as plain
// sentences, in the voice of the language the body is written in (a page
// shown in Swedish as a fallback is read with the Swedish voice).
func (v *voice) speechText(title content.Text, body []content.Text) (string, content.Lang) {
	u := v.u
	s, lang := title.In(u.Lang())
	parts := []string{speech.PlainText(s)}
	for _, t := range body {
		text, l := t.In(u.Lang())
		if text == "" {
			continue
		}
		parts = append(parts, speech.PlainText(text))
		lang = l
	}
	if lang != u.Lang() && !speechSupported(lang) {
		lang = u.Lang()
	}
	return strings.Join(parts, "\n"), lang
}

// actionBar lays a page's buttons (read aloud, my list, export) at the
// start of the reading direction, leaving out those the page does not
// have; nil when it has none.
func (u *UI) actionBar(buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return u.codesRow(buttons...)
}
