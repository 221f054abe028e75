// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"strings"
)

// echoApplet is the shell's echo (echoOptions), with status 1 and the
// shell's diagnostic when the write fails.
func echoApplet(c *cmd) int {
	args, newline, escapes := c.sh.echoOptions(c.Args)
	dash := c.sh.dialect == Dash
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if escapes {
			dialect := applet.BashEcho
			if dash {
				dialect = applet.DashEcho
			}
			s, stop := applet.EchoEscapes(a, dialect)
			b.WriteString(s)
			if stop {
				newline = false
				break
			}
			continue
		}
		b.WriteString(a)
	}
	if newline {
		b.WriteByte('\n')
	}
	c.Out.WriteString(b.String())
	if err := c.Out.Flush(); err != nil {
		if applet.BrokenPipe(err) {
			c.sh.brokenPipe(c.hc)
			return 128 + 13
		}
		c.builtinWriteError(err)
		return 1
	}
	return 0
}

// builtinWriteError reports a builtin's failed write, prefixed as every
// builtin diagnostic is (bash: "NAME: line N: BUILTIN: write error: ...").
// (Bash started by a name without a slash, "bash -c", leaves the line
// number out of all of them; "/bin/bash -c", as the differential tests
// run it, does not.)
func (c *cmd) builtinWriteError(err error) {
	c.builtinErrorf("%s", c.sh.writeErrorText(c.Name, err))
}
