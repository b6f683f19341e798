// Copyright 2015 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// This file and brackets.go are adapted from golang.org/x/text/unicode/bidi
// v0.43.0 (core.go and bracket.go), which is a port of the UAX #9 Java
// reference implementation. That code computes levels but does not export
// them. Changes made here:
//
//   - W1: an NSM after an isolate initiator or PDI becomes ON, as the rule
//     says; the original had this commented out. (Both classes are neutral
//     for N1, so the conformance files cannot tell the difference.)
//   - N0: opening and closing brackets share one identifier (the canonical
//     opening bracket, see bracketTable); the original compared the runes
//     themselves, so '(' never paired with ')': with that, only 84% of
//     BidiCharacterTest.txt passes.
//   - BD16: openers are a slice used as a stack instead of container/list,
//     and the pair list is sorted once instead of after every closer.
//   - X8: a paragraph separator inside the text ends all embeddings and
//     isolates and the algorithm goes on at the paragraph level, instead of
//     leaving an empty stack behind (which panicked on the next rune).
//   - Class membership uses bit sets instead of variadic "in" calls, and the
//     input validation and assertions are gone (inputs are built here).
//   - Characters removed by X9 get the level of the previous kept character,
//     or of the next one at the start, so they never split a run.
//   - Fewer allocations: level runs share one index slice, sequences share
//     one types and one levels array, and the isolate matching tables are
//     only made when the text has isolate controls.
//   - L1 and L2 work on one line at a time; see line.go.

package bidi

import (
	"slices"

	xbidi "golang.org/x/text/unicode/bidi"
)

// class is a Unicode Bidi_Class value as defined by x/text.
type class = xbidi.Class

// Short names for the classes, to keep the rules readable.
const (
	cL   = xbidi.L
	cR   = xbidi.R
	cEN  = xbidi.EN
	cES  = xbidi.ES
	cET  = xbidi.ET
	cAN  = xbidi.AN
	cCS  = xbidi.CS
	cB   = xbidi.B
	cS   = xbidi.S
	cWS  = xbidi.WS
	cON  = xbidi.ON
	cBN  = xbidi.BN
	cNSM = xbidi.NSM
	cAL  = xbidi.AL
	cLRO = xbidi.LRO
	cRLO = xbidi.RLO
	cLRE = xbidi.LRE
	cRLE = xbidi.RLE
	cPDF = xbidi.PDF
	cLRI = xbidi.LRI
	cRLI = xbidi.RLI
	cFSI = xbidi.FSI
	cPDI = xbidi.PDI
)

// classSet is a bit set of classes; all class values are below 32.
type classSet uint32

