package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// dropPages tells the kernel this process no longer needs the store file's
// pages it has read through bbolt's memory map (MADV_DONTNEED). They stay
// in the page cache, and a later read maps them again from there (the map
// is read-only and shared, so nothing is lost); but they stop counting in
// the process's resident memory, which a full read of a large version
// (the consistency check, building the search index) otherwise fills
// with the whole file.
//
// It must run while tx is open: bbolt remaps the file only in a writing
// transaction's commit, which waits for every reading transaction, so
// the map stays where it is until tx ends.
func dropPages(tx *bolt.Tx) {
	info := tx.DB().Info()
	size := tx.Size()
	if info == nil || info.Data == 0 || size <= 0 {
		return
	}
	// Only advice: a failure costs memory, not data. (info.Data is the
	// start of the map, so page-aligned; the kernel rounds the length.)
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(size), syscall.MADV_DONTNEED)
}
