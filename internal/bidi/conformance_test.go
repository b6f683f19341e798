package bidi

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	xbidi "golang.org/x/text/unicode/bidi"
)

// ucdDir is where Debian's unicode-data package installs the UCD files.
const ucdDir = "/usr/share/unicode"

// openUCD opens a UCD file, skipping the test (or failing it, if
// MOTESPLATS_REQUIRE_UNICODE_DATA=1, as CI sets) when it is missing.
func openUCD(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(ucdDir, name))
	if err == nil {
		return f
	}
	msg := fmt.Sprintf("%v: install unicode-data (apt-get install unicode-data)", err)
	if os.Getenv("MOTESPLATS_REQUIRE_UNICODE_DATA") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return nil
}

// tally counts conformance results and keeps the first few failures.
type tally struct {
	name           string
	passed, total  int
	failures       []string
	maxFailureLogs int
}

func (c *tally) add(ok bool, failure func() string) {
	c.total++
	if ok {
		c.passed++
		return
	}
	if len(c.failures) < c.maxFailureLogs {
		c.failures = append(c.failures, failure())
	}
}

// report logs the pass rate and fails the test unless everything passed.
func (c *tally) report(t *testing.T) {
	t.Helper()
	pct := 0.0
	if c.total > 0 {
		pct = 100 * float64(c.passed) / float64(c.total)
	}
	t.Logf("%s: %d/%d passed (%.3f%%)", c.name, c.passed, c.total, pct)
	for _, f := range c.failures {
		t.Log(f)
	}
	if c.total == 0 || c.passed != c.total {
		t.Errorf("%s: %d of %d failed", c.name, c.total-c.passed, c.total)
	}
}

