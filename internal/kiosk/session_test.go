package kiosk

import (
	"reflect"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

func TestSessionReset(t *testing.T) {
	path := []string{"home", "events"}
	s := Session{Lang: content.Ukrainian, Search: "språkcafé", Path: path, Keyboard: "uk"}
	if s.IsFresh(content.English) {
		t.Fatal("a used session counts as fresh")
	}
	s.Reset(content.English)
	if !reflect.DeepEqual(s, Session{Lang: content.English}) {
		t.Errorf("after Reset: %+v, want only the default language", s)
	}
	if !s.IsFresh(content.English) || s.IsFresh(content.Swedish) {
		t.Error("IsFresh does not compare with the default language")
	}
	// The visitor's slice is not reused for the next visitor's path.
	s.Path = append(s.Path, "services")
	if path[0] != "home" {
		t.Errorf("the old path changed to %v", path)
	}
}
