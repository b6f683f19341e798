package bidi

import "fmt"

// Run is a maximal range of runes of one line with the same level after
// rule L1, as logical rune indexes [Start, End) into the paragraph.
type Run struct {
	Start, End int
	Level      Level
}

// RightToLeft reports whether the run's text goes from right to left.
func (r Run) RightToLeft() bool { return r.Level.RightToLeft() }

// LineLevels returns the levels of the line [start, end) after rule L1:
// segment separators (tab), paragraph separators, and any whitespace,
// isolate controls and X9-removed characters before them or at the end of
// the line get the paragraph level. The line is the rune range of the
// paragraph that one visual line shows; it panics if the range is invalid.
func (p *Paragraph) LineLevels(start, end int) []Level {
	p.checkLine(start, end)
	levels := append([]Level(nil), p.levels[start:end]...)
	classes := p.classes[start:end]
	trailing := true // in whitespace before a separator or the line end
	for i := len(levels) - 1; i >= 0; i-- {
		switch t := classes[i]; {
		case t == cS || t == cB:
			levels[i] = p.level
			trailing = true
		case whitespaceSet.has(t):
			if trailing {
				levels[i] = p.level
			}
		default:
			trailing = false
		}
	}
	return levels
}

// VisualRuns returns the runs of the line [start, end) in visual order,
// leftmost first, after rules L1 and L2. A run's own runes are in
// logical order; a right-to-left run is to be drawn right to left.
func (p *Paragraph) VisualRuns(start, end int) []Run {
	levels := p.LineLevels(start, end)
	var runs []Run
	for i := 0; i < len(levels); {
		j := i + 1
		for j < len(levels) && levels[j] == levels[i] {
			j++
		}
		runs = append(runs, Run{Start: start + i, End: start + j, Level: levels[i]})
		i = j
	}
	reorderRuns(runs)
	return runs
}

// reorderRuns applies L2 to whole runs: from the highest level down to the
// lowest odd level, reverse every sequence of runs at that level or
// above. Each run's runes are left alone; a run ends up reversed an odd
// number of times exactly when its level is odd.
func reorderRuns(runs []Run) {
	highest, lowestOdd := Level(0), Level(maxDepth+2)
	for _, r := range runs {
		highest = max(highest, r.Level)
		if r.Level.RightToLeft() {
			lowestOdd = min(lowestOdd, r.Level)
		}
	}
	for level := highest; level >= lowestOdd; level-- {
		for i := 0; i < len(runs); i++ {
			if runs[i].Level < level {
				continue
			}
			j := i + 1
			for j < len(runs) && runs[j].Level >= level {
				j++
			}
			reverse(runs[i:j])
			i = j
		}
	}
}

func reverse(runs []Run) {
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
}

// VisualOrder returns, for each visual position of the line [start, end)
// from left to right, the logical rune index shown there (rule L2).
// X9-removed characters are included, next to the neighbour whose level
// they took (see Levels); a renderer can skip them, as they are invisible.
func (p *Paragraph) VisualOrder(start, end int) []int {
	order := make([]int, 0, end-start)
	for _, r := range p.VisualRuns(start, end) {
		if r.RightToLeft() {
			for i := r.End - 1; i >= r.Start; i-- {
				order = append(order, i)
			}
		} else {
			for i := r.Start; i < r.End; i++ {
				order = append(order, i)
			}
		}
	}
	return order
}

func (p *Paragraph) checkLine(start, end int) {
	if start < 0 || start > end || end > len(p.levels) {
		panic(fmt.Sprintf("bidi: line [%d, %d) out of range for paragraph of %d runes", start, end, len(p.levels)))
	}
}
