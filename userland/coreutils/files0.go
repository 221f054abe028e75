// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"io"
	"strings"
)

// The --files0-from option of du, sort and find's -files0-from: names
// read from a file, NUL-separated, instead of operands.

// files0Conflict reports an operand given beside --files0-from, quoted as
// the tool quotes it.
func (c *cmd) files0Conflict(quoted string) {
	c.Errorf("extra operand %s", quoted)
	c.Out.Flush()
	io.WriteString(c.Errw, "file operands cannot be combined with --files0-from\n")
	c.TryHelp()
}

// files0Names splits NUL-separated names; a final NUL ends the last name
// rather than starting an empty one, and no data is no names.
func files0Names(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(data), "\x00"), "\x00")
}
