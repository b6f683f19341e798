package app

import (
	"fmt"
	"strings"
)

// pageFor turns a screen name from the command line (--open) into a page:
// "information", "services", "events", "projects", or "topic:ID",
// "article:ID", "service:ID", "event:ID", "project:ID", "search" or
// "search:WORDS". It lets scripts
// show any screen, for screenshots and for a desk that wants one screen up.
func pageFor(name string) (page, error) {
	kind, id, _ := strings.Cut(name, ":")
	switch {
	case kind == "home" || kind == "" || kind == "start" || kind == "countdown":
		return homePage{}, nil
	case kind == "information":
		return topicsPage{}, nil
	case kind == "services":
		return servicesPage{}, nil
	case kind == "events":
		return eventsPage{}, nil
	case kind == "projects":
		return projectsPage{}, nil
	case kind == "mylist":
		return myListPage{}, nil
	case kind == "admin":
		return adminPage{}, nil
	case kind == "search":
		return searchPage{query: id}, nil
	case id == "":
	case kind == "topic":
		return articlesPage{topic: id}, nil
	case kind == "article":
		return articlePage{id: id}, nil
	case kind == "service":
		return servicePage{id: id}, nil
	case kind == "event":
		return eventPage{id: id}, nil
	case kind == "project":
		return projectPage{id: id}, nil
	}
	return nil, fmt.Errorf("--open %q: use home, start, countdown:SECONDS, information, services, events, projects, search[:WORDS], mylist, admin, or topic:ID, article:ID, service:ID, event:ID, project:ID", name)
}
