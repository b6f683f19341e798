package speech

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// standIn writes a shell script that plays espeak-ng's part: it records
// its arguments and standard input in dir, then runs rest (for example a
// long sleep, to be stopped).
func standIn(t *testing.T, rest string) (program, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in is a shell script")
	}
	dir = t.TempDir()
	program = filepath.Join(dir, "espeak-ng")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir + "/args'\ncat > '" + dir + "/stdin'\n" +
		"touch '" + dir + "/started'\n" + rest + "\n"
	if err := os.WriteFile(program, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return program, dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitFor polls for a file the stand-in makes once it is running.
func waitFor(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("the stand-in never started (%s)", path)
}

func TestSpeakSendsTextOnStdin(t *testing.T) {
	program, dir := standIn(t, "")
	s := &Speaker{Program: program, Rate: 140}
	text := "-v en\nРядок; 'лапки' \"$HOME\" `ls`"
	if err := s.Speak(context.Background(), content.Ukrainian, text); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "stdin")); got != text {
		t.Errorf("stdin %q, want %q", got, text)
	}
	args := readFile(t, filepath.Join(dir, "args"))
	if want := "-v\nuk\n-b\n1\n--stdin\n-s\n140\n"; args != want {
		t.Errorf("arguments %q, want %q", args, want)
	}
	if s.Speaking() {
		t.Error("still speaking after Speak returned")
	}
}

// speakInBackground starts a Speak that lasts until it is ended and
// returns its result channel once the process runs.
func speakInBackground(t *testing.T, s *Speaker, ctx context.Context, dir string) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.Speak(ctx, content.Swedish, "Hej") }()
	waitFor(t, filepath.Join(dir, "started"))
	return done
}

func result(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Speak did not return after being ended")
		return nil
	}
}

func TestStopEndsSpeech(t *testing.T) {
	program, dir := standIn(t, "exec sleep 30")
	s := &Speaker{Program: program}
	done := speakInBackground(t, s, context.Background(), dir)
	if !s.Speaking() {
		t.Error("not speaking while the process runs")
	}
	start := time.Now()
	s.Stop()
	if err := result(t, done); !errors.Is(err, ErrStopped) {
		t.Errorf("Speak returned %v, want ErrStopped", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("stopping took %v", d)
	}
	if s.Speaking() {
		t.Error("still speaking after Stop")
	}
	s.Stop() // nothing to stop: returns at once
}

func TestCancelEndsSpeech(t *testing.T) {
	program, dir := standIn(t, "exec sleep 30")
	s := &Speaker{Program: program}
	ctx, cancel := context.WithCancel(context.Background())
	done := speakInBackground(t, s, ctx, dir)
	cancel()
	if err := result(t, done); !errors.Is(err, context.Canceled) {
		t.Errorf("Speak returned %v, want context.Canceled", err)
	}
}

func TestNewSpeechEndsTheOneBefore(t *testing.T) {
	program, dir := standIn(t, "exec sleep 30")
	s := &Speaker{Program: program}
	first := speakInBackground(t, s, context.Background(), dir)
	// The second run of the stand-in also sleeps; end it with Stop.
	os.Remove(filepath.Join(dir, "started"))
	second := speakInBackground(t, s, context.Background(), dir)
	if err := result(t, first); !errors.Is(err, ErrStopped) {
		t.Errorf("the first Speak returned %v, want ErrStopped", err)
	}
	s.Stop()
	if err := result(t, second); !errors.Is(err, ErrStopped) {
		t.Errorf("the second Speak returned %v, want ErrStopped", err)
	}
}

func TestSpeakErrors(t *testing.T) {
	s := &Speaker{Program: "/nonexistent/espeak-ng"}
	if err := s.Speak(context.Background(), "de", "Hallo"); !errors.Is(err, ErrNoVoice) {
		t.Errorf("German: %v, want ErrNoVoice", err)
	}
	if err := s.Speak(context.Background(), content.English, "Hello"); err == nil || errors.Is(err, ErrStopped) {
		t.Errorf("a missing program: %v, want the run's error", err)
	}
	program, _ := standIn(t, "echo 'ALSA lib pcm.c: Unknown PCM default' >&2; echo 'error: No such file or directory' >&2")
	s.Program = program
	if err := s.Speak(context.Background(), content.English, "Hello"); !errors.Is(err, ErrNoSound) {
		t.Errorf("no sound device: %v, want ErrNoSound", err)
	}
	program, _ = standIn(t, "echo 'no such voice' >&2; exit 1")
	s.Program = program
	if err := s.Speak(context.Background(), content.English, "Hello"); err == nil || !strings.Contains(err.Error(), "no such voice") {
		t.Errorf("a failing program: %v, want its message", err)
	}
}

// TestVoicesSpeak synthesises a sentence with the real espeak-ng in each
// of the four voices, with the arguments Speak uses, into a WAV file (no
// sound card here), and checks that it holds at least half a second of
// sound.
func TestVoicesSpeak(t *testing.T) {
	if !Available() {
		t.Skip("espeak-ng is not installed (apt-get install espeak-ng)")
	}
	sentences := map[content.Lang]string{
		content.Swedish:   "Välkommen till Mötesplats. Här finns information om livet i Sverige.",
		content.Ukrainian: "Ласкаво просимо до Mötesplats. Тут є інформація про життя у Швеції.",
		content.Arabic:    "مرحباً بك في Mötesplats. هنا تجد معلومات عن الحياة في السويد.",
		content.English:   "Welcome to Mötesplats. Here is information about life in Sweden.",
	}
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			if !Supports(lang) {
				t.Fatalf("espeak-ng has no %s voice", lang)
			}
			path := filepath.Join(t.TempDir(), "speech.wav")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := writeWAV(ctx, lang, PlainText(sentences[lang]), path); err != nil {
				t.Fatal(err)
			}
			seconds := wavSeconds(t, readFile(t, path))
			if seconds < 0.5 {
				t.Errorf("%.2f s of sound", seconds)
			}
			t.Logf("%.1f s", seconds)
		})
	}
}

