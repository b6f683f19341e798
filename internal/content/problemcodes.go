package content

import "fmt"

// Every problem the validator reports has a stable code and the values
// its message names (Problem.Code, Problem.Args), besides the English
// message validate and build print. A program that shows problems in
// another language (the web editor, in the reader's language) renders the
// code with the arguments from its own catalog; the English stays the
// command line's. Codes are part of the interface: change a message's
// words freely, never a code's meaning.

// problemText is a code's English message: a fmt format and the names of
// its arguments, in the order the format takes them.
type problemText struct {
	format string
	args   []string
}

// The validator's problem codes.
const (
	CodeIDInvalid          = "id.invalid"
	CodeIDDuplicate        = "id.duplicate"
	CodeRequired           = "required"
	CodeTextRequired       = "text.required"
	CodeLangUnknown        = "lang.unknown"
	CodeKeywordsTooMany    = "keywords.tooMany"
	CodeKeywordEmpty       = "keyword.empty"
	CodeKeywordTooLong     = "keyword.tooLong"
	CodeCategoryUnknown    = "category.unknown"
	CodeDateInvalid        = "date.invalid"
	CodeDateOrYearInvalid  = "dateOrYear.invalid"
	CodeEndBeforeStart     = "end.beforeStart"
	CodeZoneRequired       = "zone.required"
	CodeZoneUnknown        = "zone.unknown"
	CodeURLInvalid         = "url.invalid"
	CodeEmailInvalid       = "email.invalid"
	CodeLatOutside         = "lat.outside"
	CodeLonOutside         = "lon.outside"
	CodeRefMissing         = "ref.missing"
	CodeWeekdayUnknown     = "weekday.unknown"
	CodeClosedWithTimes    = "exception.closedWithTimes"
	CodeTimeInvalid        = "time.invalid"
	CodeClosesBeforeOpens  = "slot.closesBeforeOpens"
	CodeAttendanceInvalid  = "attendance.invalid"
	CodePlaceRequired      = "place.required"
	CodeOnlineRequired     = "online.required"
	CodeTooManyExceptions  = "exceptions.tooMany"
	CodeNotATime           = "instant.invalid"
	CodeRuleInvalid        = "rrule.invalid"
	CodeRuleTooFrequent    = "rrule.tooFrequent"
	CodeRuleCount          = "rrule.count"
	CodeRuleTooManyStarts  = "rrule.tooManyStarts"
	CodeRuleNoStart        = "rrule.noStart"
	CodeRecurrenceRequired = "override.recurrenceId"
	CodeHTML               = "html"
	// The text policy. A character refused somewhere is CodePolicyChar with
	// the character, its position and a reason (Args["Reason"], one of the
	// Reason… codes below); the others concern the whole string.
	CodePolicyChar     = "policy.char"
	CodePolicySize     = "policy.size"
	CodePolicyLink     = "policy.link"
	CodePolicyWord     = "policy.word"
	CodePolicyNoDigits = "policy.noDigits"
)

// Reasons a character is refused (Args["Reason"] of CodePolicyChar).
const (
	ReasonUTF8       = "utf8"
	ReasonBidi       = "bidi"
	ReasonLineBreak  = "lineBreak"
	ReasonJoiner     = "joiner"
	ReasonSoftHyphen = "softHyphen"
	ReasonControl    = "control"
	ReasonInvisible  = "invisible"
	ReasonPrivateUse = "privateUse"
	ReasonPhone      = "phone"
	ReasonPostalCode = "postalCode"
	ReasonASCII      = "ascii"
	ReasonURL        = "url"
)

