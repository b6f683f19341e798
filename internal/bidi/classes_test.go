package bidi

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"testing"

	xbidi "golang.org/x/text/unicode/bidi"
)

// missingNames maps the long class names used by @missing lines.
var missingNames = map[string]class{
	"Left_To_Right": cL, "Right_To_Left": cR, "Arabic_Letter": cAL,
	"European_Terminator": cET, "Boundary_Neutral": cBN,
}

// TestClassesMatchUCD compares x/text's bidi class of every code point with
// extracted/DerivedBidiClass.txt, including the defaults its @missing lines
// give unassigned code points (R, AL, ET blocks). It fails on any
// difference left after classOverrides: such a rune would be resolved with
// the wrong class.
func TestClassesMatchUCD(t *testing.T) {
	f := openUCD(t, "extracted/DerivedBidiClass.txt")
	defer f.Close()
	want := make([]class, 0x110000)
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		if v := fileVersion(line); first && v != xbidi.UnicodeVersion {
			t.Skipf("x/text tables are Unicode %s, %s is %s", xbidi.UnicodeVersion, f.Name(), v)
		}
		names := classNames
		if rest, ok := strings.CutPrefix(line, "# @missing:"); ok {
			line, names = rest, missingNames
		}
		line, _, _ = strings.Cut(line, "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		first, last, c, err := parseClassLine(line, names)
		if err != nil {
			t.Fatal(err)
		}
		for r := first; r <= last; r++ {
			want[r] = c
		}
	}
	var bad []string
	rawDiffs := 0
	for r := rune(0); r < 0x110000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates have no class in x/text
		}
		p, _ := xbidi.LookupRune(r)
		if p.Class() != want[r] {
			rawDiffs++
		}
		if got := classOf(p, r); got != want[r] {
			bad = append(bad, fmt.Sprintf("%U: got %v, UCD %v", r, got, want[r]))
		}
	}
	t.Logf("x/text tables %s differ from UCD %s for %d code points; after classOverrides: %d",
		xbidi.UnicodeVersion, tablesVersion, rawDiffs, len(bad))
	for i, b := range bad {
		if i == 20 {
			break
		}
		t.Error(b)
	}
}

// parseClassLine parses "XXXX..YYYY ; Name".
func parseClassLine(line string, names map[string]class) (first, last rune, c class, err error) {
	cps, name, _ := strings.Cut(line, ";")
	lo, hi, found := strings.Cut(strings.TrimSpace(cps), "..")
	if !found {
		hi = lo
	}
	a, err1 := strconv.ParseUint(lo, 16, 32)
	b, err2 := strconv.ParseUint(hi, 16, 32)
	c, ok := names[strings.TrimSpace(name)]
	if err1 != nil || err2 != nil || !ok {
		return 0, 0, 0, fmt.Errorf("bad line %q", line)
	}
	return rune(a), rune(b), c, nil
}

// fileVersion returns "15.0.0" for a UCD header line "# Name-15.0.0.txt".
func fileVersion(firstLine string) string {
	name := strings.TrimSuffix(strings.TrimSpace(firstLine), ".txt")
	return name[strings.LastIndex(name, "-")+1:]
}
