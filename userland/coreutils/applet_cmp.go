// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// cmpRun is one cmp(1) command (GNU diffutils 3.8): its settings.
type cmpRun struct {
	*cmd
	list, printBytes, silent bool
	limit                    int64 // -n; -1 for none
}

// cmpApplet compares two files byte by byte: status 0 if they are the
// same, 1 if they differ, 2 on trouble.
func cmpApplet(cmd *cmd) int {
	c := &cmpRun{cmd: cmd, limit: -1}
	c.UsageStatus = 2
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]"
	fs.About = "Find the first byte at which two files differ (or, with -l, every one);\nthe second file is standard input when missing or \"-\"."
	fs.BoolVarP(&c.printBytes, "print-bytes", "b", false, "show the differing bytes as well as their position")
	skip := fs.StringP("ignore-initial", "i", "", "start both files after their first SKIP bytes")
	fs.BoolVarP(&c.list, "verbose", "l", false, "list every differing byte: its position, both octal values")
	limit := fs.StringP("bytes", "n", "", "stop after LIMIT bytes")
	fs.BoolVarP(&c.silent, "quiet", "s", false, "no output at all: the exit status is the answer")
	fs.Alias("silent", "quiet")
	ops, ok := c.Parse(fs)
	if !ok {
		return 2
	}
	if fs.Changed("bytes") {
		n, err := strconv.ParseInt(*limit, 10, 64)
		if err != nil || n < 0 {
			c.Errorf("invalid --bytes value %s", c.Quote(*limit))
			return 2
		}
		c.limit = n
	}
	var skips [2]int64
	if fs.Changed("ignore-initial") {
		n, err := strconv.ParseInt(*skip, 10, 64)
		if err != nil || n < 0 {
			c.Errorf("invalid --ignore-initial value %s", c.Quote(*skip))
			return 2
		}
		skips = [2]int64{n, n}
	}
	switch {
	case len(ops) == 0:
		c.Errorf("missing operand after %s", c.Quote("cmp"))
		c.Errorf("Try '%s --help' for more information.", c.Name)
		return 2
	case len(ops) == 1:
		ops = append(ops, "-")
	case len(ops) > 4:
		c.Errorf("extra operand %s", c.Quote(ops[4]))
		c.Errorf("Try '%s --help' for more information.", c.Name)
		return 2
	}
	for i := 2; i < len(ops); i++ {
		n, err := strconv.ParseInt(ops[i], 10, 64)
		if err != nil || n < 0 {
			c.Errorf("invalid --ignore-initial value %s", c.Quote(ops[i]))
			return 2
		}
		skips[i-2] = n
	}
	return c.compare(ops[0], ops[1], skips)
}

// compare reads both files whole and reports the first difference (or,
// with -l, every one) and an EOF on the shorter.
func (c *cmpRun) compare(n1, n2 string, skips [2]int64) int {
	var data [2][]byte
	for i, name := range []string{n1, n2} {
		r, err := c.openInput(name)
		if err == nil {
			data[i], err = io.ReadAll(r)
			r.Close()
		}
		if err != nil {
			if !c.silent {
				c.Errorf("%s: %s", name, applet.ErrText(err))
			}
			return 2
		}
		data[i] = data[i][min(skips[i], int64(len(data[i]))):]
	}
	a, b := data[0], data[1]
	if c.limit >= 0 {
		a, b = a[:min(c.limit, int64(len(a)))], b[:min(c.limit, int64(len(b)))]
	}
	common := min(len(a), len(b))
	status := 0
	for i := 0; i < common; i++ {
		if a[i] == b[i] {
			continue
		}
		status = 1
		if c.silent {
			return 1
		}
		if !c.list {
			line := bytes.Count(a[:i], []byte{'\n'}) + 1
			unit := "char" // the C locale's word; -b says byte
			if c.printBytes {
				unit = "byte"
			}
			fmt.Fprintf(c.Out, "%s %s differ: %s %d, line %d", n1, n2, unit, i+1, line)
			if c.printBytes {
				fmt.Fprintf(c.Out, " is %3o %s %3o %s", a[i], cmpChar(a[i]), b[i], cmpChar(b[i]))
			}
			c.Out.WriteString("\n")
			return 1
		}
		if c.printBytes {
			fmt.Fprintf(c.Out, "%d %3o %-4s %3o %s\n", i+1, a[i], cmpChar(a[i]), b[i], cmpChar(b[i]))
		} else {
			fmt.Fprintf(c.Out, "%d %3o %3o\n", i+1, a[i], b[i])
		}
	}
	if len(a) == len(b) {
		return status
	}
	if !c.silent {
		short := n1
		if len(b) < len(a) {
			short = n2
		}
		c.eofOn(short, a[:common])
	}
	return 1
}

// eofOn reports the end of the shorter file after the common part.
func (c *cmpRun) eofOn(name string, common []byte) {
	c.Out.Flush()
	if len(common) == 0 {
		c.Errorf("EOF on %s which is empty", name)
		return
	}
	lines := bytes.Count(common, []byte{'\n'})
	if common[len(common)-1] == '\n' {
		c.Errorf("EOF on %s after byte %d, line %d", name, len(common), lines)
		return
	}
	c.Errorf("EOF on %s after byte %d, in line %d", name, len(common), lines+1)
}

// cmpChar is a byte as -b shows it: printable as is, control characters
// as ^X, bytes above 127 as M- and the rest.
func cmpChar(b byte) string {
	s := ""
	if b >= 128 {
		s, b = "M-", b-128
	}
	switch {
	case b < 32:
		return s + "^" + string(rune(b+64))
	case b == 127:
		return s + "^?"
	}
	return s + string(rune(b))
}
