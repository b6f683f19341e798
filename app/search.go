package app

import (
	"fyne.io/fyne/v2"

	"github.com/motesplats/motesplats/internal/content"
)

// searchPage searches everything as the visitor types. Its query lives in
// the page, so going Home (or an idle reset) forgets it.
type searchPage struct{ query string }

func (searchPage) title(u *UI) content.Text { return u.ui(u.t("NavSearch")) }

func (p searchPage) build(u *UI) fyne.CanvasObject { return u.message(u.t("NothingHere")) }
