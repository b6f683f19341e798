package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"

	"github.com/yuin/goldmark"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// maxListed caps the list page; a search narrows it.
const maxListed = 500

func (s *Server) basePage(r *http.Request, token, current string) page {
	ui := uiOf(r)
	p := page{UI: ui, CSRF: token, Publish: s.opt.Keys != "" && s.opt.Out != ""}
	for _, k := range content.Kinds {
		p.Kinds = append(p.Kinds, kindLink{Kind: string(k), Label: msg(ui, string(k)), Current: string(k) == current})
	}
	return p
}

type listData struct {
	Kind, Query   string
	Entries       []entry
	Total         int
	More          string
	Langs         []content.Lang
	Stats         content.Stats
	Kinds         []content.Kind
	Problems      []string
	Warnings      []string
	FolderChecked bool
	Stale         map[content.Kind]map[content.Lang]int // flagged translations per kind and language
	Translations  []content.Lang
}

func (s *Server) listPage(w http.ResponseWriter, r *http.Request, token string) {
	kindName := r.URL.Query().Get("kind")
	kinds := content.Kinds
	if k, ok := knownKind(kindName); ok {
		kinds = []content.Kind{k}
	} else {
		kindName = ""
	}
	p := s.basePage(r, token, kindName)
	p.Notice = noticeOf(r)
	entries, err := s.folder.list(kinds, r.URL.Query().Get("q"))
	if err != nil {
		p.Error = err.Error()
	}
	d := listData{Kind: kindName, Query: r.URL.Query().Get("q"), Total: len(entries), Langs: content.Languages, Kinds: content.Kinds}
	if len(entries) > maxListed {
		d.More = msgData(p.UI, "more", map[string]any{"Shown": maxListed, "Total": len(entries)})
		entries = entries[:maxListed]
	}
	d.Entries = entries
	d.Stats, d.Problems, d.Warnings = s.folderReport(p.UI)
	d.FolderChecked = true
	d.Stale, d.Translations = s.folder.folderStale(), translations
	p.Data = d
	s.render(w, http.StatusOK, "list", p)
}

// folderReport is what validate reports: completeness per language per
// kind, and every problem of the folder as build would refuse it.
func (s *Server) folderReport(ui string) (content.Stats, []string, []string) {
	set, err := source.ReadDir(s.opt.Content)
	if err != nil {
		var errs source.Errors
		if errors.As(err, &errs) {
			var out []string
			for _, e := range errs {
				out = append(out, fileErrorText(ui, e))
			}
			return content.NewStats(), out, nil
		}
		return content.NewStats(), []string{err.Error()}, nil
	}
	var warnings []string
	set.Each(func(item content.Item) {
		for _, p := range content.Warnings(item) {
			warnings = append(warnings, itemProblemText(ui, p))
		}
	})
	return set.Stats(), nil, warnings
}

func noticeOf(r *http.Request) string {
	switch r.URL.Query().Get("done") {
	case "saved":
		return msg(uiOf(r), "saved")
	case "deleted":
		return msg(uiOf(r), "deleted")
	}
	return ""
}

type formData struct {
	Kind, ID, Version, Action string
	Creating                  bool
	Fields                    []fieldView
	Other                     []string
	Filled                    map[content.Lang]int
	Fields4                   int
	Stale                     map[content.Lang]int // translations flagged, per language
	StaleTotal                int
	StaleOther                []staleView // flagged texts no field shows
	Langs                     []content.Lang
	From                      string // the item a duplicate copies
}

func (s *Server) showForm(w http.ResponseWriter, r *http.Request, token string, status int, kind content.Kind, id, ver string, m map[string]any, creating bool, problems content.Problems, errText string) {
	p := s.basePage(r, token, string(kind))
	p.Error = errText
	p.Notice = noticeOf(r)
	var staleKeys []string
	if !creating {
		staleKeys = stale(m, s.folder.readSources(kind, id))
	}
	fields, other, otherStale := s.views(kind, m, creating, problems, p.UI, staleKeys)
	// An input a problem is about shows what was typed, bad lines and
	// all, so the person can mend it rather than type it again.
	if r.Method == http.MethodPost {
		for i := range fields {
			for j := range fields[i].Inputs {
				in := &fields[i].Inputs[j]
				if posted, ok := r.PostForm[in.Name]; ok && len(in.Problems) > 0 && len(posted) == 1 && in.Control != "select" {
					in.Value = formValue(r.PostForm, in.Name)
				}
			}
		}
	}
	d := formData{Kind: string(kind), ID: id, Version: ver, Creating: creating, Fields: fields, Other: other, Langs: content.Languages,
		Stale: staleCounts(staleKeys), StaleTotal: len(staleKeys), StaleOther: otherStale}
	d.Filled, d.Fields4 = completeness(kind, m)
	d.Action = "/save/" + string(kind)
	if creating {
		d.From = r.PathValue("id")
		if d.From == "" {
			d.From = r.PostFormValue("from")
		}
	} else {
		d.Action += "/" + id
	}
	p.Data = d
	s.render(w, status, "form", p)
}

func kindOf(w http.ResponseWriter, r *http.Request) (content.Kind, bool) {
	k, ok := knownKind(r.PathValue("kind"))
	if !ok {
		http.Error(w, fmt.Sprintf("%q is not a kind of item", r.PathValue("kind")), http.StatusNotFound)
	}
	return k, ok
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, token string) {
	kind, ok := kindOf(w, r)
	if !ok {
		return
	}
	s.showForm(w, r, token, http.StatusOK, kind, "", "", map[string]any{}, true, nil, "")
}

