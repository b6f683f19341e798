// Package feed publishes and reads the signed content feed: content split
// into shards (kind × municipality), signed with The Update Framework
// (go-tuf v2) with consistent snapshots, so any static web host, CDN or
// USB stick can carry it and a kiosk can check every byte.
package feed

import (
	"crypto"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/theupdateframework/go-tuf/v2/metadata"
)

// Role names of TUF's top-level roles.
const (
	RoleRoot      = "root"
	RoleTargets   = "targets"
	RoleSnapshot  = "snapshot"
	RoleTimestamp = "timestamp"
)

// RootFile is the trusted root a kiosk needs, in the keys folder and as
// --root for verify and sync.
const RootFile = "root.json"

// Keys are the publisher's signing keys.
type Keys struct {
	Root                         []ed25519.PrivateKey
	Targets, Snapshot, Timestamp ed25519.PrivateKey
}

// Expiries say how long each role's signature is valid.
type Expiries struct {
	Root, Targets, Snapshot, Timestamp time.Duration
}

// DefaultExpiries: a timestamp re-signed daily lives a week, so a kiosk
// notices within a week when the publisher stops (TUF's freeze attack).
var DefaultExpiries = Expiries{
	Root:      365 * 24 * time.Hour,
	Targets:   90 * 24 * time.Hour,
	Snapshot:  90 * 24 * time.Hour,
	Timestamp: 7 * 24 * time.Hour,
}

func keyFile(dir, role string, i int) string {
	if role == RoleRoot {
		return filepath.Join(dir, fmt.Sprintf("root-%d.key", i+1))
	}
	return filepath.Join(dir, role+".key")
}

// InitKeys creates Ed25519 keys for every role (rootKeys of them for root,
// rootThreshold needed to sign it) in dir, files mode 0600, and writes
// the signed root metadata to dir/root.json. It refuses to overwrite keys.
func InitKeys(dir string, rootKeys, rootThreshold int, rootExpiry time.Duration, now time.Time) error {
	if rootKeys < 1 || rootThreshold < 1 || rootThreshold > rootKeys {
		return fmt.Errorf("root threshold %d of %d keys is not possible", rootThreshold, rootKeys)
	}
	if _, err := os.Stat(filepath.Join(dir, RootFile)); err == nil {
		return fmt.Errorf("%s already holds a root.json: keys are never overwritten", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	keys := &Keys{}
	gen := func(role string, i int) (ed25519.PrivateKey, error) {
		_, priv, err := ed25519.GenerateKey(nil)
		if err != nil {
			return nil, err
		}
		return priv, writeKey(keyFile(dir, role, i), priv)
	}
	var err error
	for i := 0; i < rootKeys; i++ {
		k, gerr := gen(RoleRoot, i)
		err = errors.Join(err, gerr)
		keys.Root = append(keys.Root, k)
	}
	if keys.Targets, err = gen(RoleTargets, 0); err != nil {
		return err
	}
	if keys.Snapshot, err = gen(RoleSnapshot, 0); err != nil {
		return err
	}
	if keys.Timestamp, err = gen(RoleTimestamp, 0); err != nil {
		return err
	}
	root, err := newRoot(keys, rootThreshold, now.Add(rootExpiry))
	if err != nil {
		return err
	}
	return writeMetadata(filepath.Join(dir, RootFile), root)
}

func newRoot(keys *Keys, threshold int, expires time.Time) (*metadata.Metadata[metadata.RootType], error) {
	root := metadata.Root(expires.UTC().Truncate(time.Second))
	root.Signed.ConsistentSnapshot = true
	add := func(role string, k ed25519.PrivateKey) error {
		key, err := metadata.KeyFromPublicKey(k.Public())
		if err != nil {
			return err
		}
		return root.Signed.AddKey(key, role)
	}
	for _, k := range keys.Root {
		if err := add(RoleRoot, k); err != nil {
			return nil, err
		}
	}
	root.Signed.Roles[RoleRoot].Threshold = threshold
	for role, k := range map[string]ed25519.PrivateKey{RoleTargets: keys.Targets, RoleSnapshot: keys.Snapshot, RoleTimestamp: keys.Timestamp} {
		if err := add(role, k); err != nil {
			return nil, err
		}
	}
	for _, k := range keys.Root {
		if _, err := root.Sign(mustSigner(k)); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// LoadKeys reads the keys InitKeys wrote.
func LoadKeys(dir string) (*Keys, error) {
	keys := &Keys{}
	for i := 0; ; i++ {
		k, err := readKey(keyFile(dir, RoleRoot, i))
		if errors.Is(err, os.ErrNotExist) && i > 0 {
			break
		}
		if err != nil {
			return nil, err
		}
		keys.Root = append(keys.Root, k)
	}
	var err error
	if keys.Targets, err = readKey(keyFile(dir, RoleTargets, 0)); err != nil {
		return nil, err
	}
	if keys.Snapshot, err = readKey(keyFile(dir, RoleSnapshot, 0)); err != nil {
		return nil, err
	}
	keys.Timestamp, err = readKey(keyFile(dir, RoleTimestamp, 0))
	return keys, err
}

func writeKey(path string, k ed25519.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return err
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

func readKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%s: not a PEM key file", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ek, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an Ed25519 key", path)
	}
	return ek, nil
}

func mustSigner(k ed25519.PrivateKey) signature.Signer {
	s, err := signature.LoadSigner(k, crypto.Hash(0))
	if err != nil {
		panic(err) // an Ed25519 key always loads
	}
	return s
}
