package takeaway

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"unicode/utf8"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// MaxQRBytes is the longest payload QR accepts. A version 40 code holds
// 2331 bytes at error correction M, but 1500 bytes already make a version
// 32 code of 145 modules a side, which at the few hundred pixels a kiosk
// shows has modules of two or three pixels; denser codes are misread from
// a screen.
const MaxQRBytes = 1500

// quietZone is the white border around a code, in modules; ISO/IEC 18004
// asks for four, and scanners that find no border fail to find the code.
const quietZone = 4

// TooLongError says a payload is too long for a scannable QR code.
type TooLongError struct {
	Len, Max int // bytes
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("takeaway: %d bytes is too long for a QR code (at most %d)", e.Len, e.Max)
}

// TooSmallError says the asked image size cannot hold the code with at
// least one pixel per module.
type TooSmallError struct {
	SizePx, NeedPx int
}

func (e *TooSmallError) Error() string {
	return fmt.Sprintf("takeaway: a QR code of this payload needs at least %d pixels, not %d", e.NeedPx, e.SizePx)
}

// ErrEmpty is returned for an empty payload, which scans as nothing.
var ErrEmpty = errors.New("takeaway: the QR payload is empty")

// ErrNotText is returned for a payload that is not UTF-8 text: every
// payload here is text, and a scanner shows it as text.
var ErrNotText = errors.New("takeaway: the QR payload is not UTF-8 text")

// QR draws payload as a QR code in a sizePx × sizePx grey image: black
// modules on white with a four-module border, each module a whole number
// of pixels (scaled modules of uneven width blur when a camera reads them),
// centred. Error correction is level M (15%), the usual choice for a code
// on a clean screen. A payload longer than MaxQRBytes gives a
// *TooLongError, a size too small for the code a *TooSmallError.
//
// Text that is not plain ASCII is marked as UTF-8 with an ECI header.
// Without it a reader must guess the character set of byte-mode data, and
// guesses wrong on text that is mostly ASCII: ZBar read the "ö" of a
// Swedish word as the Chinese "繹". Plain ASCII (a web link) goes without
// the header, which the oldest readers do not know.
//
// The encoder is gozxing's port of ZXing's. yeqown/go-qrcode v2.3.0 was
// tried first; it cannot write an ECI header.
func QR(payload []byte, sizePx int) (image.Image, error) {
	switch {
	case len(payload) == 0:
		return nil, ErrEmpty
	case len(payload) > MaxQRBytes:
		return nil, &TooLongError{Len: len(payload), Max: MaxQRBytes}
	case !utf8.Valid(payload):
		return nil, ErrNotText
	}
	var hints map[gozxing.EncodeHintType]interface{}
	if !isASCII(payload) {
		hints = map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_CHARACTER_SET: "UTF-8"}
	}
	code, err := encoder.Encoder_encode(string(payload), decoder.ErrorCorrectionLevel_M, hints)
	if err != nil {
		return nil, fmt.Errorf("takeaway: making the QR code: %w", err)
	}
	return draw(code.GetMatrix(), sizePx)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// LinkQR draws a link (a web address, a geo: URI) as a QR code; a kiosk
// shows links this way instead of opening them.
func LinkQR(url string, sizePx int) (image.Image, error) {
	return QR([]byte(url), sizePx)
}

// draw scales the code's modules into a sizePx square.
func draw(m *encoder.ByteMatrix, sizePx int) (image.Image, error) {
	n := m.GetWidth()
	modules := n + 2*quietZone
	scale := sizePx / modules
	if scale < 1 {
		return nil, &TooSmallError{SizePx: sizePx, NeedPx: modules}
	}
	img := image.NewGray(image.Rect(0, 0, sizePx, sizePx))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	offset := (sizePx - n*scale) / 2
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if m.Get(x, y) == 1 {
				fill(img, offset+x*scale, offset+y*scale, scale)
			}
		}
	}
	return img, nil
}

func fill(img *image.Gray, x0, y0, n int) {
	for y := y0; y < y0+n; y++ {
		for x := x0; x < x0+n; x++ {
			img.SetGray(x, y, color.Gray{Y: 0})
		}
	}
}
