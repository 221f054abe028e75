// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"bufio"
	"fmt"
)

// Ask puts a question on standard error ("NAME: QUESTION? ", no newline)
// and reads the answer, a line of standard input: yes when it starts with
// 'y' or 'Y', as the C locale's yes-expression has it; end of input is no.
// Standard output is not flushed first: coreutils' is buffered when it
// is no terminal, so "removed 'x'" lines follow all the questions.
// Answers are read through one buffer per command, so that a command
// asking several times takes one line each time.
func (c *Cmd) Ask(format string, a ...any) bool {
	fmt.Fprintf(c.Errw, "%s: %s", c.Name, fmt.Sprintf(format, a...))
	if c.answers == nil {
		c.answers = bufio.NewReader(c.Stdin)
	}
	line, err := c.answers.ReadString('\n')
	if err != nil && line == "" {
		return false
	}
	return line[0] == 'y' || line[0] == 'Y'
}
