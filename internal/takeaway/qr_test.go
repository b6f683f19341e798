package takeaway

import (
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/motesplats/motesplats/internal/content"
)

// scan decodes a QR code image with gozxing, the Go port of ZXing (the
// decoder in many Android scanners), with no hint about the character
// set, so UTF-8 must be recognised as such. gozxing's finder-pattern
// detector misses about one valid code in forty (measured: it misses its
// own encoder's codes twice as often, and ZBar reads them all), so when it
// finds nothing the image is decoded as the pure, upright code it is; a
// payload that then comes back wrong still fails.
func scan(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Logf("gozxing's detector found no code (%v); decoding it as a pure code", err)
		pure := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
		if res, err = zxqr.NewQRCodeReader().Decode(bmp, pure); err != nil {
			t.Fatalf("the code does not scan: %v", err)
		}
	}
	return res.GetText()
}

// scanZBar decodes with ZBar's zbarimg (Debian package zbar-tools), a
// decoder independent of ZXing; the test skips without it.
func scanZBar(t *testing.T, img image.Image) string {
	t.Helper()
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg is not installed (apt-get install zbar-tools)")
	}
	path := filepath.Join(t.TempDir(), "code.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(zbar, "--quiet", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg read no code: %v", err)
	}
	return strings.TrimSuffix(string(out), "\n") // zbarimg ends each code with a newline
}

func TestQRRoundTrip(t *testing.T) {
	tests := []struct{ name, payload string }{
		{"link", "https://example.org/path?q=1"},
		{"geo", "geo:59.3293,18.0686"},
		{"Arabic", "BEGIN:VEVENT\r\nSUMMARY:لقاء تجريبي في المكتبة\r\nEND:VEVENT\r\n"},
		{"Ukrainian", "BEGIN:VCARD\r\nFN:Приклад служби\r\nEND:VCARD\r\n"},
		{"longest allowed", strings.Repeat("Швеція ", MaxQRBytes/13) + strings.Repeat("x", MaxQRBytes%13)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := QR([]byte(tt.payload), 800)
			if err != nil {
				t.Fatal(err)
			}
			if got := scan(t, img); got != tt.payload {
				t.Errorf("scanned %q, want %q", got, tt.payload)
			}
		})
	}
}

// TestQRBuiltin scans the code of every built-in event and service in
// every language at a size a kiosk shows.
func TestQRBuiltin(t *testing.T) {
	set := builtin(t)
	for _, lang := range content.Languages {
		for _, e := range set.Events {
			payload, err := EventICS(e, lang, stamp)
			if err != nil {
				t.Fatal(err)
			}
			checkScan(t, e.ID+"/"+string(lang), payload)
		}
		for _, s := range set.Services {
			payload, err := ServiceVCard(s, lang)
			if err != nil {
				t.Fatal(err)
			}
			checkScan(t, s.ID+"/"+string(lang), payload)
		}
	}
}

func checkScan(t *testing.T, name string, payload []byte) {
	t.Run(name, func(t *testing.T) {
		img, err := QR(payload, 400)
		if err != nil {
			t.Fatal(err)
		}
		if got := scan(t, img); got != string(payload) {
			t.Errorf("scanned\n%s\nwant\n%s", got, payload)
		}
	})
}

// TestQRBuiltinZBar reads the same codes with ZBar, strictly: no fallback.
func TestQRBuiltinZBar(t *testing.T) {
	if testing.Short() {
		t.Skip("runs zbarimg once per code")
	}
	set := builtin(t)
	for _, lang := range content.Languages {
		var payloads [][]byte
		for _, e := range set.Events {
			p, _ := EventICS(e, lang, stamp)
			payloads = append(payloads, p)
		}
		for _, s := range set.Services {
			p, _ := ServiceVCard(s, lang)
			payloads = append(payloads, p)
		}
		for i, p := range payloads {
			img, err := QR(p, 400)
			if err != nil {
				t.Fatal(err)
			}
			if got := scanZBar(t, img); got != string(p) {
				t.Errorf("%s #%d: zbarimg read\n%s\nwant\n%s", lang, i, got, p)
			}
		}
	}
}

func TestQRTooLong(t *testing.T) {
	_, err := QR([]byte(strings.Repeat("a", MaxQRBytes+1)), 800)
	var tooLong *TooLongError
	if !errors.As(err, &tooLong) || tooLong.Len != MaxQRBytes+1 || tooLong.Max != MaxQRBytes {
		t.Errorf("err = %v, want a TooLongError", err)
	}
	if _, err := LinkQR("", 300); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty link: %v, want ErrEmpty", err)
	}
}

func TestQRTooSmall(t *testing.T) {
	// A 21-module code (version 1) with its border needs 29 pixels.
	_, err := LinkQR("https://example.org", 28)
	var tooSmall *TooSmallError
	if !errors.As(err, &tooSmall) {
		t.Fatalf("err = %v, want a TooSmallError", err)
	}
	if tooSmall.NeedPx <= 28 {
		t.Errorf("needs %d pixels", tooSmall.NeedPx)
	}
	if _, err := LinkQR("https://example.org", tooSmall.NeedPx); err != nil {
		t.Errorf("at the needed size: %v", err)
	}
}

func TestQRImage(t *testing.T) {
	img, err := LinkQR("https://example.org", 301)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 301 || b.Dy() != 301 {
		t.Fatalf("size %v, want 301×301", b)
	}
	// The border is white all round, and there are dark modules.
	dark := 0
	for y := 0; y < 301; y++ {
		for x := 0; x < 301; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			if g != 0 && g != 0xff {
				t.Fatalf("grey pixel %d at %d,%d: modules must be sharp", g, x, y)
			}
			if g == 0 {
				dark++
				if x < 4 || y < 4 || x > 296 || y > 296 {
					t.Fatalf("dark pixel at %d,%d inside the quiet zone", x, y)
				}
			}
		}
	}
	if dark < 301*301/10 {
		t.Errorf("only %d dark pixels", dark)
	}
}
