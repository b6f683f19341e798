//go:build unix

package editor

import (
	"os/exec"
	"syscall"
)

// detach starts cmd in its own session: a Ctrl-C to the editor does not
// reach it.
func detach(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} }