// parseLevels parses "1 x 0"; removed characters ('x') become -1.
func parseLevels(s string) ([]Level, error) {
	var levels []Level
	for _, f := range strings.Fields(s) {
		if f == "x" {
			levels = append(levels, -1)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		levels = append(levels, Level(n))
	}
	return levels, nil
}

func parseInts(s string, base int) ([]int, error) {
	var res []int
	for _, f := range strings.Fields(s) {
		n, err := strconv.ParseInt(f, base, 32)
		if err != nil {
			return nil, err
		}
		res = append(res, int(n))
	}
	return res, nil
}

// checkLine compares the whole-paragraph line [0, n) of p against expected
// levels (-1 = removed, not checked) and visual order (removed characters
// left out), as both test files define them.
func checkLine(p *Paragraph, wantLevels []Level, wantOrder []int) string {
	got := p.LineLevels(0, p.Len())
	for i, w := range wantLevels {
		if w >= 0 && got[i] != w {
			return fmt.Sprintf("levels %v, want %v", got, wantLevels)
		}
	}
	order := slices.DeleteFunc(p.VisualOrder(0, p.Len()), func(i int) bool { return wantLevels[i] < 0 })
	if !slices.Equal(order, wantOrder) {
		return fmt.Sprintf("order %v, want %v", order, wantOrder)
	}
	return ""
}

var testDirections = map[string]Direction{"0": LeftToRight, "1": RightToLeft, "2": Auto}

// TestBidiCharacterTest runs every line of BidiCharacterTest.txt: code
// points; direction (0 LTR, 1 RTL, 2 auto); paragraph level; levels;
// visual order.
func TestBidiCharacterTest(t *testing.T) {
	f := openUCD(t, "BidiCharacterTest.txt")
	defer f.Close()
	c := &tally{name: "BidiCharacterTest.txt lines", maxFailureLogs: 20}
	sc := bufio.NewScanner(f)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		if lineNo == 1 {
			t.Logf("%s is Unicode %s; x/text tables are %s", f.Name(), fileVersion(line), xbidi.UnicodeVersion)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, ";")
		if len(fields) != 5 {
			t.Fatalf("line %d: %d fields", lineNo, len(fields))
		}
		cps, err1 := parseInts(fields[0], 16)
		wantPara, err2 := strconv.Atoi(fields[2])
		wantLevels, err3 := parseLevels(fields[3])
		wantOrder, err4 := parseInts(fields[4], 10)
		dir, ok := testDirections[fields[1]]
		if err := firstErr(err1, err2, err3, err4); err != nil || !ok {
			t.Fatalf("line %d: bad line %q: %v", lineNo, line, err)
		}
		runes := make([]rune, len(cps))
		for i, cp := range cps {
			runes[i] = rune(cp)
		}
		p := NewParagraph(runes, dir)
		problem := checkLine(p, wantLevels, wantOrder)
		if int(p.Level()) != wantPara {
			problem = fmt.Sprintf("paragraph level %d, want %d", p.Level(), wantPara)
		}
		c.add(problem == "", func() string { return fmt.Sprintf("line %d: %s: %s", lineNo, fields[0], problem) })
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	c.report(t)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

var classNames = map[string]class{
	"L": cL, "R": cR, "EN": cEN, "ES": cES, "ET": cET, "AN": cAN, "CS": cCS,
	"B": cB, "S": cS, "WS": cWS, "ON": cON, "BN": cBN, "NSM": cNSM, "AL": cAL,
	"LRO": cLRO, "RLO": cRLO, "LRE": cLRE, "RLE": cRLE, "PDF": cPDF,
	"LRI": cLRI, "RLI": cRLI, "FSI": cFSI, "PDI": cPDI,
}

// TestBidiTest runs BidiTest.txt, which gives inputs as bidi classes (no
// brackets) and a bit set of paragraph directions: 1 auto, 2 LTR, 4 RTL.
// Each (line, direction) is one case; a line passes if all its cases do.
func TestBidiTest(t *testing.T) {
	f := openUCD(t, "BidiTest.txt")
	defer f.Close()
	lines := &tally{name: "BidiTest.txt lines", maxFailureLogs: 20}
	cases := &tally{name: "BidiTest.txt cases"}
	var wantLevels []Level
	var wantOrder []int
	sc := bufio.NewScanner(f)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		var err error
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "@Levels:"):
			wantLevels, err = parseLevels(strings.TrimPrefix(line, "@Levels:"))
		case strings.HasPrefix(line, "@Reorder:"):
			wantOrder, err = parseInts(strings.TrimPrefix(line, "@Reorder:"), 10)
		default:
			problems := runBidiTestLine(line, wantLevels, wantOrder, cases)
			lines.add(problems == "", func() string { return fmt.Sprintf("line %d: %s: %s", lineNo, line, problems) })
		}
		if err != nil {
			t.Fatalf("line %d: %v", lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	cases.report(t)
	lines.report(t)
}

// runBidiTestLine runs one data line for each direction in its bit set and
// returns a description of the failures, "" if none.
func runBidiTestLine(line string, wantLevels []Level, wantOrder []int, cases *tally) string {
	input, bits, _ := strings.Cut(line, ";")
	set, err := strconv.Atoi(strings.TrimSpace(bits))
	if err != nil {
		return err.Error()
	}
	var types []class
	for _, name := range strings.Fields(input) {
		c, ok := classNames[name]
		if !ok {
			return "unknown class " + name
		}
		types = append(types, c)
	}
	var problems []string
	for bit, dir := range map[int]Direction{1: Auto, 2: LeftToRight, 4: RightToLeft} {
		if set&bit == 0 {
			continue
		}
		p := newParagraph(&paragraph{
			initialTypes:   slices.Clone(types),
			pairTypes:      make([]bracketType, len(types)),
			pairValues:     make([]rune, len(types)),
			embeddingLevel: baseLevel(dir),
		})
		problem := checkLine(p, wantLevels, wantOrder)
		cases.add(problem == "", nil)
		if problem != "" {
			problems = append(problems, dir.String()+": "+problem)
		}
	}
	return strings.Join(problems, "; ")
}
