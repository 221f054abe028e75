// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
)

// umaskVar is the shell variable that holds the umask of the (sub)shell
// that set it. A subshell of the interpreter is a copy of the parent's
// variables, not a process, so keeping the mask in a variable gives it a
// subshell's scope: `(umask 077)` leaves the parent's mask alone, as a
// fork does, while a function's umask stays after it returns.
const umaskVar = "LINUXVFS_UMASK"

// umask is the call handler's umask: it runs the builtin and records the
// resulting mask in umaskVar of the calling (sub)shell, through eval (the
// only way a handler assigns a variable of the interpreter).
func (s *shell) umask(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	p := s.sync(hc)
	c := &cmd{Cmd: s.newCmd(ctx, hc, "umask", args[1:]), sh: s, hc: hc}
	if code := c.Run(func(*applet.Cmd) int { return umaskApplet(c) }); code != 0 {
		return []string{internal + "status", strconv.Itoa(code)}
	}
	return []string{"eval", fmt.Sprintf("%s=%04o", umaskVar, p.task.GetUmask())}
}

// syncUmask gives the task the umask of the (sub)shell whose environment
// is env: umaskVar's value, or the shell's first mask if no umask ran.
func (s *shell) syncUmask(p *proc, env expand.Environ) {
	mask := s.firstUmask
	if v := env.Get(umaskVar); v.IsSet() {
		if n, err := strconv.ParseUint(v.String(), 8, 32); err == nil && n <= 0o777 {
			mask = uint32(n)
		}
	}
	if p.task.GetUmask() != mask {
		p.task.Umask(mask)
	}
}
