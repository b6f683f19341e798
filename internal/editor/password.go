package editor

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/argon2"

	"github.com/motesplats/motesplats/internal/atomicfile"
)

// The password file holds one line, PHC-like:
// argon2id$v=19$m=65536,t=2,p=2$salt$hash (as the kiosk's PIN hash).
const passwordScheme = "argon2id"

// MinPasswordLength: a password guards the content of every kiosk.
const MinPasswordLength = 12

var b64 = base64.RawStdEncoding

// Password cost: about a tenth of a second on two cores, once per login.
const (
	pwTime    = 2
	pwMemory  = 64 * 1024
	pwThreads = 2
)

// HashPassword hashes a password with argon2id and a random salt.
func HashPassword(password string) (string, error) {
	if len([]rune(password)) < MinPasswordLength {
		return "", fmt.Errorf("the password must be at least %d characters", MinPasswordLength)
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, pwTime, pwMemory, pwThreads, 32)
	return fmt.Sprintf("%s$v=%d$m=%d,t=%d,p=%d$%s$%s", passwordScheme, argon2.Version,
		pwMemory, pwTime, pwThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrBadHash: the password file does not hold a hash HashPassword made.
var ErrBadHash = errors.New("the editor's password file does not hold an argon2id hash from `motesplats-feed edit-password`")

type cost struct {
	time, memory uint32
	threads      uint8
}

func decodePasswordHash(s string) (cost, []byte, []byte, error) {
	var c cost
	parts := strings.Split(strings.TrimSpace(s), "$")
	if len(parts) != 5 || parts[0] != passwordScheme {
		return c, nil, nil, ErrBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[1], "v=%d", &v); err != nil || v != argon2.Version {
		return c, nil, nil, ErrBadHash
	}
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &c.memory, &c.time, &c.threads); err != nil {
		return c, nil, nil, ErrBadHash
	}
	if c.time == 0 || c.time > 16 || c.threads == 0 || c.memory < 8 || c.memory > 1<<21 {
		return c, nil, nil, ErrBadHash
	}
	salt, err1 := b64.DecodeString(parts[3])
	key, err2 := b64.DecodeString(parts[4])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return c, nil, nil, ErrBadHash
	}
	return c, salt, key, nil
}

// MatchPassword checks a password against a hash in constant time.
func MatchPassword(hash, password string) (bool, error) {
	c, salt, want, err := decodePasswordHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, c.time, c.memory, c.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// WritePasswordFile writes a hash to path, readable by its owner only.
func WritePasswordFile(path, hash string) error {
	return atomicfile.WriteBytes(path, 0o600, []byte(hash+"\n"))
}

// ReadPasswordFile reads a hash WritePasswordFile wrote.
func ReadPasswordFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	hash := strings.TrimSpace(string(data))
	if _, _, _, err := decodePasswordHash(hash); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hash, nil
}
