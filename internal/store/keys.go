package store

import (
	"encoding/binary"
	"time"

	"github.com/motesplats/motesplats/internal/content"
)

// Bucket and key names. Content buckets are named after content.Kind.
var (
	bucketMeta     = []byte("meta")
	bucketSettings = []byte("settings")

	// Index buckets. Keys are built so that a cursor Seek answers the query.
	bucketEventsByStart = []byte("index.events.start")        // start | id
	bucketEventsByMuni  = []byte("index.events.municipality") // municipality 0 start | id
	bucketEventsByProj  = []byte("index.events.project")      // project 0 start | id
	bucketEventsByCat   = []byte("index.events.category")     // category 0 start | id
	bucketByMuni        = []byte("index.municipality")        // municipality 0 kind 0 id
	bucketServicesByCat = []byte("index.services.category")   // category 0 id
	bucketArticlesTopic = []byte("index.articles.topic")      // topic 0 order | id
	bucketEventStarts   = []byte("index.events.starts")       // id → start | start | … as indexed
	bucketDigest        = []byte("index.digest")              // kind 0 id → SHA-256 of the item
	// bucketParts records the feed shards a version was applied from.
	bucketParts = []byte("parts") // shard name → partRecord
	// bucketNext holds a version being built over several transactions.
	bucketNext = []byte("next")

	keySchema     = []byte("schema")
	keyVersion    = []byte("version")
	keyStats      = []byte("stats")
	keySyncStatus = []byte("sync")
)

// contentBuckets are emptied and refilled by every Apply.
func contentBuckets() [][]byte {
	out := [][]byte{bucketEventsByStart, bucketEventsByMuni, bucketEventsByProj, bucketEventsByCat, bucketByMuni, bucketServicesByCat, bucketArticlesTopic, bucketEventStarts, bucketDigest, bucketParts}
	for _, k := range content.Kinds {
		out = append(out, []byte(k))
	}
	return out
}

// timeKey encodes a time as 8 big-endian bytes that sort in time order,
// also before 1970 (the sign bit is flipped).
func timeKey(t time.Time) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(t.Unix())^(1<<63))
	return b[:]
}

func keyTime(b []byte) time.Time {
	return time.Unix(int64(binary.BigEndian.Uint64(b)^(1<<63)), 0)
}

// join builds an index key from parts separated by a zero byte. Ids and
// names never hold a zero byte (validation refuses control characters).
func join(parts ...[]byte) []byte {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			out = append(out, 0)
		}
		out = append(out, p...)
	}
	return out
}

// orderKey makes an article's order sort numerically, negatives first.
func orderKey(order int) []byte {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(int32(order))^(1<<31))
	return b[:]
}
