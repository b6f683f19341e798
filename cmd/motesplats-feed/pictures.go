package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/feed"
	"github.com/motesplats/motesplats/internal/images"
	"github.com/motesplats/motesplats/internal/source"
)

// readContent reads a content folder and makes the pictures its items
// name (docs/content-format.md, "Images"): the items then name the
// published pictures, which are returned as targets for feed.BuildWith.
// Problems with the items or the pictures are all said at once, each
// naming the item's file and the picture's. what says what did not
// happen because of them.
func readContent(dir, what string) (*content.Set, []feed.Shard, error) {
	set, err := source.ReadDir(dir)
	var errs source.Errors
	if errors.As(err, &errs) {
		return nil, nil, fmt.Errorf("%s has %d problem(s)%s:\n%w", dir, len(errs), what, err)
	}
	if err != nil {
		return nil, nil, err
	}
	pics, errs := images.PrepareCached(set, os.DirFS(dir), images.CacheDir())
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("%s has %d problem(s) with pictures%s:\n%w", dir, len(errs), what, errs)
	}
	targets := make([]feed.Shard, len(pics))
	for i, p := range pics {
		targets[i] = feed.Shard{Name: p.Name, Data: p.Data}
	}
	return set, targets, nil
}

// printPictures says how many pictures a build published, and their size.
func printPictures(w io.Writer, pics []feed.Shard) {
	if len(pics) == 0 {
		return
	}
	var total, largest int
	for _, p := range pics {
		total += len(p.Data)
		largest = max(largest, len(p.Data))
	}
	fmt.Fprintf(w, "%d picture(s), %d bytes; largest %d bytes\n", len(pics), total, largest)
}
