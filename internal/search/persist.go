package search

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"unsafe"

	"github.com/motesplats/motesplats/internal/atomicfile"
	"github.com/motesplats/motesplats/internal/content"
)

// An index is saved as a flat binary file so that a kiosk can load it at
// start-up in a fraction of the time building it takes (building needs
// the whole content decoded from the store first). The format is private
// to this package: a file of another format version is simply rebuilt.
//
// The file is a run of sections, each a little-endian 64-bit length, the
// section's bytes and zeros up to the next multiple of 8 bytes, so that
// every array starts aligned for its elements. LoadFile maps the file
// into memory and serves the big arrays (the postings and the typo
// table's deletions) from the mapping itself: the kernel's page cache
// holds them, not the Go heap, and only the pages searches touch are
// resident (see mapped.go for the mapping's lifetime).
const fileMagic = "motesplats search index 7\n"

// ErrFormat means a saved index is not one this version can read.
var ErrFormat = errors.New("not a search index of this version")

// WriteTo saves the index.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	defer runtime.KeepAlive(ix) // its arrays may be a mapping's
	bw := &binWriter{w: bufio.NewWriterSize(w, 1<<20)}
	bw.bytes([]byte(fileMagic))
	for l := range ix.levels {
		p := &ix.levels[l]
		bw.strings(p.terms)
		if p.lists == nil {
			bw.u32s(p.off)
			bw.u32s(p.docs)
			bw.u16s(p.imps)
		} else {
			// An updated level's terms' postings, laid one after another.
			off := make([]uint32, len(p.terms)+1)
			for t, l := range p.lists {
				off[t+1] = off[t] + uint32(len(l.docs))
			}
			bw.u32s(off)
			writeLists(bw, p.lists, 4, func(l *postingList) []uint32 { return l.docs },
				func(b []byte, x uint32) []byte { return binary.LittleEndian.AppendUint32(b, x) })
			writeLists(bw, p.lists, 2, func(l *postingList) []uint16 { return l.imps },
				func(b []byte, x uint16) []byte { return binary.LittleEndian.AppendUint16(b, x) })
		}
		bw.f32s([]float32{p.scale})
		bw.f32s(p.ratio)
	}
	bw.f32s(ix.avg[:])
	bw.u64s([]uint64{uint64(ix.updated)})
	bw.u32s(ix.dead)
	bw.strings(ix.typo.terms)
	writeArray(bw, ix.typo.dels, deletionSize, func(p []byte, d deletion) []byte {
		p = binary.LittleEndian.AppendUint64(p, d.hash)
		return binary.LittleEndian.AppendUint64(p, uint64(d.term))
	})

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

// deletionSize is the bytes of a typo deletion in the file: its hash and
// its term, as 64-bit numbers (the layout of a deletion in memory on a
// 64-bit machine, padding included).
const deletionSize = 16