// readFor reads the item the URL names, answering 404 (or 400 for an id
// that is not one) itself.
func (s *Server) readFor(w http.ResponseWriter, r *http.Request) (content.Kind, string, map[string]any, string, bool) {
	kind, ok := kindOf(w, r)
	if !ok {
		return "", "", nil, "", false
	}
	id := r.PathValue("id")
	if !content.ValidID(id) {
		http.Error(w, fmt.Sprintf("%q is not an item id", id), http.StatusBadRequest)
		return "", "", nil, "", false
	}
	m, ver, err := s.folder.read(kind, id)
	if errors.Is(err, fs.ErrNotExist) {
		http.Error(w, fmt.Sprintf("%s does not exist", source.File(kind, id)), http.StatusNotFound)
		return "", "", nil, "", false
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return "", "", nil, "", false
	}
	return kind, id, m, ver, true
}

func (s *Server) editPage(w http.ResponseWriter, r *http.Request, token string) {
	kind, id, m, ver, ok := s.readFor(w, r)
	if !ok {
		return
	}
	s.showForm(w, r, token, http.StatusOK, kind, id, ver, m, false, nil, "")
}

// duplicatePage opens a new item filled in as a copy, under a free id.
func (s *Server) duplicatePage(w http.ResponseWriter, r *http.Request, token string) {
	kind, id, m, _, ok := s.readFor(w, r)
	if !ok {
		return
	}
	ids := s.folder.ids(kind)
	copyID := id + "-copy"
	for n := 2; slices.Contains(ids, copyID); n++ {
		copyID = fmt.Sprintf("%s-copy-%d", id, n)
	}
	if len(copyID) > 64 {
		copyID = ""
	}
	m["id"] = copyID
	s.showForm(w, r, token, http.StatusOK, kind, "", "", m, true, nil, "")
}

// save writes a submitted form: only a valid item, only over the version
// the form was opened on.
func (s *Server) save(w http.ResponseWriter, r *http.Request, token string) {
	kind, ok := kindOf(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, err.Error(), status)
		return
	}
	ui := uiOf(r)
	id := r.PathValue("id")
	creating := id == ""
	opened := r.PostForm.Get("version")
	m := map[string]any{}
	had := sources{}
	if !creating {
		if !content.ValidID(id) {
			http.Error(w, fmt.Sprintf("%q is not an item id", id), http.StatusBadRequest)
			return
		}
		// Start from the file as it was opened is not known here; start
		// from the file as it is, and let the version check refuse a
		// change made meanwhile.
		cur, _, err := s.folder.read(kind, id)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if cur != nil {
			m = cur
		}
		m["id"] = id
		had = s.folder.readSources(kind, id)
	} else if src := r.PostForm.Get("from"); src != "" {
		// A duplicate keeps the parts of the original no field shows.
		if orig, _, err := s.folder.read(kind, src); err == nil {
			m = orig
			had = s.folder.readSources(kind, src)
		}
	}
	var before map[string]any
	if len(m) > 0 {
		before = cloneObject(m)
	}
	confirmed := map[string]bool{}
	for _, key := range r.PostForm["confirm"] {
		confirmed[key] = true
	}
	problems := apply(kind, r.PostForm, m, creating, ui)
	if creating {
		id = getString(m, "id")
	}
	if len(problems) == 0 {
		var ver string
		var err error
		ver, problems, err = s.folder.save(kind, id, opened, m)
		switch {
		case errors.Is(err, ErrConflict):
			s.showForm(w, r, token, http.StatusConflict, kind, id, opened, m, creating, nil, msg(ui, "conflict"))
			return
		case errors.Is(err, ErrExists):
			s.showForm(w, r, token, http.StatusConflict, kind, id, opened, m, creating, content.Problems{{Field: "id", Message: msg(ui, "exists")}}, msg(ui, "exists"))
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		case len(problems) == 0 && ver != "":
			if err := s.folder.recordSources(kind, id, before, m, had, confirmed); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			http.Redirect(w, r, "/edit/"+string(kind)+"/"+id+"?done=saved", http.StatusSeeOther)
			return
		}
	}
	s.showForm(w, r, token, http.StatusUnprocessableEntity, kind, id, opened, m, creating, problems, msg(ui, "invalid"))
}

func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, token string) {
	kind, id, _, ver, ok := s.readFor(w, r)
	if !ok {
		return
	}
	p := s.basePage(r, token, string(kind))
	p.Data = map[string]string{"Kind": string(kind), "ID": id, "Version": ver,
		"Question": msgData(p.UI, "delete.ask", map[string]any{"File": source.File(kind, id)})}
	s.render(w, http.StatusOK, "delete", p)
}

func (s *Server) delete(w http.ResponseWriter, r *http.Request, token string) {
	kind, ok := kindOf(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	err := s.folder.trash(kind, id, r.PostFormValue("version"))
	switch {
	case errors.Is(err, ErrConflict):
		http.Error(w, msg(uiOf(r), "conflict"), http.StatusConflict)
	case errors.Is(err, fs.ErrNotExist):
		http.Error(w, fmt.Sprintf("%s does not exist", source.File(kind, id)), http.StatusNotFound)
	case err != nil:
		http.Error(w, err.Error(), http.StatusBadRequest)
	default:
		http.Redirect(w, r, "/?kind="+string(kind)+"&done=deleted", http.StatusSeeOther)
	}
}

// preview renders Markdown as the kiosk reads it, without raw HTML
// (goldmark drops it unless told otherwise; the kiosk shows none).
func (s *Server) preview(w http.ResponseWriter, r *http.Request, _ string) {
	var buf bytes.Buffer
	if err := goldmark.Convert([]byte(r.PostFormValue("text")), &buf); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}
