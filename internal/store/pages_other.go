//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// dropPages does nothing here; see pages_linux.go.
func dropPages(*bolt.Tx) {}
