// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"fmt"
	"io"
)

// Ask puts a question on standard error ("NAME: QUESTION? ", no newline)
// and reads the answer, a line of standard input: yes when it starts with
// 'y' or 'Y', as the C locale's yes-expression has it; end of input is no.
// Standard output is not flushed first: coreutils' is buffered when it
// is no terminal, so "removed 'x'" lines follow all the questions.
// The answer is read a byte at a time, so that what follows it stays for
// the commands after this one, as coreutils leaves a seekable input.
func (c *Cmd) Ask(format string, a ...any) bool {
	fmt.Fprintf(c.Errw, "%s: %s", c.Name, fmt.Sprintf(format, a...))
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := c.Stdin.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
			continue
		}
		if err != nil || c.Cancelled() {
			if err != io.EOF || len(line) == 0 {
				return false
			}
			break
		}
	}
	return len(line) > 0 && (line[0] == 'y' || line[0] == 'Y')
}
