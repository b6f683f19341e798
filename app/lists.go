package app

import (
	"slices"

	"fyne.io/fyne/v2"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/store"
)

// The list screens: topics, articles of a topic, services, events, projects.

type topicsPage struct{}

func (topicsPage) title(u *UI) content.Text { return u.ui(u.t("NavInformation")) }

func (topicsPage) build(u *UI) fyne.CanvasObject {
	var topics []content.Topic
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { topics, err = tx.Topics(); return err }); err != nil {
		return u.readError(err)
	}
	rows := make([]row, len(topics))
	for i, t := range topics {
		id := t.ID
		rows[i] = row{title: t.Title, detail: t.Summary, open: func() { u.Open(articlesPage{topic: id}) }}
	}
	return u.listOrMessage(rows)
}

type articlesPage struct{ topic string }

func (p articlesPage) title(u *UI) content.Text {
	var t content.Topic
	u.lib.Store.View(func(tx *store.Tx) (err error) { t, _, err = tx.Topic(p.topic); return err })
	return t.Title
}

func (p articlesPage) build(u *UI) fyne.CanvasObject {
	var articles []content.Article
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { articles, err = tx.Articles(p.topic); return err }); err != nil {
		return u.readError(err)
	}
	rows := make([]row, len(articles))
	for i, a := range articles {
		id := a.ID
		rows[i] = row{title: a.Title, detail: a.Summary, open: func() { u.Open(articlePage{id: id}) }}
	}
	return u.listOrMessage(rows)
}

type servicesPage struct{}

func (servicesPage) title(u *UI) content.Text { return u.ui(u.t("NavServices")) }

func (servicesPage) build(u *UI) fyne.CanvasObject {
	var services []content.Service
	err := u.lib.Store.View(func(tx *store.Tx) (err error) {
		services, err = tx.Services(store.ServiceQuery{})
		return err
	})
	if err != nil {
		return u.readError(err)
	}
	sortByText(u, services, func(s content.Service) content.Text { return s.Name })
	rows := make([]row, len(services))
	for i, s := range services {
		id := s.ID
		rows[i] = row{title: s.Name, detail: u.ui(u.serviceLine(s)), open: func() { u.Open(servicePage{id: id}) }}
	}
	return u.listOrMessage(rows)
}

func (u *UI) serviceLine(s content.Service) string {
	line := u.text(s.Organisation)
	if place := u.text(u.municipalityName(s.Municipality)); place != "" {
		line = joinNonEmpty(" · ", line, place)
	} else {
		line = joinNonEmpty(" · ", line, u.t("National"))
	}
	return line
}

type eventsPage struct{}

func (eventsPage) title(u *UI) content.Text { return u.ui(u.t("NavEvents")) }

func (eventsPage) build(u *UI) fyne.CanvasObject { return u.eventList(0) }

type projectsPage struct{}

func (projectsPage) title(u *UI) content.Text { return u.ui(u.t("NavProjects")) }

func (projectsPage) build(u *UI) fyne.CanvasObject {
	var projects []content.Project
	if err := u.lib.Store.View(func(tx *store.Tx) (err error) { projects, err = tx.Projects(); return err }); err != nil {
		return u.readError(err)
	}
	sortByText(u, projects, func(p content.Project) content.Text { return p.Name })
	rows := make([]row, len(projects))
	for i, p := range projects {
		id := p.ID
		rows[i] = row{title: p.Name, detail: p.Owner, open: func() { u.Open(projectPage{id: id}) }}
	}
	return u.listOrMessage(rows)
}

func (u *UI) listOrMessage(rows []row) fyne.CanvasObject {
	if len(rows) == 0 {
		return u.message(u.t("NothingHere"))
	}
	return u.filteredList(rows)
}

// sortByText sorts items by a text in the reader's language, with the
// collation rules of that language (Swedish å, ä, ö after z).
func sortByText[T any](u *UI, items []T, text func(T) content.Text) {
	slices.SortStableFunc(items, func(a, b T) int { return u.loc.Compare(u.text(text(a)), u.text(text(b))) })
}

func (u *UI) municipalityName(id string) content.Text {
	if id == "" {
		return nil
	}
	var m content.Municipality
	u.lib.Store.View(func(tx *store.Tx) (err error) { m, _, err = tx.Municipality(id); return err })
	return m.Name
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
