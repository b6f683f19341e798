// Package speech reads text aloud through the espeak-ng synthesiser when
// it is installed, one utterance at a time. A screen hides its "Read
// aloud" button when Available is false. It knows nothing of screens.
package speech

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// Program is the synthesiser looked for on PATH (Debian and Ubuntu
// package espeak-ng).
const Program = "espeak-ng"

// voices maps each language to the espeak-ng voice that reads it. "en"
// picks espeak-ng's default English (British, the English taught in
// Swedish schools); the others are the only voice of their language.
var voices = map[content.Lang]string{
	content.Swedish:   "sv",
	content.Ukrainian: "uk",
	content.Arabic:    "ar",
	content.English:   "en",
}

// Errors Speak returns.
var (
	ErrNoVoice = errors.New("speech: no voice for that language")
	ErrStopped = errors.New("speech: stopped")
	ErrNoSound = errors.New("speech: espeak-ng could not play the sound")
)

// Voice returns the espeak-ng voice for lang.
func Voice(lang content.Lang) (string, bool) {
	v, ok := voices[lang]
	return v, ok
}

// Available reports whether espeak-ng is installed (on PATH).
func Available() bool {
	_, err := exec.LookPath(Program)
	return err == nil
}

var supported sync.Map // voice → bool

// Supports reports whether espeak-ng is installed and has a voice for
// lang, so a screen can hide the button for a language it cannot read.
// It asks espeak-ng once per voice and remembers the answer.
func Supports(lang content.Lang) bool {
	voice, ok := Voice(lang)
	if !ok || !Available() {
		return false
	}
	if v, ok := supported.Load(voice); ok {
		return v.(bool)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, Program, "--voices="+voice).Output()
	// The list has a header line, then one line per voice.
	has := err == nil && strings.Count(strings.TrimSpace(string(out)), "\n") >= 1
	supported.Store(voice, has)
	return has
}

// Speaker reads text aloud, one utterance at a time: a new Speak ends the
// one before. The zero Speaker uses espeak-ng from PATH at its default
// rate. It is safe for use by several goroutines.
type Speaker struct {
	// Program overrides the synthesiser's path (tests use a stand-in).
	Program string
	// Rate is the speed in words per minute; 0 is espeak-ng's default
	// (175). Slower helps people who are learning the language.
	Rate int

	mu      sync.Mutex
	current *utterance
}

// utterance is one running Speak.
type utterance struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// Speak reads text aloud in lang's voice and returns when it has been
// read (nil), when ctx ends (ctx's error) or when Stop or another Speak
// ends it (ErrStopped); ErrNoSound when espeak-ng found no sound device. The text goes to espeak-ng on standard input, not
// on the command line, so its length is not limited by the system and a
// text starting with "-" is not taken for an option.
func (s *Speaker) Speak(ctx context.Context, lang content.Lang, text string) error {
	voice, ok := Voice(lang)
	if !ok {
		return ErrNoVoice
	}
	inner, cancel := context.WithCancel(ctx)
	u := &utterance{cancel: cancel, done: make(chan struct{})}
	defer s.finish(u)
	s.replace(u)

	cmd := exec.CommandContext(inner, s.program(), args(voice, s.Rate)...)
	cmd.Stdin = strings.NewReader(text)
	// Once killed, do not wait long for the copy of standard input.
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case inner.Err() != nil:
		return ErrStopped
	case err != nil:
		return runError(err, &stderr)
	case soundFailed(stderr.String()):
		return fmt.Errorf("%w: %s", ErrNoSound, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// soundFailed reports whether espeak-ng said it could not play: without a
// sound device it prints ALSA's complaints and "error: …" but exits 0.
func soundFailed(stderr string) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "error:") {
			return true
		}
	}
	return false
}

// Stop ends the utterance being read, if any, and returns once its
// process is gone.
func (s *Speaker) Stop() {
	s.mu.Lock()
	u := s.current
	s.mu.Unlock()
	if u != nil {
		u.cancel()
		<-u.done
	}
}

// Speaking reports whether an utterance is being read, so a screen can
// show "Stop reading" instead of "Read aloud".
func (s *Speaker) Speaking() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current != nil
}

// replace makes u the current utterance and ends the one before,
// waiting until its process is gone so two never talk at once.
func (s *Speaker) replace(u *utterance) {
	s.mu.Lock()
	old := s.current
	s.current = u
	s.mu.Unlock()
	if old != nil {
		old.cancel()
		<-old.done
	}
}

func (s *Speaker) finish(u *utterance) {
	u.cancel()
	s.mu.Lock()
	if s.current == u {
		s.current = nil
	}
	s.mu.Unlock()
	close(u.done)
}

func (s *Speaker) program() string {
	if s.Program != "" {
		return s.Program
	}
	return Program
}

// args are espeak-ng's arguments: the voice, UTF-8 input (-b 1), the
// whole of standard input as one text (--stdin, rather than line by line,
// so a sentence broken over lines is read as one) and the rate.
func args(voice string, rate int) []string {
	a := []string{"-v", voice, "-b", "1", "--stdin"}
	if rate > 0 {
		a = append(a, "-s", strconv.Itoa(rate))
	}
	return a
}

// runError adds what espeak-ng said to a failed run's error.
func runError(err error, stderr *bytes.Buffer) error {
	if msg := strings.TrimSpace(stderr.String()); msg != "" {
		return fmt.Errorf("speech: %s: %w: %s", Program, err, msg)
	}
	return fmt.Errorf("speech: %s: %w", Program, err)
}
