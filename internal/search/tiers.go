package search

import "slices"

// Long posting lists are laid out in tiers: the 2,048 postings with the
// highest impact first, then the rest of the best 16,384, then the
// others; each tier in document order, so that reading it walks
// the per-document scores forwards. A clause that cannot change the best
// results much (a completion of a word being typed, or a word that a third
// of the documents have) reads only the first tiers, so no keystroke reads
// the whole index.
var tiers = [...]int{capWord, capPrefix}

// Caps on the postings one clause reads.
const (
	capWord   = 16384
	capPrefix = 2048
)

// tier lays out the postings of one term (in document order) in tiers.
func tier(docs []uint32, imps []uint16, buf *tierBuf) {
	n := len(docs)
	for _, k := range tiers {
		if n > k {
			partition(docs[:n], imps[:n], k, buf)
			n = k
		}
	}
}

type tierBuf struct {
	docs  []uint32
	rimps []uint16
}

// partition moves the k highest impacts to the front, keeping the order
// of the postings within the front and within the rest. The cut is found
// with a histogram of the impacts' top 12 bits, not by sorting: exactly k
// postings go to the front, those of the bucket the cut falls in taken in
// document order.
func partition(docs []uint32, imps []uint16, k int, buf *tierBuf) {
	const shift = 4 // 16-bit impacts, 4096 buckets
	var hist [1 << (16 - shift)]int32
	for _, v := range imps {
		hist[v>>shift]++
	}
	cut, above := len(hist)-1, 0 // the bucket the k-th highest is in; postings above it
	for ; cut > 0 && above+int(hist[cut]) < k; cut-- {
		above += int(hist[cut])
	}
	ties := k - above
	front, back := 0, 0
	buf.docs = slices.Grow(buf.docs[:0], len(docs)-k)[:len(docs)-k]
	buf.rimps = slices.Grow(buf.rimps[:0], len(docs)-k)[:len(docs)-k]
	for i, v := range imps {
		d := docs[i]
		b := int(v >> shift)
		if b > cut || (b == cut && ties > 0) {
			if b == cut {
				ties--
			}
			docs[front], imps[front] = d, v
			front++
		} else {
			buf.docs[back], buf.rimps[back] = d, v
			back++
		}
	}
	copy(docs[k:], buf.docs)
	copy(imps[k:], buf.rimps)
}
