// Package folders lists the places staff pick files from on a kiosk or
// a desk — removable media first, then the home folder — and what a
// folder holds, for the app's own file chooser (Fyne's speaks only
// English). It reads the file system and never writes.
package folders

import (
	"bufio"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Place is a folder to start choosing from.
type Place struct {
	Path string
	// Removable is set for a USB stick or other media mounted under
	// /media, /run/media or /mnt.
	Removable bool
}

// removableRoots are where Linux desktops and udisks mount removable
// media.
var removableRoots = []string{"/media/", "/run/media/", "/mnt/"}

// Places returns the mounted removable media (from the mount table in
// mounts, as /proc/self/mounts reads) and then home, each once, in that
// order. A missing home is left out.
func Places(mounts io.Reader, home string) []Place {
	var out []Place
	seen := map[string]bool{}
	sc := bufio.NewScanner(mounts)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		dir := unescapeMount(fields[1])
		if !isRemovable(dir) || seen[dir] {
			continue
		}
		seen[dir] = true
		out = append(out, Place{Path: dir, Removable: true})
	}
	slices.SortFunc(out, func(a, b Place) int { return strings.Compare(a.Path, b.Path) })
	if home != "" && !seen[home] {
		if st, err := os.Stat(home); err == nil && st.IsDir() {
			out = append(out, Place{Path: home})
		}
	}
	return out
}

// SystemPlaces is Places for this machine.
func SystemPlaces() []Place {
	home, _ := os.UserHomeDir()
	f, err := os.Open("/proc/self/mounts")
	if err != nil {
		return Places(strings.NewReader(""), home)
	}
	defer f.Close()
	return Places(f, home)
}

func isRemovable(dir string) bool {
	for _, root := range removableRoots {
		if strings.HasPrefix(dir, root) && len(dir) > len(root) {
			return true
		}
	}
	return false
}

// unescapeMount undoes the octal escapes of the mount table (a space in
// a USB stick's label is written \040).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// Entry is one thing in a folder.
type Entry struct {
	Name string
	Dir  bool
}

// List returns the folders in dir and the regular files whose names end
// in one of exts (any file when exts is empty; none when exts is nil and
// onlyDirs is set), folders first, each group by name; hidden entries
// (a leading dot) are left out. Links are followed only to show what
// they point at; anything else (devices, FIFOs) is never listed, so a
// chooser cannot hand a FIFO to a reader that would hang on it.
func List(dir string, exts []string, onlyDirs bool) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var dirs, files []Entry
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		mode := de.Type()
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			mode = st.Mode().Type()
		}
		switch {
		case mode.IsDir():
			dirs = append(dirs, Entry{Name: name, Dir: true})
		case mode.IsRegular() && !onlyDirs && matches(name, exts):
			files = append(files, Entry{Name: name})
		}
	}
	byName := func(a, b Entry) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }
	slices.SortFunc(dirs, byName)
	slices.SortFunc(files, byName)
	return append(dirs, files...), nil
}

func matches(name string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, strings.ToLower(e)) {
			return true
		}
	}
	return false
}

// ValidName reports whether name can be a file name in a folder: not
// empty, no path separator, not "." or "..".
func ValidName(name string) bool {
	name = strings.TrimSpace(name)
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, "/\x00")
}
