package app

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/motesplats/motesplats/app/textview"
	"github.com/motesplats/motesplats/app/touch"
	"github.com/motesplats/motesplats/internal/bidi"
	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/kiosk"
	"github.com/motesplats/motesplats/internal/store"
	"github.com/motesplats/motesplats/internal/update"
)

// adminPage is the staff's screen: where content comes from, what the
// kiosk shows, how it behaves, and the way out of kiosk mode. In kiosk
// mode it is reached only with the PIN (see openAdmin).
type adminPage struct{}

func (adminPage) title(u *UI) content.Text { return u.ui(u.t("AdminTitle")) }

func (adminPage) build(u *UI) fyne.CanvasObject {
	f := u.newAdminForm()
	box := container.NewVBox(f.note)
	for _, section := range []fyne.CanvasObject{
		f.feedSection(), f.placeSection(), f.municipalitySection(), f.languageSection(), f.idleSection(),
		f.saveSection(), f.syncSection(), f.pinSection(),
	} {
		box.Add(section)
		box.Add(widget.NewSeparator())
	}
	return touch.Scroll(container.NewVScroll(container.NewPadded(box)))
}

// idleChoices are the idle times the admin picks from with − and +; all
// are inside kiosk's limits and leave room for the default countdown.
var idleChoices = []int{30, 60, 90, 120, 180, 300, 600, 900, 1800}

// adminForm is the admin screen's state while it shows: the edited
// configuration and the widgets that show it.
type adminForm struct {
	u    *UI
	cfg  kiosk.Config
	note *textview.Label // the outcome of the last action, or a damaged setting

	feed   *textview.Entry
	place  *textview.Entry
	root   *textview.Label
	munis  []content.Municipality
	checks map[string]*widget.Check
	idle   *textview.Label
	log    *textview.Label
}

func (u *UI) newAdminForm() *adminForm {
	cfg, err := kiosk.Load(u.lib.Store, u.session.admin)
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = u.session.defaultLang
	}
	f := &adminForm{u: u, cfg: cfg, note: bold(u.uiText(u.settingError(err)))}
	return f
}

// say shows the outcome of an action at the top of the screen.
func (f *adminForm) say(s string) { f.note.SetText(s) }

// caption is a section title.
func (f *adminForm) caption(id string) fyne.CanvasObject { return heading(f.u.uiText(f.u.t(id))) }

// feedSection: the feed's address (typed on the on-screen keyboard in
// kiosk mode) and the trusted root, chosen as a file.
func (f *adminForm) feedSection() fyne.CanvasObject {
	u := f.u
	f.feed = u.session.newEntry(u.t("AdminFeedHint"), content.English) // addresses are typed in Latin letters
	f.feed.Fallback = bidi.LeftToRight                                 // and read left to right in every language
	if v, ok, err := u.lib.Store.Setting(update.SettingFeed); err == nil && ok {
		f.feed.SetText(v)
	}
	f.root = u.uiText("")
	f.showRoot()
	choose := u.iconButton(u.t("AdminChooseRoot"), theme.FileIcon(), f.chooseRoot)
	return container.NewVBox(f.caption("AdminFeed"), f.feed,
		f.caption("AdminRoot"), f.root, u.sides(choose, nil, nil))
}

func (f *adminForm) showRoot() {
	if _, err := update.TrustedRoot(f.u.syncing.stateDir()); err == nil {
		f.root.SetText(f.u.t("AdminRootSet"))
	} else {
		f.root.SetText(f.u.t("AdminRootMissing"))
	}
}

// chooseRoot opens a file dialog for root.json and trusts it. A kiosk
// that already trusts a root refuses another: roots rotate only through
// the feed, signed by the old one.
func (f *adminForm) chooseRoot() {
	u := f.u
	u.choosePath(u.t("ChooserRootTitle"), chooseFile, []string{".json"}, "", func(path string) {
		f.trustRoot(readSmallFile(path, update.DefaultMaxFileBytes))
	})
}

// trustRoot makes root the trusted root and restarts the sync loop with it.
func (f *adminForm) trustRoot(root []byte, err error) {
	u := f.u
	if err == nil {
		err = update.TrustRoot(u.syncing.stateDir(), root)
	}
	if err != nil {
		f.say(u.tf("AdminRootRefused", map[string]any{"Error": err.Error()}))
		return
	}
	f.say(u.t("AdminRootSaved"))
	f.showRoot()
	u.syncing.restartSync()
}

