//go:build !linux

package search

import (
	"io"
	"os"
)

// mapFile reads the first size bytes of f whole: the index's arrays are
// views of a Go heap buffer where the file is not mapped.
func mapFile(f *os.File, size int) (*mapping, error) {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, err
	}
	return &mapping{data: data}, nil
}

func unmap([]byte) {} // the collector frees the buffer

func dropPages([]byte) {}
