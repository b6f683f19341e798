package handout

import (
	"strconv"
	"strings"

	"github.com/motesplats/motesplats/internal/takeaway"
)

// The whole list to take away: a plain text a phone's camera shows as it
// is, without a network or an app, in the family's language. Each item
// is its title and its facts in one or two lines; a long list is split
// over a few codes, each whole on its own ("1/3" on top).

// ListText is the list as plain text: the heading and date, then each
// item's title and facts. The direction marks that keep numbers in order
// inside Arabic stay in, as a phone's text view honours them.
func ListText(doc Doc) string {
	var b strings.Builder
	b.WriteString(doc.Heading + " · " + doc.Date + "\n")
	for i, it := range doc.Items {
		b.WriteString(itemText(i+1, it))
	}
	return b.String()
}

func itemText(n int, it Item) string {
	var b strings.Builder
	b.WriteString("\n" + strconv.Itoa(n) + ". " + it.Title.Text + "\n")
	for _, f := range it.Facts {
		b.WriteString(f.Text + "\n")
	}
	return b.String()
}

// ListCodes splits the list into payloads of at most budget bytes (the
// QR code's capacity; takeaway.MaxQRBytes on screen), whole items each,
// every part headed by the list's heading and "k/n". An item longer than
// a code on its own is cut at a line.
func ListCodes(doc Doc, budget int) [][]byte {
	head := doc.Heading + " · " + doc.Date + "\n"
	var parts []string
	cur := ""
	for i, it := range doc.Items {
		t := itemText(i+1, it)
		if len(head)+len(cur)+len(t)+8 > budget && cur != "" {
			parts = append(parts, cur)
			cur = ""
		}
		cur += cutToBudget(t, budget-len(head)-8)
	}
	if cur != "" || len(parts) == 0 {
		parts = append(parts, cur)
	}
	out := make([][]byte, len(parts))
	for i, p := range parts {
		mark := ""
		if len(parts) > 1 {
			mark = "(" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(parts)) + ") "
		}
		out[i] = []byte(mark + head + p)
	}
	return out
}

// cutToBudget drops whole lines off the end of an item's text until it
// fits.
func cutToBudget(t string, budget int) string {
	for len(t) > budget {
		i := strings.LastIndex(strings.TrimSuffix(t, "\n"), "\n")
		if i <= 0 {
			return string([]rune(t)[:budget/4]) + "\n" // a title longer than a code: keep its start
		}
		t = t[:i+1]
	}
	return t
}

// MaxListBytes is what one list code holds: takeaway's limit, so a code is
// as easy to scan as the ones on the item screens.
const MaxListBytes = takeaway.MaxQRBytes
