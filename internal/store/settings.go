package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// SyncStatus is what the last content updates did. The sync engine writes
// it; screens and `motesplats status` read it.
type SyncStatus struct {
	Feed        string    `json:"feed,omitempty"`
	LastAttempt time.Time `json:"lastAttempt,omitempty"`
	LastSuccess time.Time `json:"lastSuccess,omitempty"`
	// LastError is a message id of the catalogs plus details, so the UI
	// can say it in the reader's language.
	LastError string `json:"lastError,omitempty"`
}

// SyncStatus returns the recorded sync status (zero when never synced).
// A status that could not be saved is returned as long as this store is
// open, so a screen still says the last update failed.
func (s *Store) SyncStatus() (SyncStatus, error) {
	s.damageMu.Lock()
	unsaved := s.unsavedSync
	s.damageMu.Unlock()
	if unsaved != nil {
		return *unsaved, nil
	}
	var st SyncStatus
	_, err := s.getJSON(keySyncStatus, &st)
	return st, err
}

// SetSyncStatus records the sync status. When it cannot be written (the
// disk is full: often the very reason the sync failed) it is still kept
// in memory for SyncStatus, and the error returned.
func (s *Store) SetSyncStatus(st SyncStatus) error {
	err := s.putJSON(keySyncStatus, st)
	s.damageMu.Lock()
	defer s.damageMu.Unlock()
	s.unsavedSync = nil
	if err != nil {
		s.unsavedSync = &st
	}
	return err
}

// Setting returns a setting's value; ok is false when it was never set.
func (s *Store) Setting(key string) (value string, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSettings); b != nil {
			if v := b.Get([]byte(key)); v != nil {
				value, ok = string(v), true
			}
		}
		return nil
	})
	return value, ok, err
}

// SetSetting stores a setting.
func (s *Store) SetSetting(key, value string) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSettings)
		if err != nil {
			return err
		}
		return b.Put([]byte(key), []byte(value))
	})
}

// DeleteSetting forgets a setting; deleting one never set is no error.
func (s *Store) DeleteSetting(key string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketSettings); b != nil {
			return b.Delete([]byte(key))
		}
		return nil
	})
}
