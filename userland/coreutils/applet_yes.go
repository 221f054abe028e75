// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strings"
)

const yesHelp = `[STRING]...
Print a line of the STRINGs (or "y") over and over until the output is
closed.

      --help     show this help
      --version  show the version
`

// yesApplet is yes(1): it stops when writing fails (a closed pipe ends
// it as SIGPIPE would) or the shell is cancelled.
func yesApplet(c *cmd) int {
	cl, status, ok := c.Getopt(nil, false, yesHelp)
	if !ok {
		return status
	}
	line := "y\n"
	if len(cl.Operands) > 0 {
		line = strings.Join(cl.Operands, " ") + "\n"
	}
	// Whole lines at a time, several kilobytes a write.
	chunk := strings.Repeat(line, max(1, 8192/len(line)))
	for !c.Cancelled() {
		if _, err := c.Out.WriteString(chunk); err != nil {
			if applet.BrokenPipe(err) {
				return 0 // run returns SIGPIPE's status
			}
			c.ClearOut() // yes dies with its own message, not close_stdout's
			fmt.Fprintf(c.Errw, "yes: standard output: %s\n", applet.ErrText(err))
			return 1
		}
	}
	return 1
}
