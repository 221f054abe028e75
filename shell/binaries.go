// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// Binaries named by path. A real image's programs are machine code
// (often one busybox with links to it), which linuxvfs cannot run; a
// command word that is a path to such a file runs linuxvfs's program of
// that base name instead, as execve of it would run the program the name
// promises: /bin/ls ls, /bin/busybox busybox (which then reads its
// applet's name from its arguments). The file must exist and be
// executable as execve requires; scripts keep running as the scripts
// they are.

// binariesAsPrograms rewrites a command (or the command of `exec`) given
// as a path to a program file into the program's own name.
func (s *shell) binariesAsPrograms(hc interp.HandlerContext, args []string) []string {
	i := 0
	if args[0] == "exec" && len(args) > 1 {
		i = 1
	}
	if !strings.Contains(args[i], "/") {
		return args
	}
	p := s.procOf(hc)
	base, ok := s.programAt(p.task, p.taskName(args[i]))
	if !ok {
		return args
	}
	out := append([]string(nil), args...)
	out[i] = base
	return out
}

// programAt is the name of the program a path stands for, when it is an
// executable regular file that is no shell script and whose base name is
// a program of the set.
func (s *shell) programAt(t *vfs.Task, name string) (string, bool) {
	if applet.IsShellScript(t, name) {
		return "", false
	}
	base, err := s.set.FindCommand(t, name, true)
	if err != nil || base == name {
		return "", false
	}
	return base, true
}
