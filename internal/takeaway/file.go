package takeaway

import (
	"os"
	"path/filepath"
)

// WriteFile writes data to path so that path is either the old file or the
// whole new one, never half of it: it writes a temporary file in the same
// folder (a rename is atomic only within one file system), flushes it to
// disk and renames it over path.
func WriteFile(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; an exported
	// calendar is an ordinary document.
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
