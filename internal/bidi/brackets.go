// Copyright 2015 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Adapted from golang.org/x/text/unicode/bidi v0.43.0 bracket.go, a port of
// the Bidi Paired Bracket Algorithm reference (BidiPBAReference.java). See
// core.go for the list of changes.

package bidi

import (
	"slices"

	xbidi "golang.org/x/text/unicode/bidi"
)

// bracketType is Bidi_Paired_Bracket_Type (BD14, BD15).
type bracketType uint8

const (
	bpNone bracketType = iota
	bpOpen
	bpClose
)

// runePair is an entry of the generated tables in tables.go.
type runePair struct{ from, to rune }

// lookupPair binary-searches a table sorted by from.
func lookupPair(table []runePair, r rune) (rune, bool) {
	i, ok := slices.BinarySearchFunc(table, r, func(p runePair, r rune) int { return int(p.from - r) })
	if !ok {
		return 0, false
	}
	return table[i].to, true
}

// bracketOf returns the bracket type of r and the identifier shared by both
// brackets of a pair: the canonical opening bracket (BD16 asks that
// canonically equivalent brackets match, e.g. U+2329 with U+3009). The type
// comes from x/text; the identifier from bracketTable.
func bracketOf(p xbidi.Properties, r rune) (bracketType, rune) {
	if !p.IsBracket() {
		return bpNone, 0
	}
	id, ok := lookupPair(bracketTable[:], r)
	if !ok {
		return bpNone, 0 // x/text and tables.go disagree; treat as ON
	}
	if p.IsOpeningBracket() {
		return bpOpen, id
	}
	return bpClose, id
}

// bracketPair holds the positions, within an isolating run sequence, of the
// two brackets of a pair.
type bracketPair struct{ opener, closer int }

// maxPairingDepth is the stack size BD16 allows.
const maxPairingDepth = 63

// resolvePairedBrackets applies N0 to the sequence.
func (s *isolatingRunSequence) resolvePairedBrackets() {
	pairs := s.locateBrackets()
	dirEmbed := typeForLevel(s.level)
	for _, pair := range pairs {
		s.assignBracketType(pair, dirEmbed)
	}
}

// locateBrackets finds the bracket pairs of the sequence (BD16), sorted by
// the position of the opening bracket. Only brackets whose current class is
// ON take part, so brackets under an override do not pair.
func (s *isolatingRunSequence) locateBrackets() []bracketPair {
	var openers []int // positions of unmatched openers, innermost last
	var pairs []bracketPair
	for i, index := range s.indexes {
		if s.types[i] != cON {
			continue
		}
		switch s.p.pairTypes[index] {
		case bpOpen:
			if len(openers) == maxPairingDepth {
				// BD16: stop processing for the rest of the sequence.
				return sortPairs(pairs)
			}
			openers = append(openers, i)
		case bpClose:
			id := s.p.pairValues[index]
			for k := len(openers) - 1; k >= 0; k-- {
				if s.p.pairValues[s.indexes[openers[k]]] == id {
					pairs = append(pairs, bracketPair{openers[k], i})
					openers = openers[:k] // drop it and everything inside
					break
				}
			}
		}
	}
	return sortPairs(pairs)
}

func sortPairs(pairs []bracketPair) []bracketPair {
	slices.SortFunc(pairs, func(a, b bracketPair) int { return a.opener - b.opener })
	return pairs
}

// strongTypeN0 returns the strong direction of position i for N0, where
// numbers count as R; ON if the character is not strong.
func (s *isolatingRunSequence) strongTypeN0(i int) class {
	switch s.types[i] {
	case cEN, cAN, cAL, cR:
		return cR
	case cL:
		return cL
	}
	return cON
}

// classifyPairContent implements N0 a/b: it returns the embedding
// direction if a strong type of that direction is inside the pair, else
// the opposite direction if one is found, else ON.
func (s *isolatingRunSequence) classifyPairContent(pair bracketPair, dirEmbed class) class {
	found := cON
	for i := pair.opener + 1; i < pair.closer; i++ {
		switch dir := s.strongTypeN0(i); dir {
		case cON:
		case dirEmbed:
			return dir
		default:
			found = dir
		}
	}
	return found
}

// classBeforePair returns the first strong direction before the pair, or
// sos (N0 c.1).
func (s *isolatingRunSequence) classBeforePair(pair bracketPair) class {
	for i := pair.opener - 1; i >= 0; i-- {
		if dir := s.strongTypeN0(i); dir != cON {
			return dir
		}
	}
	return s.sos
}

// assignBracketType implements N0 for one pair.
func (s *isolatingRunSequence) assignBracketType(pair bracketPair, dirEmbed class) {
	dirPair := s.classifyPairContent(pair, dirEmbed)
	if dirPair == cON {
		return // N0 d: no strong type inside, leave it to N1/N2
	}
	if dirPair != dirEmbed {
		// N0 c: only opposite direction inside; it wins if the context
		// before the pair has it too, else the embedding direction does.
		if s.classBeforePair(pair) != dirPair {
			dirPair = dirEmbed
		}
	}
	s.setBracketsToType(pair, dirPair)
}

// setBracketsToType sets both brackets to dir, and also the NSMs (before
// W1) that directly follow either bracket, as N0 asks.
func (s *isolatingRunSequence) setBracketsToType(pair bracketPair, dir class) {
	s.types[pair.opener] = dir
	s.types[pair.closer] = dir
	for _, start := range [2]int{pair.opener + 1, pair.closer + 1} {
		for i := start; i < len(s.indexes) && s.p.initialTypes[s.indexes[i]] == cNSM; i++ {
			s.types[i] = dir
		}
	}
}
