// Package quietinit discards what the standard logger prints while the
// program's packages are initialised, until main calls Restore.
//
// Fyne's lang package looks up the user's locale in its init and logs
// three lines ("Fyne error: Error parsing user locale C …") when LANG is
// C.UTF-8, the default of many servers and containers: noise before every
// subcommand's output, and before the one-line message main gives when
// there is no display. Go initialises packages in import-path order among
// those whose imports are ready (the spec, since Go 1.21); this package
// imports only io, log and os, so it is ready, and initialised, before
// fyne.io/fyne/v2/lang. The command's tests check that it stays so.
package quietinit

import (
	"io"
	"log"
	"os"
)

func init() { log.SetOutput(io.Discard) }

// Restore sends the standard logger's output to stderr again.
func Restore() { log.SetOutput(os.Stderr) }
