package takeaway

import "github.com/motesplats/motesplats/internal/atomicfile"

// WriteFile writes an exported calendar (an ordinary document, readable by
// all) so that path is either the old file or the whole new one.
func WriteFile(path string, data []byte) error {
	return atomicfile.WriteBytes(path, 0o644, data)
}
