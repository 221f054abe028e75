// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const foldHelp = `[OPTION]... [FILE]...
Break the lines of each FILE (standard input without one, or for -) so
that none is wider than the width, and write them to standard output.

  -b, --bytes        measure in bytes: tabs, backspaces and carriage
                     returns are one column each
  -s, --spaces       break after the last blank within the width
  -w, --width=WIDTH  the width in columns (80 unless given); -WIDTH too
      --help         show this help
      --version      show the version
`

var foldOptions = []getopt.Option{
	{Short: 'b', Long: "bytes"},
	{Short: 's', Long: "spaces"},
	{Short: 'w', Long: "width", Arg: getopt.RequiredArg},
}

// foldTab is the tab stop distance fold assumes.
const foldTab = 8

// folder is one fold command's settings.
type folder struct {
	*cmd
	width         uint64
	bytes, spaces bool
}

// foldApplet is fold(1) of coreutils 9.1.
func foldApplet(c *cmd) int {
	f := &folder{cmd: c, width: 80}
	c.Args = foldDigitOptions(c.Args)
	cl, status, ok := c.Getopt(foldOptions, false, foldHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		switch o.ID {
		case 'b':
			f.bytes = true
		case 's':
			f.spaces = true
		case 'w':
			if !f.setWidth(o.Value) {
				return 1
			}
		}
	}
	status = 0
	for _, name := range operandsOrStdin(cl.Operands) {
		if !f.file(name) {
			status = 1
		}
	}
	return status
}

// foldDigitOptions rewrites fold's digit options into -w: a digit in a
// cluster of short options starts a width that takes the rest of the
// cluster ("-8", "-s10"), as fold's "0::1::..." option string reads it.
func foldDigitOptions(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' || a[1] == '-' {
			out = append(out, a)
			if a == "--" {
				return append(out, args[i+1:]...)
			}
			continue
		}
		cut := strings.IndexAny(a[1:], "0123456789w")
		switch {
		case cut < 0:
			out = append(out, a)
		case a[1+cut] == 'w':
			out = append(out, a)
			if 1+cut == len(a)-1 && i+1 < len(args) {
				i++
				out = append(out, args[i]) // -w's own argument
			}
		case cut == 0:
			out = append(out, "-w"+a[1:])
		default:
			out = append(out, a[:1+cut], "-w"+a[1+cut:])
		}
	}
	return out
}

// setWidth reads a width as xdectoumax does, from 1 up.
func (f *folder) setWidth(s string) bool {
	t := strings.TrimPrefix(strings.TrimLeft(s, " \t\n\v\f\r"), "+")
	n, err := strconv.ParseUint(t, 10, 64)
	switch {
	case err != nil && err.(*strconv.NumError).Err == strconv.ErrRange,
		err == nil && n > ^uint64(0)-foldTab-1:
		f.Errorf("invalid number of columns: %s: %s", f.QuoteArg(s), linux.EOVERFLOW)
	case err != nil:
		f.Errorf("invalid number of columns: %s", f.QuoteArg(s))
	case n == 0:
		f.Errorf("invalid number of columns: %s: %s", f.QuoteArg(s), linux.ERANGE)
	default:
		f.width = n
		return true
	}
	return false
}

// column is where the cursor stands after c, from col.
func (f *folder) column(col uint64, c byte) uint64 {
	if f.bytes {
		return col + 1
	}
	switch c {
	case '\b':
		if col > 0 {
			return col - 1
		}
		return 0
	case '\r':
		return 0
	case '\t':
		return col + foldTab - col%foldTab
	}
	return col + 1
}

// file folds one input, as fold_file does: the pending line is written
// when a character would pass the width, at its last blank with -s.
func (f *folder) file(name string) bool {
	r, err := f.openInput(name)
	if err != nil {
		f.Errorf("%s: %s", f.QuoteName(name), applet.ErrText(err))
		return false
	}
	defer r.Close()
	in := bufio.NewReader(r)
	var line []byte
	var col uint64
	for {
		c, err := in.ReadByte()
		if err != nil {
			f.Out.Write(line)
			if err != io.EOF {
				f.Errorf("%s: %s", f.QuoteName(name), applet.ErrText(err))
				return false
			}
			return true
		}
		if c == '\n' {
			f.Out.Write(append(line, c))
			line, col = line[:0], 0
			continue
		}
		line, col = f.add(line, col, c)
	}
}

// add appends c to the pending line, writing out what must go first.
func (f *folder) add(line []byte, col uint64, c byte) ([]byte, uint64) {
	for {
		col = f.column(col, c)
		if col <= f.width {
			return append(line, c), col
		}
		if f.spaces {
			if blank := lastBlank(line); blank >= 0 {
				f.Out.Write(line[:blank+1])
				f.Out.WriteByte('\n')
				line = append(line[:0], line[blank+1:]...)
				col = 0
				for _, b := range line {
					col = f.column(col, b)
				}
				continue
			}
		}
		if len(line) == 0 {
			return append(line, c), col
		}
		f.Out.Write(line)
		f.Out.WriteByte('\n')
		line, col = line[:0], 0
	}
}

// lastBlank is the index of the last space or tab of line, or -1.
func lastBlank(line []byte) int {
	for i := len(line) - 1; i >= 0; i-- {
		if line[i] == ' ' || line[i] == '\t' {
			return i
		}
	}
	return -1
}
