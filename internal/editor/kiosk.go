package editor

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
)

// KioskProgram is the kiosk's command, looked up on PATH for "preview on
// a kiosk" unless Options.Kiosk names another.
const KioskProgram = "motesplats"

// kioskPreview loads the content folder, as it is now (unsigned), into
// this machine's kiosk with `motesplats load --content DIR`: the editor
// sees the change in the real app before publishing. The load runs
// detached, its output in a log file, so the editor neither waits for it
// nor takes it down when it stops.
func (s *Server) kioskPreview(w http.ResponseWriter, r *http.Request, token string) {
	p := s.basePage(r, token, "")
	program := s.opt.Kiosk
	if program == "" {
		program = KioskProgram
	}
	path, err := exec.LookPath(program)
	if err != nil {
		p.Error = msgData(p.UI, "kiosk.missing", map[string]any{"Program": program})
		s.render(w, http.StatusOK, "kiosk", p)
		return
	}
	dir, err := filepath.Abs(s.opt.Content)
	if err != nil {
		p.Error = err.Error()
		s.render(w, http.StatusInternalServerError, "kiosk", p)
		return
	}
	logFile, err := os.CreateTemp("", "motesplats-preview-*.log")
	if err != nil {
		p.Error = err.Error()
		s.render(w, http.StatusInternalServerError, "kiosk", p)
		return
	}
	cmd := exec.Command(path, "load", "--content", dir)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	detach(cmd)
	if err := cmd.Start(); err != nil {
		logFile.Close()
		p.Error = fmt.Sprintf("%s: %v", path, err)
		s.render(w, http.StatusOK, "kiosk", p)
		return
	}
	go func() { cmd.Wait(); logFile.Close() }() // reaps it; nobody waits for it
	p.Notice = msgData(p.UI, "kiosk.started", map[string]any{"Program": path, "Folder": dir, "Log": logFile.Name()})
	s.render(w, http.StatusOK, "kiosk", p)
}
