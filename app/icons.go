package app

import (
	"io/fs"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/motesplats/motesplats/assets"
	"github.com/motesplats/motesplats/internal/content"
)

// Pictograms let a visitor who does not read the screen's language still
// choose: every topic, category, kind of item and action has one. They are
// Material Symbols (assets/icons), drawn in the theme's colours, and never
// mirrored in Arabic: none of them points a direction (the Back arrow,
// which does, is Fyne's and is mirrored in navbar.go).

// pictogramFiles are the SVGs in assets/icons, by file name without ".svg".
var pictogramFiles = loadPictograms()

func loadPictograms() map[string]fyne.Resource {
	out := map[string]fyne.Resource{}
	entries, _ := fs.ReadDir(assets.Icons, "icons") // embedded: cannot fail
	for _, e := range entries {
		data, err := fs.ReadFile(assets.Icons, "icons/"+e.Name())
		if err != nil {
			continue
		}
		out[strings.TrimSuffix(e.Name(), ".svg")] = fyne.NewStaticResource("pictogram-"+e.Name(), data)
	}
	return out
}

// topicPictograms maps a topic's `icon` field, and the categories of
// services and events (the same words), to a pictogram file.
var topicPictograms = map[string]string{
	"emergency":   "e911_emergency-fill",
	"health":      "medical_services-fill",
	"housing":     "house-fill",
	"school":      "school-fill",
	"language":    "translate-fill",
	"work":        "work-fill",
	"money":       "payments-fill",
	"rights":      "balance-fill",
	"family":      "family_restroom-fill",
	"children":    "child_care-fill",
	"residence":   "id_card-fill",
	"transport":   "directions_bus-fill",
	"help":        "support-fill",
	"authority":   "account_balance-fill",
	"leisure":     "sports_soccer-fill",
	"integration": "handshake-fill",
	"amif":        "diversity_3-fill",
}

// Pictograms of the kinds of items, the parts of the app and the actions.
const (
	pictArticle   = "article-fill"
	pictService   = "support_agent-fill"
	pictEvent     = "event-fill"
	pictProject   = "groups-fill"
	pictInfo      = "info-fill"
	pictSearch    = "search-fill"
	pictMyList    = "bookmark-fill"
	pictCall      = "call-fill"
	pictMap       = "location_on-fill"
	pictCalendar  = "calendar_add_on-fill"
	pictReadAloud = "volume_up-fill"
	pictStop      = "stop-fill"
	pictTakeAway  = "qr_code_2-fill"
	pictOpenNow   = "schedule-fill"
)

// pictogram is a pictogram drawn in the text colour; an unknown name
// (content naming an icon the app does not have) gets the info symbol,
// never an empty space.
func pictogram(name string) fyne.Resource {
	return theme.NewThemedResource(pictogramSource(name))
}

// pictogramIn is a pictogram drawn in one of the theme's colours.
func pictogramIn(name string, colour fyne.ThemeColorName) *theme.ThemedResource {
	return theme.NewColoredResource(pictogramSource(name), colour)
}

func pictogramSource(name string) fyne.Resource {
	if r, ok := pictogramFiles[name]; ok {
		return r
	}
	return pictogramFiles[pictInfo]
}

// topicPictogram is the pictogram of a topic's icon field or a category.
func topicPictogram(icon string) string {
	if f, ok := topicPictograms[icon]; ok {
		return f
	}
	return pictInfo
}

// categoriesPictogram is the pictogram of an item's first category, the
// one its author put first; the kind's own without any.
func categoriesPictogram(categories []string, kind content.Kind) string {
	for _, c := range categories {
		if f, ok := topicPictograms[c]; ok {
			return f
		}
	}
	return kindPictogram(kind)
}

// kindPictogram is the pictogram of a kind, as on the home tiles.
func kindPictogram(k content.Kind) string {
	switch k {
	case content.KindService:
		return pictService
	case content.KindEvent:
		return pictEvent
	case content.KindProject:
		return pictProject
	}
	return pictArticle
}