func setOf(cs ...class) classSet {
	var s classSet
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

func (s classSet) has(c class) bool { return c < 32 && s&(1<<c) != 0 }

var (
	strongSet       = setOf(cL, cR, cAL)
	isolateInitSet  = setOf(cLRI, cRLI, cFSI)
	isolateSet      = setOf(cLRI, cRLI, cFSI, cPDI)
	removedByX9Set  = setOf(cLRE, cRLE, cLRO, cRLO, cPDF, cBN)
	neutralSet      = setOf(cB, cS, cWS, cON, cLRI, cRLI, cFSI, cPDI)
	numberSet       = setOf(cEN, cAN)
	separatorSet    = setOf(cES, cET, cCS)
	embedOrIsolate  = setOf(cRLE, cLRE, cRLO, cLRO, cRLI, cLRI, cFSI)
	rtlInitiatorSet = setOf(cRLE, cRLO, cRLI)
	// whitespaceSet is what L1 resets before separators and at line end:
	// whitespace, isolate formatting characters, and the characters X9
	// removed (they are kept in the text, so they must not interrupt a
	// sequence of whitespace).
	whitespaceSet = setOf(cLRE, cRLE, cLRO, cRLO, cPDF, cLRI, cRLI, cFSI, cPDI, cBN, cWS)
)

const (
	maxDepth      = 125
	implicitLevel = Level(-1)
)

// paragraph holds the state of the algorithm for one paragraph.
type paragraph struct {
	initialTypes []class
	pairTypes    []bracketType // bracket kind of each character
	pairValues   []rune        // bracket identifier, 0 for non-brackets

	embeddingLevel Level // implicitLevel asks for P2/P3

	resultTypes  []class
	resultLevels []Level

	// matchingPDI is the index of the PDI matching an isolate initiator,
	// len(text) if it has none, -1 for other characters.
	matchingPDI []int
	// matchingIsolateInitiator is the index of the initiator matching a
	// PDI, -1 otherwise. Both slices are nil when the text has no isolate
	// controls, since they are only read at such characters.
	matchingIsolateInitiator []int

	// seqTypes and seqLevels are shared backing arrays for the types and
	// levels of all isolating run sequences, which never overlap; one
	// allocation each instead of two per sequence.
	seqTypes  []class
	seqLevels []Level
}

// resolve runs rules P2 to I2 and leaves the levels in p.resultLevels.
// L1 and L2 depend on line breaks and are applied later.
func (p *paragraph) resolve() {
	p.resultTypes = append([]class(nil), p.initialTypes...)
	p.determineMatchingIsolates()
	if p.embeddingLevel == implicitLevel {
		p.embeddingLevel = p.determineParagraphEmbeddingLevel(0, len(p.initialTypes))
	}
	p.resultLevels = make([]Level, len(p.initialTypes))
	p.determineExplicitEmbeddingLevels()

	// X9 is implicit: removed characters are left out of the level runs,
	// hence out of the isolating run sequences (X10). All sequences are
	// built before any is resolved, since sos/eos use explicit levels.
	sequences := p.determineIsolatingRunSequences()
	for i := range sequences {
		seq := &sequences[i]
		seq.resolveWeakTypes()
		seq.resolvePairedBrackets()
		seq.resolveNeutralTypes()
		seq.resolveImplicitLevels()
		seq.applyLevelsAndTypes()
	}
	p.assignLevelsToCharactersRemovedByX9()
}

// determineMatchingIsolates pairs isolate initiators with PDIs (BD9).
func (p *paragraph) determineMatchingIsolates() {
	n := len(p.initialTypes)
	if !slices.ContainsFunc(p.initialTypes, isolateSet.has) {
		return
	}
	p.matchingPDI = make([]int, n)
	p.matchingIsolateInitiator = make([]int, n)
	var open []int
	for i, t := range p.initialTypes {
		p.matchingPDI[i] = -1
		p.matchingIsolateInitiator[i] = -1
		switch {
		case isolateInitSet.has(t):
			open = append(open, i)
		case t == cPDI && len(open) > 0:
			j := open[len(open)-1]
			open = open[:len(open)-1]
			p.matchingPDI[j] = i
			p.matchingIsolateInitiator[i] = j
		case t == cB:
			// Isolates never extend past a paragraph separator.
			for _, j := range open {
				p.matchingPDI[j] = i
			}
			open = open[:0]
		}
	}
	for _, j := range open {
		p.matchingPDI[j] = n
	}
}

// determineParagraphEmbeddingLevel applies P2 and P3 to [start, end),
// skipping isolated text. X5c uses it for FSI too.
func (p *paragraph) determineParagraphEmbeddingLevel(start, end int) Level {
	for i := start; i < end; i++ {
		t := p.resultTypes[i]
		switch {
		case t == cL:
			return 0
		case t == cR || t == cAL:
			return 1
		case isolateInitSet.has(t):
			i = p.matchingPDI[i] // loop's i++ steps past the PDI
		}
	}
	return 0
}

// directionalStatus is one entry of the directional status stack (X1).
type directionalStatus struct {
	level    Level
	override class // ON, L or R
	isolate  bool
}

// explicitState is the state of rules X1-X8 while scanning the paragraph.
type explicitState struct {
	stack                                               []directionalStatus
	overflowIsolates, overflowEmbeddings, validIsolates int
}

func (s *explicitState) last() directionalStatus { return s.stack[len(s.stack)-1] }

// reset implements X1 (and X8, which starts over after a separator).
func (s *explicitState) reset(paragraphLevel Level) {
	s.stack = append(s.stack[:0], directionalStatus{paragraphLevel, cON, false})
	s.overflowIsolates, s.overflowEmbeddings, s.validIsolates = 0, 0, 0
}

// determineExplicitEmbeddingLevels applies rules X1-X8.
func (p *paragraph) determineExplicitEmbeddingLevels() {
	s := &explicitState{stack: make([]directionalStatus, 0, 8)} // grows if nesting is deep
	s.reset(p.embeddingLevel)
	for i, t := range p.resultTypes {
		switch {
		case embedOrIsolate.has(t):
			p.pushEmbedding(s, i, t)
		case t == cPDI:
			p.popIsolate(s, i)
		case t == cPDF:
			p.popEmbedding(s, i)
		case t == cB:
			p.resultLevels[i] = p.embeddingLevel
			s.reset(p.embeddingLevel)
		default: // X6
			last := s.last()
			p.resultLevels[i] = last.level
			if last.override != cON {
				p.resultTypes[i] = last.override
			}
		}
	}
}

// pushEmbedding applies X2-X5c to the initiator at i of class t.
func (p *paragraph) pushEmbedding(s *explicitState, i int, t class) {
	isIsolate := isolateInitSet.has(t)
	isRTL := rtlInitiatorSet.has(t)
	if t == cFSI {
		isRTL = p.determineParagraphEmbeddingLevel(i+1, p.matchingPDI[i]) == 1
	}
	last := s.last()
	if isIsolate {
		p.resultLevels[i] = last.level
		if last.override != cON {
			p.resultTypes[i] = last.override
		}
	}
	newLevel := (last.level + 2) &^ 1 // least greater even
	if isRTL {
		newLevel = (last.level + 1) | 1 // least greater odd
	}
	if newLevel > maxDepth || s.overflowIsolates > 0 || s.overflowEmbeddings > 0 {
		// Overflow: the "otherwise" branch of X2-X5c.
		if isIsolate {
			s.overflowIsolates++
		} else if s.overflowIsolates == 0 {
			s.overflowEmbeddings++
		}
		return
	}
	if isIsolate {
		s.validIsolates++
	}
	override := cON
	switch t {
	case cLRO:
		override = cL
	case cRLO:
		override = cR
	}
	s.stack = append(s.stack, directionalStatus{newLevel, override, isIsolate})
	if !isIsolate {
		// Not part of the rules (X9 removes it); keeps it in its embedding.
		p.resultLevels[i] = newLevel
	}
}

// popIsolate applies X6a to the PDI at i.
func (p *paragraph) popIsolate(s *explicitState, i int) {
	switch {
	case s.overflowIsolates > 0:
		s.overflowIsolates--
	case s.validIsolates == 0:
		// Unmatched PDI: nothing to pop.
	default:
		s.overflowEmbeddings = 0
		for !s.last().isolate {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.stack = s.stack[:len(s.stack)-1]
		s.validIsolates--
	}
	last := s.last()
	p.resultLevels[i] = last.level
	if last.override != cON {
		p.resultTypes[i] = last.override
	}
}

// popEmbedding applies X7 to the PDF at i.
func (p *paragraph) popEmbedding(s *explicitState, i int) {
	p.resultLevels[i] = s.last().level // not part of the rules
	switch {
	case s.overflowIsolates > 0:
	case s.overflowEmbeddings > 0:
		s.overflowEmbeddings--
	case !s.last().isolate && len(s.stack) >= 2:
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// isolatingRunSequence is one isolating run sequence (BD13), the unit that
// rules W1-I2 work on.
type isolatingRunSequence struct {
	p *paragraph

	indexes        []int   // indexes into the paragraph
	types          []class // current class of each character
	resolvedLevels []Level
	level          Level
	sos, eos       class
}

// determineLevelRuns returns the level runs (BD7) as lists of indexes,
// leaving out the characters removed by X9. The runs are consecutive,
// capacity-clipped parts of one slice.
func (p *paragraph) determineLevelRuns() [][]int {
	kept := make([]int, 0, len(p.initialTypes))
	var runs [][]int
	start := 0
	for i, t := range p.initialTypes {
		if removedByX9Set.has(t) {
			continue
		}
		if len(kept) > start && p.resultLevels[i] != p.resultLevels[kept[start]] {
			runs = append(runs, kept[start:len(kept):len(kept)])
			start = len(kept)
		}
		kept = append(kept, i)
	}
	if len(kept) > start {
		runs = append(runs, kept[start:])
	}
	return runs
}

// determineIsolatingRunSequences links level runs across matched isolates
// (BD13, X10).
func (p *paragraph) determineIsolatingRunSequences() []isolatingRunSequence {
	levelRuns := p.determineLevelRuns()
	p.seqTypes = make([]class, 0, len(p.initialTypes))
	p.seqLevels = make([]Level, 0, len(p.initialTypes))
	sequences := make([]isolatingRunSequence, 0, len(levelRuns))
	for _, run := range levelRuns {
		first := run[0]
		if p.initialTypes[first] == cPDI && p.matchingIsolateInitiator[first] != -1 {
			continue // this run continues the sequence of its initiator
		}
		seq := run // most sequences are one level run: no copy
		for {
			pdi := p.pdiEndingRun(run)
			if pdi < 0 {
				break
			}
			run = levelRuns[runStartingAt(levelRuns, pdi)]
			seq = append(seq, run...) // seq's capacity is clipped: copies
		}
		sequences = append(sequences, p.isolatingRunSequence(seq))
	}
	return sequences
}

// pdiEndingRun returns the index of the PDI matching the isolate initiator
// that ends run, or -1 if run does not end with a matched initiator.
func (p *paragraph) pdiEndingRun(run []int) int {
	last := run[len(run)-1]
	if !isolateInitSet.has(p.initialTypes[last]) {
		return -1
	}
	pdi := p.matchingPDI[last]
	if pdi >= len(p.initialTypes) || p.initialTypes[pdi] != cPDI {
		return -1
	}
	return pdi
}

// runStartingAt returns the level run whose first character is index i: a
// matched PDI always starts a level run, as its initiator's level differs.
func runStartingAt(levelRuns [][]int, i int) int {
	k, _ := slices.BinarySearchFunc(levelRuns, i, func(run []int, i int) int { return run[0] - i })
	return k
}

// isolatingRunSequence builds a sequence and its sos and eos (X10).
func (p *paragraph) isolatingRunSequence(indexes []int) isolatingRunSequence {
	n := len(p.seqTypes)
	for _, x := range indexes {
		p.seqTypes = append(p.seqTypes, p.resultTypes[x])
	}
	types := p.seqTypes[n:len(p.seqTypes):len(p.seqTypes)]
	level := p.resultLevels[indexes[0]]

	prevLevel := p.embeddingLevel
	for prev := indexes[0] - 1; prev >= 0; prev-- {
		if !removedByX9Set.has(p.initialTypes[prev]) {
			prevLevel = p.resultLevels[prev]
			break
		}
	}
	succLevel := p.embeddingLevel
	last := indexes[len(indexes)-1]
	if !isolateInitSet.has(p.initialTypes[last]) {
		for next := last + 1; next < len(p.initialTypes); next++ {
			if !removedByX9Set.has(p.initialTypes[next]) {
				succLevel = p.resultLevels[next]
				break
			}
		}
	}
	p.seqLevels = p.seqLevels[:len(p.seqTypes)]
	return isolatingRunSequence{
		p:              p,
		indexes:        indexes,
		types:          types,
		resolvedLevels: p.seqLevels[n:len(p.seqTypes):len(p.seqTypes)],
		level:          level,
		sos:            typeForLevel(max(prevLevel, level)),
		eos:            typeForLevel(max(succLevel, level)),
	}
}

// resolveWeakTypes applies W1-W7.
func (s *isolatingRunSequence) resolveWeakTypes() {
	// W1: NSM takes the class of the previous character, or ON after an
	// isolate initiator or PDI, or sos at the start.
	prev := s.sos
	for i, t := range s.types {
		if t == cNSM {
			s.types[i] = prev
			continue
		}
		prev = t
		if isolateSet.has(t) {
			prev = cON
		}
	}

	// W2: EN after AL (searching back to the last strong type) becomes AN.
	lastStrong := s.sos
	for i, t := range s.types {
		switch {
		case strongSet.has(t):
			lastStrong = t
		case t == cEN && lastStrong == cAL:
			s.types[i] = cAN
		}
	}

	// W3: AL becomes R.
	for i, t := range s.types {
		if t == cAL {
			s.types[i] = cR
		}
	}

	s.resolveSeparators()
	s.resolveTerminators()

	// W6: remaining separators and terminators become ON.
	for i, t := range s.types {
		if separatorSet.has(t) {
			s.types[i] = cON
		}
	}

	// W7: EN after L (searching back to the last strong type) becomes L.
	prevStrong := s.sos
	for i, t := range s.types {
		switch {
		case t == cL || t == cR:
			prevStrong = t
		case t == cEN && prevStrong == cL:
			s.types[i] = cL
		}
	}
}

// resolveSeparators applies W4: a single ES or CS between two EN becomes
// EN, a single CS between two AN becomes AN. A change here can only
// affect the next character if it is a separator, and then this one did
// not change, so one left-to-right pass is enough.
func (s *isolatingRunSequence) resolveSeparators() {
	for i := 1; i < len(s.types)-1; i++ {
		t := s.types[i]
		if t != cES && t != cCS {
			continue
		}
		before, after := s.types[i-1], s.types[i+1]
		switch {
		case before == cEN && after == cEN:
			s.types[i] = cEN
		case t == cCS && before == cAN && after == cAN:
			s.types[i] = cAN
		}
	}
}

// resolveTerminators applies W5: a sequence of ET next to an EN becomes EN.
func (s *isolatingRunSequence) resolveTerminators() {
	for i := 0; i < len(s.types); i++ {
		if s.types[i] != cET {
			continue
		}
		end := s.findRunLimit(i, setOf(cET))
		t := s.sos
		if i > 0 {
			t = s.types[i-1]
		}
		if t != cEN {
			t = s.eos
			if end < len(s.types) {
				t = s.types[end]
			}
		}
		if t == cEN {
			setTypes(s.types[i:end], cEN)
		}
		i = end
	}
}

// resolveNeutralTypes applies N1 and N2 to each run of neutrals.
func (s *isolatingRunSequence) resolveNeutralTypes() {
	for i := 0; i < len(s.types); i++ {
		if !neutralSet.has(s.types[i]) {
			continue
		}
		end := s.findRunLimit(i, neutralSet)
		lead, trail := s.sos, s.eos
		if i > 0 {
			lead = strongForNeutrals(s.types[i-1])
		}
		if end < len(s.types) {
			trail = strongForNeutrals(s.types[end])
		}
		resolved := typeForLevel(s.level) // N2 uses the run's level
		if lead == trail {
			resolved = lead // N1
		}
		setTypes(s.types[i:end], resolved)
		i = end
	}
}

// strongForNeutrals maps numbers to R, as N1 asks.
func strongForNeutrals(t class) class {
	if numberSet.has(t) {
		return cR
	}
	return t
}

// resolveImplicitLevels applies I1 and I2.
func (s *isolatingRunSequence) resolveImplicitLevels() {
	even := s.level&1 == 0
	for i, t := range s.types {
		l := s.level
		switch {
		case even && t == cR:
			l++
		case even && numberSet.has(t):
			l += 2
		case !even && t != cR: // L, EN or AN at an odd level
			l++
		}
		s.resolvedLevels[i] = l
	}
}

// applyLevelsAndTypes copies the sequence's results back to the paragraph.
func (s *isolatingRunSequence) applyLevelsAndTypes() {
	for i, x := range s.indexes {
		s.p.resultTypes[x] = s.types[i]
		s.p.resultLevels[x] = s.resolvedLevels[i]
	}
}

// findRunLimit returns the end of the run of classes in set starting at i.
func (s *isolatingRunSequence) findRunLimit(i int, set classSet) int {
	for i < len(s.types) && set.has(s.types[i]) {
		i++
	}
	return i
}

// assignLevelsToCharactersRemovedByX9 gives each removed character the
// level of the previous kept character (the next one at the start), so
// they stay inside their neighbours' runs; e.g. a ZWJ (BN) between two
// Arabic letters must be drawn with them for shaping to join.
func (p *paragraph) assignLevelsToCharactersRemovedByX9() {
	prev := implicitLevel
	for i, t := range p.initialTypes {
		if removedByX9Set.has(t) {
			p.resultTypes[i] = t
			p.resultLevels[i] = prev
		} else {
			prev = p.resultLevels[i]
		}
	}
	next := p.embeddingLevel
	for i := len(p.initialTypes) - 1; i >= 0; i-- {
		if p.resultLevels[i] == implicitLevel {
			p.resultLevels[i] = next
		} else if !removedByX9Set.has(p.initialTypes[i]) {
			next = p.resultLevels[i]
		}
	}
}

func setTypes(types []class, t class) {
	for i := range types {
		types[i] = t
	}
}

// typeForLevel returns the strong class of a level's direction.
func typeForLevel(l Level) class {
	if l&1 == 0 {
		return cL
	}
	return cR
}
