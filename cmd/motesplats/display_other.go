//go:build ci || wayland || !(linux || freebsd || openbsd || netbsd || dragonfly)

package main

// haveDisplay is always true where the desktop always has one (Windows,
// macOS) and in the headless test build (-tags ci).
func haveDisplay() bool { return true }