// writeWAV synthesises text in lang's voice into a WAV file instead of
// playing it.
func writeWAV(ctx context.Context, lang content.Lang, text, path string) error {
	voice, ok := Voice(lang)
	if !ok {
		return ErrNoVoice
	}
	cmd := exec.CommandContext(ctx, Program, append(args(voice, 0), "-w", path)...)
	cmd.Stdin = strings.NewReader(text)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return runError(err, &stderr)
	}
	return nil
}

// wavSeconds reads a RIFF WAVE header and returns how long the sound is.
func wavSeconds(t *testing.T, wav string) float64 {
	t.Helper()
	b := []byte(wav)
	if len(b) < 44 || !bytes.Equal(b[0:4], []byte("RIFF")) || !bytes.Equal(b[8:12], []byte("WAVE")) {
		t.Fatalf("not a WAV file (%d bytes)", len(b))
	}
	byteRate := binary.LittleEndian.Uint32(b[28:32])
	if byteRate == 0 {
		t.Fatal("byte rate 0")
	}
	if bits := binary.LittleEndian.Uint16(b[34:36]); bits != 16 {
		t.Fatalf("%d bits a sample, want 16", bits)
	}
	// Silence would pass a length check: look for a loud sample.
	loudest := 0
	for i := 44; i+1 < len(b); i += 2 {
		loudest = max(loudest, abs(int(int16(binary.LittleEndian.Uint16(b[i:])))))
	}
	if loudest < 1000 {
		t.Errorf("the loudest sample is %d of 32767: silence", loudest)
	}
	// espeak-ng writes a streaming header with unknown sizes, so count the
	// bytes after the 44-byte header rather than trusting its data size.
	return float64(len(b)-44) / float64(byteRate)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestVoices(t *testing.T) {
	for _, lang := range content.Languages {
		if v, ok := Voice(lang); !ok || v == "" {
			t.Errorf("no voice for %s", lang)
		}
	}
	if _, ok := Voice("de"); ok {
		t.Error("a voice for German, which the app does not speak")
	}
}
