package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/library"
)

// The day issue 15 was tried on: every built-in event is in May 2024 and
// seven built-in projects ended in 2018–2019.
const issueDay = "2026-12-06 10:00"

// eventTitles are the titles of every event, in the reader's language.
func eventTitles(u *UI, set *content.Set) []string {
	var out []string
	for _, e := range set.Events {
		out = append(out, u.text(e.Title))
	}
	return out
}

func hasQRCode(w fyne.Window) bool {
	found := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.MinSize().Width >= qrMinSize {
			found = true
		}
	})
	return found
}

func TestHomeWithOnlyPastEventsShowsWhatIsCurrent(t *testing.T) {
	for _, lang := range content.Languages {
		t.Run(string(lang), func(t *testing.T) {
			u, w := newTestUI(t, lang)
			set := applyBuiltin(t, u, stockholmTime(t, issueDay), nil)
			if !hasLabel(w, u.t("CurrentNoEvents")) {
				t.Error("home does not say that no events are planned")
			}
			rows := homeRows(t, w)
			for _, title := range eventTitles(u, set) {
				if slices.Contains(rows, title) || hasLabel(w, title) {
					t.Errorf("home shows the past event %q", title)
				}
			}
			// Something current instead: services and running projects in
			// the list, the topics as tiles above it (once, not again as rows).
			for _, want := range []string{u.t("NavServices"), u.t("CurrentOngoingProjects"),
				u.text(servicePage{id: "forsakringskassan"}.title(u)), u.text(projectPage{id: "kvot"}.title(u))} {
				if !slices.Contains(rows, want) {
					t.Errorf("home does not list %q: %q", want, rows)
				}
			}
			health := u.text(content.Text(set.Topics[slices.IndexFunc(set.Topics, func(tp content.Topic) bool { return tp.ID == "health" })].Title))
			if !hasLabel(w, health) || slices.Contains(rows, health) {
				t.Errorf("the topic %q is not a tile on Home, or is listed again below", health)
			}
			if ended := u.text(projectPage{id: "sprakvan-ragunda"}.title(u)); slices.Contains(rows, ended) {
				t.Errorf("home lists the ended project %q as ongoing", ended)
			}
		})
	}
}

func TestPastEventsOnlyUnderEarlier(t *testing.T) {
	u, w := newTestUI(t, content.English)
	set := applyBuiltin(t, u, stockholmTime(t, issueDay), nil)
	tapTile(t, w, u.t("NavEvents"))
	if !hasLabel(w, u.t("CurrentNoEvents")) {
		t.Error("the events screen does not say that none are planned")
	}
	for _, title := range eventTitles(u, set) {
		if hasLabel(w, title) {
			t.Errorf("the events screen leads with the past event %q", title)
		}
	}
	test.Tap(findButton(t, w, u.t("CurrentEarlier")))
	// Eight dates in May 2024: the campaign, three and two and one
	// online sessions, and an open house; the latest first.
	list := findList(t, w)
	if n := list.Length(); n != 8 {
		t.Fatalf("earlier: %d rows, want 8", n)
	}
	title, detail, _ := listRow(list, 0)
	if want := u.text(eventPage{id: "jobbsteget-tillsammans-digitalt-2024-05-14"}.title(u)); title != want || !strings.HasPrefix(detail, "Thursday 16 May 2024") {
		t.Errorf("first earlier row %q / %q, want %q on 16 May 2024", title, detail, want)
	}
}

