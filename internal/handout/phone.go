package handout

import (
	"strings"

	"github.com/motesplats/motesplats/internal/content"
)

// InternationalPhone writes a Swedish phone number as it is dialled from
// any phone, also one with a foreign SIM card: "08-508 00 000" becomes
// "+46 8 508 00 000". A number already international (+ or 00) keeps its
// country code; short numbers without a trunk 0 (112, 1177, 113 13) are
// dialled as they are and stay so. An extension stays after the number.
func InternationalPhone(s string) string {
	number, ext, hasExt := strings.Cut(s, content.PhoneExtension)
	number = strings.TrimSpace(number)
	switch {
	case strings.HasPrefix(number, "+"):
	case strings.HasPrefix(number, "00"):
		number = "+" + number[2:]
	case strings.HasPrefix(number, "0"):
		rest := strings.TrimLeft(number[1:], " ")
		rest = strings.Replace(rest, "-", " ", 1)
		number = "+46 " + strings.TrimPrefix(rest, "(0)")
	}
	if hasExt {
		return number + content.PhoneExtension + ext
	}
	return number
}
