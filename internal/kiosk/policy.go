package kiosk

// Mode is how the app runs.
type Mode int

const (
	// Desktop: a window for guides and desks, closed like any other.
	Desktop Mode = iota
	// Kiosk: full screen for visitors, left only with the admin PIN.
	Kiosk
)

// Action is something that would take a visitor out of the app.
type Action int

const (
	// CloseWindow: the window's close button or the window manager.
	CloseWindow Action = iota
	// Shortcut: a key that quits, leaves full screen or switches away.
	Shortcut
	// OpenLink: a web or mail link in the content.
	OpenLink
	// OpenAdmin: the admin screen.
	OpenAdmin
	// LeaveKiosk: switching to desktop mode.
	LeaveKiosk
)

// Decision is what the UI does with an Action.
type Decision int

const (
	// Allow: do it.
	Allow Decision = iota
	// Refuse: do nothing, and say nothing to the visitor.
	Refuse
	// AskPIN: show the PIN dialog, then ask again with adminUnlocked.
	AskPIN
	// ShowQR: show the link as a QR code and text to take away instead of
	// opening a browser, which would leave the kiosk.
	ShowQR
)

// Decide says what to do with action in mode. adminUnlocked is true while
// the admin screen, opened with the right PIN, is showing (the idle reset
// closes it).
func Decide(mode Mode, action Action, adminUnlocked bool) Decision {
	if mode != Kiosk {
		return Allow
	}
	switch action {
	case OpenLink:
		return ShowQR
	case OpenAdmin, LeaveKiosk:
		if adminUnlocked {
			return Allow
		}
		return AskPIN
	default: // CloseWindow, Shortcut and anything added later
		if adminUnlocked {
			return Allow
		}
		return Refuse
	}
}