// ReadIndex loads an index saved by WriteTo. A damaged file gives an
// error wrapping ErrFormat, having read no more than it holds: no length
// in it can make ReadIndex allocate more than the file's size (or, for a
// reader whose length is unknown, about twice what it actually yields).
// The index keeps the bytes read: its big arrays are views of them.
func ReadIndex(r io.Reader) (*Index, error) {
	var data []byte
	var err error
	if l, ok := r.(interface{ Len() int }); ok {
		data = make([]byte, l.Len())
		_, err = io.ReadFull(r, data)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return readIndex(data, nil)
}

// readIndex reads an index from data, which begins 8-byte aligned. The
// postings and the typo deletions are views of data (when aligned and
// the machine is little-endian); everything else is copied, so nothing
// else the index holds or gives out points into data. An index updated
// from it shares those views (and keeps m, see mapped.go).
//
// m is the mapping data is part of (nil: data is on the Go heap); the
// index keeps it.
func readIndex(data []byte, m *mapping) (*Index, error) {
	br := &binReader{data: data}
	if magic := br.bytes(); string(magic) != fileMagic {
		return nil, ErrFormat
	}
	ix := &Index{mapped: m}
	for l := range ix.levels {
		p := &ix.levels[l]
		p.terms = br.strings()
		p.off = viewArray[uint32](br, 4, binary.LittleEndian.Uint32)
		p.docs = viewArray[uint32](br, 4, binary.LittleEndian.Uint32)
		p.imps = viewArray[uint16](br, 2, binary.LittleEndian.Uint16)
		if scale := br.f32s(); len(scale) == 1 {
			p.scale = scale[0]
		}
		p.ratio = br.f32s()
	}
	if avg := br.f32s(); len(avg) == numSlots {
		copy(ix.avg[:], avg)
	} else {
		br.fail()
	}
	if updated := br.u64s(); len(updated) == 1 && updated[0] < math.MaxInt32 {
		ix.updated = int(updated[0])
	} else {
		br.fail()
	}
	ix.dead = copyArray[uint32](br, 4, binary.LittleEndian.Uint32)
	ix.typo.terms = br.strings()
	ix.typo.dels = viewArray[deletion](br, deletionSize, func(p []byte) deletion {
		return deletion{binary.LittleEndian.Uint64(p), uint32(binary.LittleEndian.Uint64(p[8:]))}
	})
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
			br.fail()
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
	if !slices.IsSorted(ix.dead) || len(slices.Compact(slices.Clone(ix.dead))) != len(ix.dead) ||
		(len(ix.dead) > 0 && ix.dead[len(ix.dead)-1] >= uint32(n)) {
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
			!scan(ix.mapped, p.off, slices.IsSorted) || !slices.IsSorted(p.terms) || !(p.scale > 0 && p.scale < math.MaxFloat32) ||
			!scan(ix.mapped, p.imps, func(imps []uint16) bool { return !slices.Contains(imps, 0) }) {
			return ErrFormat
		}
		if p.ratio != nil && (len(p.ratio) != len(p.terms) ||
			slices.ContainsFunc(p.ratio, func(r float32) bool { return !(r > 0 && r < math.MaxFloat32) })) {
			return ErrFormat
		}
		if !scan(ix.mapped, p.docs, func(docs []uint32) bool { return slices.Max(docs) < uint32(n) }) {
			return ErrFormat
		}
	}
	if !scan(ix.mapped, ix.typo.dels, func(dels []deletion) bool {
		for _, d := range dels {
			if int(d.term) >= len(ix.typo.terms) {
				return false
			}
		}
		return true
	}) {
		return ErrFormat
	}
	return nil
}

// scanChunk is how many bytes of an array scan checks at a time.
const scanChunk = 4 << 20

// scan reports whether ok holds for every chunk of v. When v is a view of
// a mapped file, the pages of each chunk are given up once checked, so
// checking an index touches a few megabytes at a time, not the whole
// file at once.
func scan[T any](m *mapping, v []T, ok func([]T) bool) bool {
	var zero T
	step := max(1, scanChunk/int(unsafe.Sizeof(zero)))
	for len(v) > 0 {
		chunk := v[:min(step, len(v))]
		v = v[len(chunk):]
		if !ok(chunk) {
			return false
		}
		if m != nil {
			m.unusedPart(unsafe.Pointer(&chunk[0]), len(chunk)*int(unsafe.Sizeof(zero)))
		}
	}
	return true
}

// binWriter writes length-prefixed little-endian arrays, each padded to
// a multiple of 8 bytes, remembering the first error.
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

// pad writes zeros up to the next multiple of 8 bytes.
func (b *binWriter) pad() {
	var zeros [7]byte
	b.write(zeros[:padding(b.n)])
}

// padding is how many zeros bring n to a multiple of 8.
func padding[T int | int64 | uint64](n T) T { return -n & 7 }

func (b *binWriter) bytes(p []byte) {
	b.length(len(p))
	b.write(p)
	b.pad()
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

// writeLists writes the arrays part gives of each list, one after the
// other, as one section of width bytes an element.
func writeLists[T any](b *binWriter, lists []postingList, width int, part func(*postingList) []T, put func([]byte, T) []byte) {
	n := 0
	for i := range lists {
		n += len(part(&lists[i]))
	}
	b.length(width * n)
	buf := make([]byte, 0, min(arrayBuf, width*n))
	for i := range lists {
		for _, x := range part(&lists[i]) {
			if len(buf)+width > cap(buf) {
				b.write(buf)
				buf = buf[:0]
			}
			buf = put(buf, x)
		}
	}
	b.write(buf)
	b.pad()
}

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
	b.pad()
}

func (b *binWriter) json(v any) {
	p, err := json.Marshal(v)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.bytes(p)
}

// binReader reads what binWriter writes from the bytes of a whole saved
// index. It stops at the first error and reads nothing more.
type binReader struct {
	data []byte
	at   int
	err  error
}

func (b *binReader) fail() {
	if b.err == nil {
		b.err = ErrFormat
	}
}

// bytes returns the next section, a slice of the data.
func (b *binReader) bytes() []byte {
	if b.err != nil {
		return nil
	}
	left := uint64(len(b.data) - b.at)
	if left < 8 {
		b.err = io.ErrUnexpectedEOF
		return nil
	}
	size := binary.LittleEndian.Uint64(b.data[b.at:])
	if size > left-8 || padding(size) > left-8-size {
		b.err = fmt.Errorf("a section says it is %d bytes long, more than the file holds", size)
		return nil
	}
	p := b.data[b.at+8 : b.at+8+int(size) : b.at+8+int(size)]
	b.at += 8 + int(size+padding(size))
	return p
}

// littleEndian is whether this machine's numbers are laid out as the
// file's.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// viewArray reads a section as elements of width bytes, width being the
// size of T in memory. On a little-endian machine, with the section
// aligned for T, the result is the section's bytes themselves, not a
// copy; else the elements are decoded one by one with get. A section
// whose length is not a multiple of width is an error.
func viewArray[T any](b *binReader, width int, get func([]byte) T) []T {
	p := b.bytes()
	if len(p)%width != 0 {
		b.fail()
		return nil
	}
	n := len(p) / width
	if n == 0 {
		return nil
	}
	var zero T
	if littleEndian && int(unsafe.Sizeof(zero)) == width && uintptr(unsafe.Pointer(&p[0]))%unsafe.Alignof(zero) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&p[0])), n)
	}
	out := make([]T, n)
	for i := range out {
		out[i] = get(p[width*i:])
	}
	return out
}