// placeSection: the meeting place's name, shown at the top of Home,
// typed in the reader's language.
func (f *adminForm) placeSection() fyne.CanvasObject {
	u := f.u
	f.place = u.session.newEntry(u.t("PicturesPlaceNameHint"), "")
	f.place.MaxLength = kiosk.MaxPlaceNameRunes
	f.place.SetText(f.cfg.PlaceName)
	return container.NewVBox(f.caption("PicturesPlaceName"), f.place)
}

// municipalitySection: a check per municipality; all checked means all
// are shown (stored as an empty list).
func (f *adminForm) municipalitySection() fyne.CanvasObject {
	u := f.u
	_ = u.lib.Store.View(func(tx *store.Tx) (err error) { f.munis, err = tx.Municipalities(); return err })
	slices.SortFunc(f.munis, func(a, b content.Municipality) int { return u.loc.Compare(u.text(a.Name), u.text(b.Name)) })
	f.checks = map[string]*widget.Check{}
	grid := container.NewGridWithColumns(3)
	for _, m := range f.munis {
		c := widget.NewCheck("", nil) // the name is drawn by textview, for Arabic
		c.SetChecked(len(f.cfg.Municipalities) == 0 || slices.Contains(f.cfg.Municipalities, m.ID))
		f.checks[m.ID] = c
		grid.Add(u.sides(c, u.contentText(m.Name), nil))
	}
	return container.NewVBox(f.caption("AdminMunicipalities"), grid)
}

// shownMunicipalities reads the checks; nil when all are checked.
func (f *adminForm) shownMunicipalities() []string {
	var ids []string
	for _, m := range f.munis {
		if f.checks[m.ID].Checked {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == len(f.munis) {
		return nil
	}
	return ids
}

// languageSection: the language a kiosk starts in and returns to.
func (f *adminForm) languageSection() fyne.CanvasObject {
	u := f.u
	buttons := make([]*textview.Button, len(content.Languages))
	mark := func() {
		for i, l := range content.Languages {
			buttons[i].Importance = widget.MediumImportance
			if l == f.cfg.DefaultLang {
				buttons[i].Importance = widget.HighImportance
			}
			buttons[i].Refresh()
		}
	}
	var objs []fyne.CanvasObject
	for i, l := range content.Languages {
		l := l
		buttons[i] = textview.NewButton(u.catalog.For(l).T("LanguageName", nil), nil, dirOf(l), func() { f.cfg.DefaultLang = l; mark() })
		objs = append(objs, buttons[i])
	}
	mark()
	row := container.NewHBox(u.inReadingOrder(objs...)...)
	return container.NewVBox(f.caption("AdminDefaultLanguage"), u.sides(row, nil, nil))
}

// idleSection: the idle time, stepped with − and + through idleChoices
// (no keyboard needed), and whether the app starts in kiosk mode.
func (f *adminForm) idleSection() fyne.CanvasObject {
	u := f.u
	f.idle = u.uiText("")
	f.idle.Wrapping = false
	f.showIdle()
	less := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.stepIdle(-1) })
	more := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { f.stepIdle(1) })
	stepper := container.NewHBox(u.inReadingOrder(less, f.idle, more)...)
	start := widget.NewCheck("", func(on bool) { f.cfg.Kiosk = on })
	start.SetChecked(f.cfg.Kiosk)
	return container.NewVBox(f.caption("AdminIdle"), u.sides(stepper, nil, nil),
		u.sides(start, u.uiText(u.t("AdminKioskOnStart")), nil))
}

func (f *adminForm) showIdle() {
	f.idle.SetText(f.u.loc.N("AdminSeconds", f.cfg.IdleSeconds, nil))
}

// stepIdle moves to the next shorter or longer idle time.
func (f *adminForm) stepIdle(step int) {
	i, _ := slices.BinarySearch(idleChoices, f.cfg.IdleSeconds)
	if step < 0 {
		i--
	} else if i < len(idleChoices) && idleChoices[i] == f.cfg.IdleSeconds {
		i++
	}
	i = min(max(i, 0), len(idleChoices)-1)
	f.cfg.IdleSeconds = idleChoices[i]
	f.cfg.CountdownSeconds = min(f.cfg.CountdownSeconds, f.cfg.IdleSeconds/2)
	f.showIdle()
}