func TestEndedProjectsAreMarkedAndAfterOngoing(t *testing.T) {
	u, w := newTestUI(t, content.Swedish)
	applyBuiltin(t, u, stockholmTime(t, issueDay), func(s *content.Set) {
		for i := range s.Projects {
			switch s.Projects[i].ID {
			case "sprakvan-ragunda": // an ended project with every contact
				s.Projects[i].Email = "integration@example.org"
				s.Projects[i].Website = "https://example.org/sprakvan"
			case "kvot":
				s.Projects[i].ContactRole = content.Text{"sv": "Samordnare"}
			}
		}
	})
	tapTile(t, w, u.t("NavProjects"))
	list := findList(t, w)
	earlier := -1
	for i := range list.Length() {
		title, detail, section := listRow(list, i)
		switch {
		case section && title == u.t("CurrentEarlierProjects"):
			earlier = i
		case earlier < 0 && strings.HasPrefix(detail, "Avslutades"):
			t.Errorf("ended project %q (%q) is listed among the ongoing ones", title, detail)
		case earlier >= 0 && !strings.HasPrefix(detail, "Avslutades"):
			t.Errorf("project %q under Earlier projects is not marked ended: %q", title, detail)
		}
	}
	if earlier < 1 || earlier > list.Length()-8 {
		t.Fatalf("Earlier projects heading at row %d of %d, want ongoing projects before it and eight ended after", earlier, list.Length())
	}
	// The most recently ended first: Hållbar integration i Åre (2022).
	if title, detail, _ := listRow(list, earlier+1); !strings.HasPrefix(title, "Hållbar integration") || !strings.HasPrefix(detail, "Avslutades 2022") {
		t.Errorf("first ended project %q / %q", title, detail)
	}

	u.Open(projectPage{id: "sprakvan-ragunda"})
	if !hasLabel(w, "Avslutades 30 september 2019") {
		t.Error("the ended project's page does not say when it ended")
	}
	for _, caption := range []string{u.t("Contact"), u.t("Email"), u.t("Website")} {
		if hasLabel(w, caption) {
			t.Errorf("the ended project's page offers its %s", caption)
		}
	}
	u.Open(projectPage{id: "kvot"})
	if !hasLabel(w, u.t("Contact")) || labelsStartingWith(w, "Avslutades") != nil {
		t.Error("a running project's page lost its contact or is marked ended")
	}
}

func TestEndedSeriesSaysItEnded(t *testing.T) {
	const id = "jobbsteget-tillsammans-digitalt-2024-05-14"
	u, w := newTestUI(t, content.English)
	applyBuiltin(t, u, stockholmTime(t, issueDay), nil)
	u.Open(eventPage{id: id})
	if !hasLabel(w, "This series of events has ended. The last date was Thursday 16 May 2024.") {
		t.Error("the ended series does not say it ended")
	}
	if got := labelsStartingWith(w, u.t("Recurring")); got != nil {
		t.Errorf("the ended series offers next dates: %q", got)
	}
	if hasQRCode(w) {
		t.Error("the ended series offers a calendar code")
	}
	// While it runs, it lists its next dates and has its code.
	u.now = func() time.Time { return stockholmTime(t, "2024-05-15 09:00") }
	u.Open(eventPage{id: id})
	if got := labelsStartingWith(w, u.t("Recurring")); len(got) != 1 || !strings.Contains(got[0], "Wednesday 15 May 2024") {
		t.Errorf("the running series reads %q", got)
	}
	if !hasQRCode(w) {
		t.Error("the running series has no calendar code")
	}
}

func TestStatusShowsTheContentsDateAndWhenItIsOld(t *testing.T) {
	u, _ := newTestUI(t, content.English) // seeded with the built-in content
	set, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	written := set.Updated()
	u.now = func() time.Time { return written.AddDate(0, 0, 13) }
	u.syncing.refreshStatus()
	if want := "Information from " + u.loc.Date(written) + "."; !strings.HasPrefix(u.syncing.status.Text, want) {
		t.Errorf("status %q, want it to start %q", u.syncing.status.Text, want)
	}
	for _, word := range []string{"version", "feed"} {
		if strings.Contains(strings.ToLower(u.syncing.status.Text), word) {
			t.Errorf("the visitors' status line says %q: %q", word, u.syncing.status.Text)
		}
	}
	u.now = func() time.Time { return written.AddDate(0, 0, 15) }
	u.syncing.refreshStatus()
	if want := "The information is from " + u.loc.Date(written) + " and may be out of date."; !strings.HasPrefix(u.syncing.status.Text, want) {
		t.Errorf("15 days after the content was written the status says %q, want %q", u.syncing.status.Text, want)
	}
}

func TestArticleSaysWhenItWasUpdated(t *testing.T) {
	u, w := newTestUI(t, content.Ukrainian)
	u.Open(articlePage{id: "sfi"})
	if !hasLabel(w, "Оновлено 23 листопада 2026") {
		t.Errorf("the article does not say when it was updated: %q", labelsStartingWith(w, "Оновлено"))
	}
}
