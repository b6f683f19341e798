// Package assets holds what is built into the binary: the built-in content
// (in the source format of docs/content-format.md), fonts and the icon.
package assets

import "embed"

// Content is the built-in content; its folder "content" holds one
// sub-folder per kind.
//
//go:embed content
var Content embed.FS

// Noto Sans Arabic, the app theme's text font, so a kiosk without system
// fonts shows Arabic. Latin and Cyrillic come from the Noto Sans that Fyne
// itself bundles (the same family and licence). Licence: fonts/OFL.txt.
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	NotoSansArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	NotoSansArabicBold []byte
)

// Icon is the app icon (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte
