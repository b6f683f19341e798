package editor

import (
	"strings"
	"testing"

	"github.com/motesplats/motesplats/internal/content"
)

// TestEveryProblemCodeInFourLanguages: each code and reason of the
// validator has a message in every interface language, which names every
// argument and differs from the English the command line prints.
func TestEveryProblemCodeInFourLanguages(t *testing.T) {
	for _, code := range content.ProblemCodes() {
		args := map[string]any{}
		for _, name := range content.ProblemArgs(code) {
			args[name] = "«" + name + "-value»"
		}
		if code == content.CodePolicyChar {
			args["Reason"] = content.ReasonBidi
		}
		if code == content.CodeRefMissing {
			args["Kind"] = "topic"
		}
		texts := map[string]bool{}
		for _, l := range content.Languages {
			got := codedMessage(string(l), code, args, "ENGLISH")
			if got == "ENGLISH" || strings.Contains(got, "problem.") || strings.Contains(got, "no value") {
				t.Errorf("%s in %s: %q", code, l, got)
				continue
			}
			for name := range args {
				if name != "Reason" && name != "Kind" && !strings.Contains(got, "«"+name+"-value»") {
					t.Errorf("%s in %s does not name %s: %q", code, l, name, got)
				}
			}
			texts[got] = true
		}
		if len(texts) != len(content.Languages) {
			t.Errorf("%s: the same words in two languages", code)
		}
	}
	for _, r := range content.ReasonCodes() {
		for _, l := range content.Languages {
			if msgOr(string(l), "problem.reason."+r) == "" {
				t.Errorf("no reason %q in %s", r, l)
			}
		}
	}
	for _, what := range []string{"municipality", "topic", "project"} {
		if msgOr("ar", "problem.what."+what) == "" {
			t.Errorf("no word for %s", what)
		}
	}
}

// TestNewMessagesInFourLanguages: the keys the flags, the overrides and
// the editor's own value problems use are in every catalog.
func TestNewMessagesInFourLanguages(t *testing.T) {
	keys := []string{"stale.flag", "stale.confirm", "stale.count", "f.overrides", "f.overrides.help", "overrides.title",
		"overrides.cancelled.word", "overrides.notOccurrence", "overrides.moveTo", "overrides.cancelledMoved", "overrides.titleLine",
		"value.notWhole", "value.notNumber", "value.zone", "value.dateTime", "value.monthlyNeedsStart", "value.preset", "value.date"}
	for _, key := range keys {
		for _, l := range content.Languages {
			if msgOr(string(l), key) == "" {
				t.Errorf("%s: no %s", l, key)
			}
		}
	}
	for _, l := range content.Languages {
		if w := msg(string(l), "overrides.cancelled.word"); strings.ContainsAny(w, " \t") {
			t.Errorf("%s: the word for cancelled %q must be one word (the lines end with it)", l, w)
		}
	}
}
