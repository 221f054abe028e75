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
		return s.busyboxOnPath(hc, args, i)
	}
	p := s.procOf(hc)
	path := p.taskName(args[i])
	base, ok := s.programAt(p.task, path)
	if !ok {
		return args
	}
	out := append([]string(nil), args...)
	out[i] = base
	if s.set.BusyboxApplet(base) != nil && applet.IsBusyboxLink(p.task, path) {
		return busyboxCall(out, i)
	}
	return out
}

// busyboxOnPath rewrites a bare command name that busybox has an applet
// of its own for into "busybox NAME" when the first file of that name on
// PATH is a link to busybox, as execvp would find it; other names run the
// set's program without a look at the files.
func (s *shell) busyboxOnPath(hc interp.HandlerContext, args []string, i int) []string {
	if s.set.BusyboxApplet(args[i]) == nil {
		return args
	}
	t := s.procOf(hc).task
	dirs := applet.SearchPath // a shell's own default, as when init has no PATH
	if v := hc.Env.Get("PATH"); v.IsSet() {
		dirs = strings.Split(v.String(), ":")
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		path := strings.TrimRight(dir, "/") + "/" + args[i]
		if _, err := t.Stat(path); err != nil {
			continue
		}
		if applet.IsBusyboxLink(t, path) {
			return busyboxCall(args, i)
		}
		break
	}
	return args
}

// busyboxCall turns args[i:] into busybox's call of the applet args[i].
func busyboxCall(args []string, i int) []string {
	out := append([]string(nil), args[:i]...)
	return append(append(out, "busybox"), args[i:]...)
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
