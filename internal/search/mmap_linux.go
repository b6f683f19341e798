//go:build linux

package search

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only.
func mapFile(f *os.File, size int) (*mapping, error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	return &mapping{
		data:    data,
		release: func() { _ = syscall.Munmap(data) },
		unused:  func() { _ = syscall.Madvise(data, syscall.MADV_DONTNEED) },
	}, nil
}
