package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
)

// An index is saved as a flat binary file so that a kiosk can load it at
// start-up in a fraction of the time building it takes (building needs
// the whole content decoded from the store first). The format is private
// to this package: a file of another format version is simply rebuilt.
const fileMagic = "motesplats search index 5\n"

// ErrFormat means a saved index is not one this version can read.
var ErrFormat = errors.New("not a search index of this version")

// WriteTo saves the index.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	bw := &binWriter{w: bufio.NewWriterSize(w, 1<<20)}
	bw.bytes([]byte(fileMagic))
	for l := range ix.levels {
		p := &ix.levels[l]
		bw.strings(p.terms)
		bw.u32s(p.off)
		bw.u32s(p.docs)
		bw.u16s(p.imps)
		bw.f32s([]float32{p.scale})
	}
	bw.f32s(ix.avg[:])
	bw.u64s([]uint64{uint64(ix.updated)})
	bw.strings(ix.typo.terms)
	hashes := make([]uint64, len(ix.typo.dels))
	terms := make([]uint32, len(ix.typo.dels))
	for i, d := range ix.typo.dels {
		hashes[i], terms[i] = d.hash, d.term
	}
	bw.u64s(hashes)
	bw.u32s(terms)

	kinds := make([]string, len(ix.kinds))
	for i, k := range ix.kinds {
		kinds[i] = string(k)
	}
	bw.strings(kinds)
	bw.strings(ix.ids)
	bw.u16s(ix.munis)
	bw.strings(ix.topicNames)
	bw.u64s(ix.topicMasks)
	bw.json(ix.projectMunis)
	bw.json(ix.muniNumbers)
	bw.u64s([]uint64{uint64(ix.eventBase), uint64(len(ix.events))})
	for _, e := range ix.events {
		recurs := int64(0)
		if e.recurs {
			recurs = 1
		}
		bw.i64s([]int64{e.first, e.last, recurs})
		bw.i64s(e.starts)
		bw.json(e.more)
	}
	if bw.err == nil {
		bw.err = bw.w.Flush()
	}
	return bw.n, bw.err
}

// ReadIndex loads an index saved by WriteTo. A damaged file gives an
// error wrapping ErrFormat, having read no more than it holds: no length
// in it can make ReadIndex allocate more than the file's size (or, for a
// reader whose length is unknown, about twice what it actually yields).
func ReadIndex(r io.Reader) (*Index, error) {
	left := int64(-1)
	if l, ok := r.(interface{ Len() int }); ok {
		left = int64(l.Len())
	}
	return readIndex(r, left)
}

// readIndex is ReadIndex of a reader with left bytes (-1: not known).
func readIndex(r io.Reader, left int64) (*Index, error) {
	br := &binReader{r: bufio.NewReaderSize(r, 1<<20), left: left}
	if magic := br.bytes(); string(magic) != fileMagic {
		return nil, ErrFormat
	}
	ix := &Index{}
	for l := range ix.levels {
		p := &ix.levels[l]
		p.terms = br.strings()
		p.off = br.u32s()
		p.docs = br.u32s()
		p.imps = br.u16s()
		if scale := br.f32s(); len(scale) == 1 {
			p.scale = scale[0]
		}
	}
	if avg := br.f32s(); len(avg) == numSlots {
		copy(ix.avg[:], avg)
	} else {
		br.err = ErrFormat
	}
	if updated := br.u64s(); len(updated) == 1 && updated[0] < math.MaxInt32 {
		ix.updated = int(updated[0])
	} else {
		br.err = ErrFormat
	}
	ix.typo.terms = br.strings()
	hashes, terms := br.u64s(), br.u32s()
	if len(hashes) != len(terms) {
		return nil, ErrFormat
	}
	ix.typo.dels = make([]deletion, len(hashes))
	for i := range hashes {
		ix.typo.dels[i] = deletion{hashes[i], terms[i]}
	}
	for _, k := range br.strings() {
		ix.kinds = append(ix.kinds, content.Kind(k))
	}
	ix.ids = br.strings()
	ix.munis = br.u16s()
	ix.topicNames = br.strings()
	ix.topicMasks = br.u64s()
	br.json(&ix.projectMunis)
	br.json(&ix.muniNumbers)
	counts := br.u64s()
	if br.err != nil || len(counts) != 2 || counts[1] > uint64(len(ix.ids)) {
		return nil, errors.Join(ErrFormat, br.err)
	}
	ix.eventBase = int(counts[0])
	ix.events = make([]eventTimes, counts[1])
	for i := range ix.events {
		e := &ix.events[i]
		if head := br.i64s(); len(head) == 3 {
			e.first, e.last, e.recurs = head[0], head[1], head[2] == 1
		} else {
			br.err = ErrFormat
		}
		e.starts = br.i64s()
		br.json(&e.more)
	}
	if br.err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, br.err)
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	ix.finish()
	return ix, nil
}

