// Package assets holds what is built into the binary: the built-in content
// (in the source format of docs/content-format.md), fonts and the icon.
package assets

import "embed"

// Content is the built-in content; its folder "content" holds one
// sub-folder per kind.
//
//go:embed content
var Content embed.FS

// Motesplats Sans, the app theme's text font: Noto Sans (Latin, Cyrillic,
// Greek) and Noto Sans Arabic merged into one font by fonts/merge.py, so
// the binary draws every script of the app with fonts it carries and a
// kiosk without system fonts never falls back to anything else (Fyne's
// own bundled Noto Sans drew the Ukrainian «і» without its dot).
// Sources and licence: fonts/OFL.txt.
var (
	//go:embed fonts/MotesplatsSans-Regular.ttf
	TextRegular []byte
	//go:embed fonts/MotesplatsSans-Bold.ttf
	TextBold []byte
)

// Icon is the app icon (also named in FyneApp.toml).
//
//go:embed icon.png
var Icon []byte

// Icons are the pictograms (Material Symbols, licence and origin in
// icons/README.md), one SVG each.
//
//go:embed icons/*.svg
var Icons embed.FS
