// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bufio"
	"io"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const revHelp = `Usage: rev [FILE]...
Write each line of the FILEs (standard input without one) with its
characters in reverse order. "-" is a file name like any other.

  -h, --help     show this help;  -V, --version: the version
`

// revApplet is rev(1) of util-linux 2.38: a file that cannot be opened
// is reported and skipped; a last line without newline stays without.
func revApplet(c *cmd) int {
	flags := c.FlagSet()
	flags.Help = revHelp
	flags.ShortHelp = true
	files, ok := c.Parse(flags)
	if !ok {
		return 1
	}
	if len(files) == 0 {
		return c.revStream(c.Stdin, "stdin")
	}
	status := 0
	for _, name := range files {
		f, err := applet.OpenFile(c.Task, name, linux.O_RDONLY, 0)
		if err != nil {
			c.warnf("cannot open %s: %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		if c.revStream(f, name) != 0 {
			status = 1
		}
		f.Close()
	}
	return status
}

// revStream reverses the lines of one input: characters in a UTF-8
// locale, bytes in the C locale.
func (c *cmd) revStream(r io.Reader, name string) int {
	in := bufio.NewReader(r)
	for {
		line, err := in.ReadBytes('\n')
		nl := len(line) > 0 && line[len(line)-1] == '\n'
		if nl {
			line = line[:len(line)-1]
		}
		c.Out.Write(c.reversed(line))
		if nl {
			c.Out.WriteByte('\n')
		}
		if err != nil {
			if err != io.EOF {
				c.warnf("%s: %s", name, applet.ErrText(err))
				return 1
			}
			return 0
		}
	}
}

func (c *cmd) reversed(line []byte) []byte {
	out := make([]byte, 0, len(line))
	for len(line) > 0 {
		n := 1
		if c.UTF8() {
			_, n = utf8.DecodeLastRune(line)
		}
		out = append(out, line[len(line)-n:]...)
		line = line[:len(line)-n]
	}
	return out
}