// check makes sure a loaded index cannot make Search read out of range.
func (ix *Index) check() error {
	n := len(ix.ids)
	if len(ix.kinds) != n || len(ix.munis) != n || len(ix.topicMasks) != n || len(ix.topicNames) > maxTopics ||
		!slices.IsSorted(ix.topicNames) || ix.eventBase < 0 || ix.eventBase+len(ix.events) > n {
		return ErrFormat
	}
	for d, k := range ix.kinds {
		if k == content.KindEvent && (d < ix.eventBase || d >= ix.eventBase+len(ix.events)) {
			return ErrFormat
		}
	}
	for l := range ix.levels {
		p := &ix.levels[l]
		if len(p.off) != len(p.terms)+1 || len(p.docs) != len(p.imps) || p.off[len(p.terms)] != uint32(len(p.docs)) ||
			!slices.IsSorted(p.off) || !slices.IsSorted(p.terms) || !(p.scale > 0 && p.scale < math.MaxFloat32) ||
			slices.Contains(p.imps, 0) {
			return ErrFormat
		}
		for _, d := range p.docs {
			if int(d) >= n {
				return ErrFormat
			}
		}
	}
	for _, d := range ix.typo.dels {
		if int(d.term) >= len(ix.typo.terms) {
			return ErrFormat
		}
	}
	return nil
}

// binWriter writes length-prefixed little-endian arrays, remembering the
// first error.
type binWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (b *binWriter) write(p []byte) {
	if b.err == nil {
		var n int
		n, b.err = b.w.Write(p)
		b.n += int64(n)
	}
}

func (b *binWriter) length(n int) {
	b.write(binary.LittleEndian.AppendUint64(nil, uint64(n)))
}

func (b *binWriter) bytes(p []byte) {
	b.length(len(p))
	b.write(p)
}

func (b *binWriter) strings(s []string) {
	lens := make([]uint32, len(s))
	total := 0
	for i, x := range s {
		lens[i] = uint32(len(x))
		total += len(x)
	}
	b.u32s(lens)
	blob := make([]byte, 0, total)
	for _, x := range s {
		blob = append(blob, x...)
	}
	b.bytes(blob)
}

// The arrays are written through a small buffer, never copied whole: an
// index's postings are tens of megabytes, and a copy of them would be
// garbage the size of the index just when a kiosk has built it.

func (b *binWriter) u16s(v []uint16) {
	writeArray(b, v, 2, func(p []byte, x uint16) []byte { return binary.LittleEndian.AppendUint16(p, x) })
}

func (b *binWriter) u32s(v []uint32) {
	writeArray(b, v, 4, func(p []byte, x uint32) []byte { return binary.LittleEndian.AppendUint32(p, x) })
}

func (b *binWriter) f32s(v []float32) {
	writeArray(b, v, 4, func(p []byte, x float32) []byte { return binary.LittleEndian.AppendUint32(p, math.Float32bits(x)) })
}

func (b *binWriter) u64s(v []uint64) {
	writeArray(b, v, 8, func(p []byte, x uint64) []byte { return binary.LittleEndian.AppendUint64(p, x) })
}

func (b *binWriter) i64s(v []int64) {
	writeArray(b, v, 8, func(p []byte, x int64) []byte { return binary.LittleEndian.AppendUint64(p, uint64(x)) })
}

// arrayBuf is how many bytes of an array are encoded at a time.
const arrayBuf = 64 << 10

// writeArray writes v as a section of width bytes an element.
func writeArray[T any](b *binWriter, v []T, width int, put func([]byte, T) []byte) {
	b.length(width * len(v))
	buf := make([]byte, 0, min(arrayBuf, width*len(v)))
	for _, x := range v {
		if len(buf)+width > cap(buf) {
			b.write(buf)
			buf = buf[:0]
		}
		buf = put(buf, x)
	}
	b.write(buf)
}

func (b *binWriter) json(v any) {
	p, err := json.Marshal(v)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.bytes(p)
}

// binReader reads what binWriter writes. It stops at the first error and
// reads nothing more.
type binReader struct {
	r    *bufio.Reader
	left int64 // bytes left in the file; -1 when not known
	err  error
}

// maxSection bounds one array whatever the file's size.
const maxSection = 1 << 31

