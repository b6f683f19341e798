// Package search holds the data the kiosk's search is built with that
// editors review: the concept list (concepts.toml), embedded in the
// binary.
package search

import _ "embed"

// Concepts is the multilingual concept list, concepts.toml.
//
//go:embed concepts.toml
var Concepts []byte
