package kiosk

import "testing"

func TestDecide(t *testing.T) {
	tests := []struct {
		mode     Mode
		action   Action
		unlocked bool
		want     Decision
	}{
		{Desktop, CloseWindow, false, Allow},
		{Desktop, Shortcut, false, Allow},
		{Desktop, OpenLink, false, Allow},
		{Desktop, OpenAdmin, false, Allow},
		{Desktop, LeaveKiosk, false, Allow},

		{Kiosk, CloseWindow, false, Refuse}, // the "kiosk close refused"
		{Kiosk, Shortcut, false, Refuse},
		{Kiosk, OpenLink, false, ShowQR},
		{Kiosk, OpenAdmin, false, AskPIN},
		{Kiosk, LeaveKiosk, false, AskPIN},

		{Kiosk, CloseWindow, true, Allow},
		{Kiosk, Shortcut, true, Allow},
		{Kiosk, OpenLink, true, ShowQR},
		{Kiosk, OpenAdmin, true, Allow},
		{Kiosk, LeaveKiosk, true, Allow},
		{Kiosk, Action(99), false, Refuse}, // a new action is refused until decided
	}
	for _, tt := range tests {
		if got := Decide(tt.mode, tt.action, tt.unlocked); got != tt.want {
			t.Errorf("Decide(%v, %v, unlocked %v) = %v, want %v", tt.mode, tt.action, tt.unlocked, got, tt.want)
		}
	}
}