func (f *adminForm) saveSection() fyne.CanvasObject {
	save := f.u.iconButton(f.u.t("AdminSave"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	return f.u.sides(save, nil, nil)
}

// save stores the settings and the feed address, and puts them to work:
// the idle timer takes the new times, the default language the next
// visitor gets, and a new feed restarts the sync loop.
func (f *adminForm) save() {
	u := f.u
	f.cfg.Municipalities = f.shownMunicipalities()
	f.cfg.PlaceName = f.place.Text
	if err := u.saveConfig(f.cfg); err != nil {
		f.say(u.settingError(err))
		return
	}
	if err := f.saveFeed(); err != nil {
		f.say(u.tf("KioskError", map[string]any{"Error": err.Error()}))
		return
	}
	u.session.defaultLang = f.cfg.DefaultLang
	if u.session.idle != nil {
		u.session.idle.SetTimes(f.cfg.IdleTime(), f.cfg.Countdown())
	}
	f.say(u.t("AdminSaved"))
	if f.cfg.Kiosk && !u.session.kiosk {
		u.session.enterKiosk()
		u.session.unlocked = true // the admin who just turned it on is still here
	}
}

// saveFeed stores a changed feed address and restarts the sync loop.
func (f *adminForm) saveFeed() error {
	st := f.u.lib.Store
	feed := strings.TrimSpace(f.feed.Text)
	old, _, err := st.Setting(update.SettingFeed)
	if err != nil || feed == old || feed == "" {
		return err
	}
	if err := st.SetSetting(update.SettingFeed, feed); err != nil {
		return err
	}
	f.u.syncing.restartSync()
	f.u.syncing.refreshStatus()
	return nil
}

// syncSection: sync now, import from a folder, and what the last sync did.
func (f *adminForm) syncSection() fyne.CanvasObject {
	u := f.u
	now := u.iconButton(u.t("AdminSyncNow"), theme.ViewRefreshIcon(), func() {
		if u.syncing.syncNowOrStart() {
			f.say(u.t("AdminSyncStarted"))
		} else {
			f.say(u.t("AdminNeedFeed"))
		}
	})
	imp := u.iconButton(u.t("AdminImport"), theme.FolderOpenIcon(), f.chooseImport)
	f.log = u.uiText(u.syncing.syncLog())
	return container.NewVBox(f.caption("AdminSyncLog"), f.log, u.sides(container.NewHBox(u.inReadingOrder(now, imp)...), nil, nil))
}

// chooseImport asks for a feed folder and imports it.
func (f *adminForm) chooseImport() {
	u := f.u
	u.choosePath(u.t("ChooserImportTitle"), chooseFolder, nil, "", func(dir string) {
		f.say(u.t("AdminSyncStarted"))
		u.syncing.importFrom(dir, f.imported)
	})
}

// imported shows how an import went.
func (f *adminForm) imported(err error) {
	u := f.u
	var se *update.Error
	switch {
	case err == nil:
		f.say(u.t("LogWorked"))
	case errors.As(err, &se):
		f.say(u.t(string(se.Reason)))
	default:
		f.say(u.t("AdminNeedFeed")) // no trusted root yet
	}
	f.log.SetText(u.syncing.syncLog())
}

// pinSection: a new PIN, and (in kiosk mode) the way out.
func (f *adminForm) pinSection() fyne.CanvasObject {
	u := f.u
	change := u.iconButton(u.t("AdminChangePIN"), theme.AccountIcon(), func() {
		u.session.changePIN(func() { f.say(u.t("PINSaved")) })
	})
	objs := []fyne.CanvasObject{change}
	if u.session.kiosk {
		leave := u.iconButton(u.t("AdminLeaveKiosk"), theme.LogoutIcon(), u.session.leaveKiosk)
		leave.Importance = widget.DangerImportance
		objs = append(objs, leave)
	}
	return u.sides(container.NewHBox(u.inReadingOrder(objs...)...), nil, nil)
}

// settingError says what is wrong with a setting in the reader's
// language; "" for no error.
func (u *UI) settingError(err error) string {
	var se *kiosk.SettingError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, kiosk.ErrNoPIN):
		return u.t("KioskNoPIN")
	case errors.Is(err, kiosk.ErrPINDamaged):
		return u.tf("PinDamagedLocked", pinCommandName())
	case errors.As(err, &se) && se.Key == kiosk.KeyIdleSeconds:
		return u.tf("KioskIdleRange", map[string]any{"Min": u.loc.Number(se.Min), "Max": u.loc.Number(se.Max)})
	case errors.As(err, &se) && se.Key == kiosk.KeyPlaceName:
		return u.tf("PicturesPlaceNameBad", map[string]any{"Max": u.loc.Number(kiosk.MaxPlaceNameRunes)})
	case errors.As(err, &se) && se.Key == kiosk.KeyCountdown:
		return u.tf("KioskCountdownRange", map[string]any{"Min": u.loc.Number(se.Min), "Max": u.loc.Number(se.Max)})
	case errors.As(err, &se):
		return u.tf("KioskBadSetting", map[string]any{"Key": textview.Isolate(se.Key), "Value": textview.Isolate(se.Value)})
	}
	return u.tf("KioskError", map[string]any{"Error": err.Error()})
}
