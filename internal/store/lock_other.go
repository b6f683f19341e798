//go:build !unix

package store

import "time"

// lockFile does nothing where bbolt locks the file another way (Windows
// refuses to rename a file another process has open).
func lockFile(string, time.Duration) (func(), error) { return func() {}, nil }
