// Package locales holds the message catalogs of Mötesplats: every word the
// kiosk shows that is not content. They are embedded so the kiosk works
// offline and a binary can never run with catalogs from another version.
//
// Files are go-i18n v2 TOML named <area>.<lang>.toml, one per area and
// language (go-i18n takes the language from the part before ".toml").
// internal/i18n loads them; docs/translating.md explains how to edit them.
package locales

import "embed"

// FS holds every catalog file.
//
//go:embed *.toml
var FS embed.FS
