// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"fmt"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// comm(1) of coreutils 9.1: two sorted files walked together into the
// lines only the first has, only the second has, and both have.

const commHelp = `[OPTION]... FILE1 FILE2
Compare two sorted files line by line: print the lines only FILE1 has,
those only FILE2 has, and those both have, in three columns. Either
FILE may be - for standard input.

  -1, -2, -3              leave out column 1, 2 or 3
      --check-order       stop at the first line out of order
      --nocheck-order     do not check the order
      --output-delimiter=STR  separate the columns with STR, not TAB
      --total             end with a line of the three counts
  -z, --zero-terminated   lines end with NUL, not newline
      --help              show this help
      --version           show the version
`

const (
	commCheckOrder = 0x100 + iota
	commNoCheckOrder
	commOutputDelim
	commTotal
)

var commOptions = []getopt.Option{
	{Short: '1'}, {Short: '2'}, {Short: '3'},
	{Long: "check-order", ID: commCheckOrder},
	{Long: "nocheck-order", ID: commNoCheckOrder},
	{Long: "output-delimiter", Arg: getopt.RequiredArg, ID: commOutputDelim},
	{Long: "total", ID: commTotal},
	{Short: 'z', Long: "zero-terminated"},
}

// commer is one comm command.
type commer struct {
	*cmd
	hide       [4]bool
	order      int // 0 default, 1 --check-order, -1 --nocheck-order
	delim      string
	total      bool
	eol        byte
	unpairable bool    // a line was printed in column 1 or 2
	warned     [2]bool // disorder reported for the file
	counts     [4]int
}

func commApplet(c *cmd) int {
	cl, status, ok := c.Getopt(commOptions, false, commHelp)
	if !ok {
		return status
	}
	m := &commer{cmd: c, delim: "\t", eol: '\n'}
	for _, o := range cl.Opts {
		switch o.ID {
		case '1', '2', '3':
			m.hide[o.ID-'0'] = true
		case commCheckOrder:
			m.order = 1
		case commNoCheckOrder:
			m.order = -1
		case commOutputDelim:
			m.delim = o.Value
			if o.Value == "" {
				m.delim = "\x00"
			}
		case commTotal:
			m.total = true
		case 'z':
			m.eol = 0
		}
	}
	switch ops := cl.Operands; {
	case len(ops) == 0:
		return c.MissingOperand("")
	case len(ops) == 1:
		c.Errorf("missing operand after %s", c.QuoteArg(ops[0]))
		c.TryHelp()
		return 1
	case len(ops) > 2:
		return c.ExtraOperand(ops[2])
	}
	return m.run(cl.Operands[0], cl.Operands[1])
}

func (m *commer) run(name1, name2 string) int {
	var in [2]*bufio.Reader
	for i, name := range []string{name1, name2} {
		r, err := m.openInput(name)
		if err != nil {
			m.Errorf("%s: %s", m.QuoteName(name), applet.ErrText(err))
			return 1
		}
		defer r.Close()
		in[i] = bufio.NewReader(r)
	}
	var cur, prev [2][]byte
	var have [2]bool
	for i := range in {
		cur[i], have[i] = m.line(in[i])
	}
	for have[0] || have[1] {
		order := 0
		switch {
		case !have[0]:
			order = 1
		case !have[1]:
			order = -1
		default:
			order = bytes.Compare(cur[0], cur[1])
		}
		switch {
		case order == 0:
			m.write(cur[1], 3)
		case order < 0:
			m.unpairable = true
			m.write(cur[0], 1)
		default:
			m.unpairable = true
			m.write(cur[1], 2)
		}
		for i := range in {
			if order == 0 || (order < 0) == (i == 0) {
				prev[i] = cur[i]
				cur[i], have[i] = m.line(in[i])
				if have[i] && !m.checkOrder(prev[i], cur[i], i) {
					return 1
				}
			}
		}
	}
	if m.total {
		fmt.Fprintf(m.Out, "%d%s%d%s%d%stotal%c", m.counts[1], m.delim, m.counts[2], m.delim, m.counts[3], m.delim, m.eol)
	}
	if m.warned[0] || m.warned[1] {
		m.Errorf("input is not in sorted order")
		return 1
	}
	return 0
}

func (m *commer) line(r *bufio.Reader) ([]byte, bool) {
	l, err := r.ReadBytes(m.eol)
	if err != nil && len(l) == 0 {
		return nil, false
	}
	return bytes.TrimSuffix(l, []byte{m.eol}), true
}

// checkOrder reports a file's first line out of order; with
// --check-order that ends comm.
func (m *commer) checkOrder(prev, cur []byte, i int) bool {
	if m.order < 0 || m.order == 0 && !m.unpairable || m.warned[i] {
		return true
	}
	if bytes.Compare(prev, cur) <= 0 {
		return true
	}
	m.Out.Flush()
	m.Errorf("file %d is not in sorted order", i+1)
	m.warned[i] = true
	return m.order == 0
}

// write prints a line in its column, after the delimiters of the shown
// columns before it.
func (m *commer) write(l []byte, col int) {
	m.counts[col]++
	if m.hide[col] {
		return
	}
	for k := 1; k < col; k++ {
		if !m.hide[k] {
			m.Out.WriteString(m.delim)
		}
	}
	m.Out.Write(l)
	m.Out.WriteByte(m.eol)
}
