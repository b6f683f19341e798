package editor

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/motesplats/motesplats/internal/content"
)

// MaxXLIFFBytes caps an uploaded XLIFF file: every text of a large folder
// in two languages with markup.
const MaxXLIFFBytes = 32 << 20

type translateData struct {
	Langs    []content.Lang
	Problems []string
}

func (s *Server) translatePage(w http.ResponseWriter, r *http.Request, token string) {
	p := s.basePage(r, token, "")
	p.Data = translateData{Langs: []content.Lang{content.Ukrainian, content.Arabic, content.English}}
	s.render(w, http.StatusOK, "translate", p)
}

// exportXLIFF sends the texts a language needs as a download.
func (s *Server) exportXLIFF(w http.ResponseWriter, r *http.Request, token string) {
	lang := content.Lang(r.URL.Query().Get("lang"))
	since, err := ParseSince(r.URL.Query().Get("since"), s.opt.Out)
	if err != nil {
		s.translateProblems(w, r, token, http.StatusBadRequest, []string{err.Error()})
		return
	}
	doc, err := ExportXLIFF(s.opt.Content, lang, since)
	if err != nil {
		s.translateProblems(w, r, token, http.StatusBadRequest, []string{err.Error()})
		return
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xliff+xml")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="motesplats-sv-%s.xlf"`, lang))
	w.Write(b.Bytes())
}

// importXLIFF takes an uploaded XLIFF file through ImportXLIFF, with the
// editor's lock on the folder, and says what it wrote or why not.
func (s *Server) importXLIFF(w http.ResponseWriter, r *http.Request, token string) {
	file, _, err := r.FormFile("file")
	if err != nil {
		s.translateProblems(w, r, token, http.StatusBadRequest, []string{err.Error()})
		return
	}
	defer file.Close()
	report, err := s.folder.importXLIFF(file)
	var refused *ImportError
	switch {
	case errors.As(err, &refused):
		s.translateProblems(w, r, token, http.StatusUnprocessableEntity, refused.Problems)
		return
	case err != nil:
		s.translateProblems(w, r, token, http.StatusUnprocessableEntity, []string{err.Error()})
		return
	}
	p := s.basePage(r, token, "")
	p.Notice = msgData(p.UI, "translate.imported", map[string]any{"Units": report.Units, "Lang": report.Lang, "Changed": report.Changed, "Items": report.Items})
	p.Data = translateData{Langs: []content.Lang{content.Ukrainian, content.Arabic, content.English}}
	s.render(w, http.StatusOK, "translate", p)
}

func (s *Server) translateProblems(w http.ResponseWriter, r *http.Request, token string, status int, problems []string) {
	p := s.basePage(r, token, "")
	p.Error = msg(p.UI, "translate.refused")
	p.Data = translateData{Langs: []content.Lang{content.Ukrainian, content.Arabic, content.English}, Problems: problems}
	s.render(w, status, "translate", p)
}