func (b *binReader) bytes() []byte {
	size, ok := b.header()
	if !ok {
		return nil
	}
	return b.body(size)
}

// header reads a section's length and checks it against what is left.
func (b *binReader) header() (uint64, bool) {
	if b.err != nil {
		return 0, false
	}
	var n [8]byte
	if _, b.err = io.ReadFull(b.r, n[:]); b.err != nil {
		return 0, false
	}
	size := binary.LittleEndian.Uint64(n[:])
	if size > maxSection || b.left >= 0 && size > uint64(b.left-8) {
		b.err = fmt.Errorf("a section says it is %d bytes long, more than the file holds", size)
		return 0, false
	}
	return size, true
}

// body reads a section of size bytes whose header has been read.
func (b *binReader) body(size uint64) []byte {
	if b.left >= 0 {
		b.left -= 8 + int64(size)
		p := make([]byte, size)
		_, b.err = io.ReadFull(b.r, p)
		return p
	}
	// The length is not known to be true: the buffer grows with what
	// actually arrives.
	var buf bytes.Buffer
	if _, b.err = io.CopyN(&buf, b.r, int64(size)); b.err != nil {
		return nil
	}
	return buf.Bytes()
}

// readArray reads a section as elements of width bytes (a partial last
// element is read and dropped). When the file's size vouches for the
// section's length, the elements are decoded through a small buffer
// rather than from a copy of the whole section.
func readArray[T any](b *binReader, width int, get func([]byte) T) []T {
	size, ok := b.header()
	if !ok {
		return nil
	}
	if b.left < 0 {
		p := b.body(size)
		out := make([]T, len(p)/width)
		for i := range out {
			out[i] = get(p[width*i:])
		}
		return out
	}
	b.left -= 8 + int64(size)
	out := make([]T, size/uint64(width))
	buf := make([]byte, min(arrayBuf, int(size)))
	i, left := 0, int(size)
	for left > 0 && b.err == nil {
		p := buf[:min(len(buf)-len(buf)%width, left)]
		if len(p) == 0 { // the partial last element
			p = buf[:left]
		}
		if _, b.err = io.ReadFull(b.r, p); b.err != nil {
			return out
		}
		left -= len(p)
		for at := 0; at+width <= len(p) && i < len(out); at += width {
			out[i] = get(p[at:])
			i++
		}
	}
	return out
}

func (b *binReader) strings() []string {
	lens := b.u32s()
	blob := string(b.bytes())
	out := make([]string, len(lens))
	at := 0
	for i, n := range lens {
		if at+int(n) > len(blob) {
			b.err = ErrFormat
			return nil
		}
		out[i] = blob[at : at+int(n)]
		at += int(n)
	}
	return out
}

func (b *binReader) u16s() []uint16 {
	return readArray(b, 2, binary.LittleEndian.Uint16)
}

func (b *binReader) u32s() []uint32 {
	return readArray(b, 4, binary.LittleEndian.Uint32)
}

func (b *binReader) f32s() []float32 {
	return readArray(b, 4, func(p []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(p)) })
}

func (b *binReader) u64s() []uint64 {
	return readArray(b, 8, binary.LittleEndian.Uint64)
}

func (b *binReader) i64s() []int64 {
	out := readArray(b, 8, func(p []byte) int64 { return int64(binary.LittleEndian.Uint64(p)) })
	if len(out) == 0 {
		return nil
	}
	return out
}

func (b *binReader) json(v any) {
	if p := b.bytes(); b.err == nil {
		b.err = json.Unmarshal(p, v)
	}
}

// CacheFileName is the index file's name in a data folder.
const CacheFileName = "search.idx"

// SaveFile saves ix as the index of the content version with this digest,
// through a temporary file and a rename, so a crash leaves the old file or
// the new one.
func SaveFile(path, digest string, ix *Index) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, "%s\n", digest); err != nil {
			return err
		}
		_, err := ix.WriteTo(w)
		return err
	})
}

// errStale means a saved index is of another content version.
var errStale = errors.New("the saved search index is of another content version")

// LoadFile loads the index saved by SaveFile if it is of the content
// version with this digest.
func LoadFile(path, digest string) (*Index, error) {
	if path == "" {
		return nil, os.ErrNotExist
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	saved := make([]byte, len(digest)+1)
	if _, err := io.ReadFull(f, saved); err != nil || string(saved) != digest+"\n" {
		return nil, errStale
	}
	return readIndex(io.LimitReader(f, info.Size()), info.Size()-int64(len(saved)))
}