// copyArray is viewArray, copied to the Go heap.
func copyArray[T any](b *binReader, width int, get func([]byte) T) []T {
	v := viewArray(b, width, get)
	if len(v) == 0 {
		return nil
	}
	return slices.Clone(v)
}

// strings reads a table of strings; they are copied to the Go heap (one
// allocation for the table).
func (b *binReader) strings() []string {
	lens := viewArray[uint32](b, 4, binary.LittleEndian.Uint32)
	blob := string(b.bytes())
	if b.err != nil {
		return nil
	}
	out := make([]string, len(lens))
	at := 0
	for i, n := range lens {
		if uint64(at)+uint64(n) > uint64(len(blob)) {
			b.fail()
			return nil
		}
		out[i] = blob[at : at+int(n)]
		at += int(n)
	}
	return out
}

func (b *binReader) u16s() []uint16 {
	return copyArray[uint16](b, 2, binary.LittleEndian.Uint16)
}

func (b *binReader) f32s() []float32 {
	return copyArray(b, 4, func(p []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(p)) })
}

func (b *binReader) u64s() []uint64 {
	return copyArray[uint64](b, 8, binary.LittleEndian.Uint64)
}

func (b *binReader) i64s() []int64 {
	return copyArray(b, 8, func(p []byte) int64 { return int64(binary.LittleEndian.Uint64(p)) })
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
// the new one (and an index mapped from the old file keeps its pages: the
// file is never rewritten in place). The digest's line is padded with
// zeros to a multiple of 8 bytes, so that the index after it is aligned.
func SaveFile(path, digest string, ix *Index) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		head := make([]byte, headerSize(digest))
		copy(head, digest+"\n")
		if _, err := w.Write(head); err != nil {
			return err
		}
		_, err := ix.WriteTo(w)
		return err
	})
}

// headerSize is the size of a saved index's first line, padded.
func headerSize(digest string) int { return len(digest) + 1 + padding(len(digest)+1) }

// errStale means a saved index is of another content version.
var errStale = errors.New("the saved search index is of another content version")

// LoadFile loads the index saved by SaveFile if it is of the content
// version with this digest. The file is mapped into memory (on Linux; read
// whole elsewhere) and the index's postings are views of the mapping, see
// mapped.go. A damaged file gives an error wrapping ErrFormat.
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
	head := int64(headerSize(digest))
	if info.Size() <= head || info.Size() > math.MaxInt-1 {
		return nil, ErrFormat
	}
	m, err := mapFile(f, int(info.Size()))
	if err != nil {
		return nil, err
	}
	ix, err := readIndex(m.data[head:], m)
	if err != nil {
		m.release()
		return nil, err
	}
	ix.keep(m)
	return ix, nil
}