var problemTexts = map[string]problemText{
	CodeIDInvalid:          {"%q is not a valid id (lower-case letters, digits and '-', at most 64)", []string{"Value"}},
	CodeIDDuplicate:        {"is used by more than one item", nil},
	CodeRequired:           {"is required", nil},
	CodeTextRequired:       {"is required in at least one language", nil},
	CodeLangUnknown:        {"unknown language %q (use sv, uk, ar, en)", []string{"Value"}},
	CodeKeywordsTooMany:    {"has %d words; at most %d", []string{"Count", "Max"}},
	CodeKeywordEmpty:       {"is empty", nil},
	CodeKeywordTooLong:     {"is %d bytes; at most %d", []string{"Bytes", "Max"}},
	CodeCategoryUnknown:    {"unknown category %q", []string{"Value"}},
	CodeDateInvalid:        {"%q is not a date (YYYY-MM-DD)", []string{"Value"}},
	CodeDateOrYearInvalid:  {"%q is not a date (YYYY-MM-DD) or a year (YYYY)", []string{"Value"}},
	CodeEndBeforeStart:     {"%s is before start %s", []string{"End", "Start"}},
	CodeZoneRequired:       {"is required (an IANA zone such as Europe/Stockholm)", nil},
	CodeZoneUnknown:        {"%q is not a known time zone", []string{"Value"}},
	CodeURLInvalid:         {"%q is not an http(s) address", []string{"Value"}},
	CodeEmailInvalid:       {"%q is not an e-mail address", []string{"Value"}},
	CodeLatOutside:         {"%v is outside -90…90", []string{"Value"}},
	CodeLonOutside:         {"%v is outside -180…180", []string{"Value"}},
	CodeRefMissing:         {"refers to %s %q, which does not exist", []string{"Kind", "Value"}},
	CodeWeekdayUnknown:     {"unknown weekday (use %s)", []string{"Days"}},
	CodeClosedWithTimes:    {"is closed but also lists opening times", nil},
	CodeTimeInvalid:        {"%q is not a time (HH:MM)", []string{"Value"}},
	CodeClosesBeforeOpens:  {"closes at %s, not after it opens at %s", []string{"Closes", "Opens"}},
	CodeAttendanceInvalid:  {"%q is not offline, online or mixed", []string{"Value"}},
	CodePlaceRequired:      {"is required for an event people attend in person", nil},
	CodeOnlineRequired:     {"an online event needs onlineUrl or onlineInfo", nil},
	CodeTooManyExceptions:  {"has %d entries; at most %d are allowed", []string{"Count", "Max"}},
	CodeNotATime:           {"is not a time", nil},
	CodeRuleInvalid:        {"%q is not a recurrence rule: %s", []string{"Value", "Detail"}},
	CodeRuleTooFrequent:    {"FREQ=%s repeats more often than hourly; the finest allowed is FREQ=HOURLY", []string{"Value"}},
	CodeRuleCount:          {"COUNT=%d is more than %d occurrences", []string{"Count", "Max"}},
	CodeRuleTooManyStarts:  {"gives more than %d starts in its first two years; split it into events that recur less often", []string{"Max"}},
	CodeRuleNoStart:        {"gives no start in the four years after start", nil},
	CodeRecurrenceRequired: {"is required (the start of the occurrence it changes)", nil},
	CodeHTML:               {"holds HTML (%s); the kiosk shows Markdown only and would show this text empty or broken", []string{"Tag"}},
	CodePolicyChar:         {"contains %s at character %d: %s", []string{"Char", "Pos", "Reason"}},
	CodePolicySize:         {"is %d bytes; this field may be at most %d", []string{"Bytes", "Max"}},
	CodePolicyLink:         {"has a link of %d bytes; a link may be at most %d", []string{"Bytes", "Max"}},
	CodePolicyWord:         {"has a word of %d characters at character %d; a word may be at most %d", []string{"Count", "Pos", "Max"}},
	CodePolicyNoDigits:     {"%q holds no digits; it is not a phone number", []string{"Value"}},
}

var reasonTexts = map[string]string{
	ReasonUTF8:       "the text was not valid UTF-8 or was damaged on the way",
	ReasonBidi:       "a bidirectional control or mark reorders what a reader sees; write the text in logical order without it",
	ReasonLineBreak:  "a line break or tab is allowed only in texts of several lines (bodies)",
	ReasonJoiner:     "a zero-width joiner is allowed only between letters of a script that needs it (Arabic, Persian, Indic …)",
	ReasonSoftHyphen: "a soft hyphen is allowed only inside a word",
	ReasonControl:    "a control character",
	ReasonInvisible:  "an invisible formatting character",
	ReasonPrivateUse: "a private-use or non-character, which fonts show differently or not at all",
	ReasonPhone:      "a phone number may hold only digits, spaces, a leading +, - and parentheses",
	ReasonPostalCode: "a postal code may hold only digits and spaces",
	ReasonASCII:      "this field may hold only printable ASCII without spaces",
	ReasonURL:        "a web address may not hold spaces or symbols outside ASCII (percent-encode them)",
}

// ProblemCodes lists every code the validator uses, and ReasonCodes every
// reason of CodePolicyChar: a program rendering them checks it has a
// message for each.
func ProblemCodes() []string { return sortedKeys(problemTexts) }

// ReasonCodes lists the reasons a character is refused.
func ReasonCodes() []string { return sortedKeys(reasonTexts) }

// ProblemArgs are the argument names of a code's message, in order.
func ProblemArgs(code string) []string { return problemTexts[code].args }

// ReasonText is a reason's English words.
func ReasonText(reason string) string { return reasonTexts[reason] }

// NewProblem makes the problem of a code: its English message and its
// arguments by name. values are the code's arguments in order
// (ProblemArgs). An unknown code is a programming error; its message says so.
func NewProblem(kind Kind, id, field, code string, values ...any) Problem {
	t, ok := problemTexts[code]
	if !ok || len(values) != len(t.args) {
		return Problem{Kind: kind, ID: id, Field: field, Code: code, Message: fmt.Sprintf("problem %s %v", code, values)}
	}
	p := Problem{Kind: kind, ID: id, Field: field, Code: code, Message: fmt.Sprintf(t.format, values...)}
	if len(values) > 0 {
		p.Args = make(map[string]any, len(values))
		for i, name := range t.args {
			p.Args[name] = values[i]
		}
	}
	return p
}
