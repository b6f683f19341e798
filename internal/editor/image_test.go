package editor

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// TestSaveKeepsATopicsPicture: the form shows no picture field, so a
// topic's picture (docs/content-format.md, "Images") is a part it keeps
// as it was when the title is edited and saved.
func TestSaveKeepsATopicsPicture(t *testing.T) {
	dir := copyDir(t, "../../assets/content")
	path := filepath.Join(dir, "topics", "health.json")
	var item map[string]any
	if err := json.Unmarshal([]byte(mustRead(t, path)), &item); err != nil {
		t.Fatal(err)
	}
	item["image"] = map[string]any{"file": "images/vantsal.jpg",
		"alt": map[string]string{"sv": "En väntsal", "uk": "Зала очікування"}, "credit": map[string]string{"sv": "Foto: projektet"}}
	raw, _ := json.Marshal(item)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	_, c := start(t, loopback(dir))
	f := formOf(t, c.get("/edit/topics/health").body, "item")
	f.values.Set("title.sv", "Hälsa och sjukvård")
	if resp := c.post(f.action, f.values); resp.status != http.StatusSeeOther {
		t.Fatalf("saving: %d\n%.2000s", resp.status, resp.body)
	}
	var saved content.Topic
	if err := json.Unmarshal([]byte(mustRead(t, path)), &saved); err != nil {
		t.Fatal(err)
	}
	if saved.Title["sv"] != "Hälsa och sjukvård" {
		t.Errorf("the title was not saved: %q", saved.Title["sv"])
	}
	if img := saved.Image; img == nil || img.File != "images/vantsal.jpg" || img.Alt["uk"] != "Зала очікування" || img.Credit["sv"] != "Foto: projektet" {
		t.Errorf("the topic's picture after a save: %+v", img)
	}
}
