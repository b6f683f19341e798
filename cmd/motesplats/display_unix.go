//go:build !ci && !wayland && (linux || freebsd || openbsd || netbsd || dragonfly)

package main

import "os"

// haveDisplay says whether the window can open: Fyne's driver (GLFW on
// X11) panics with a stack trace when there is no display, so main asks
// first. (Wayland sessions run X11 apps through XWayland, which sets
// DISPLAY; a build with -tags wayland does not ask.)
func haveDisplay() bool { return os.Getenv("DISPLAY") != "" }
