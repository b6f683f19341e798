package editor

import (
	"maps"

	"github.com/motesplats/motesplats/internal/content"
	"github.com/motesplats/motesplats/internal/source"
)

// The validator's problems carry a stable code and the values they name
// (content.Problem.Code, Args); the editor says them in the interface
// language from the catalogs (locales/problems.*.toml), message
// "problem.<code>" with the arguments as placeholders. A problem without
// a code, or with one the catalogs lack, shows its English message.

// problemMessage is a problem in the interface language ui.
func problemMessage(ui string, p content.Problem) string {
	return codedMessage(ui, p.Code, p.Args, p.Message)
}

func codedMessage(ui, code string, args map[string]any, english string) string {
	if code == "" || !definedIDs()[catalogID("problem."+code)] {
		return english
	}
	data := maps.Clone(args)
	if data == nil {
		data = map[string]any{}
	}
	// A refused character's reason is a code of its own; a missing
	// reference names the kind it looked for.
	if r, ok := data["Reason"].(string); ok {
		if text := msgOr(ui, "problem.reason."+r); text != "" {
			data["Reason"] = text
		}
	}
	if k, ok := data["Kind"].(string); ok {
		if text := msgOr(ui, "problem.what."+k); text != "" {
			data["Kind"] = text
		}
	}
	return msgData(ui, "problem."+code, data)
}

// fileErrorText is a problem of the folder report in the interface
// language: "articles/x.json: title: …".
func fileErrorText(ui string, e source.FileError) string {
	text := codedMessage(ui, e.Code, e.Args, e.Err)
	if e.Field == "" {
		return e.File + ": " + text
	}
	return e.File + ": " + e.Field + ": " + text
}

// itemProblemText is a problem of an item, named by its file and field.
func itemProblemText(ui string, p content.Problem) string {
	return fileErrorText(ui, source.FileError{File: source.File(p.Kind, p.ID), Field: p.Field, Err: p.Message, Code: p.Code, Args: p.Args})
}
