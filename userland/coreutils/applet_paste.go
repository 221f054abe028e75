// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"io"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// paste(1) of coreutils 9.1: the lines of the files side by side, or
// (-s) each file's lines on one line, joined by the delimiters of the
// list in turn, starting again on each output line.

const pasteHelp = `[OPTION]... [FILE]...
Join the lines of the FILEs (standard input without one, or for -) side
by side, separated by TABs, and write them to standard output.

  -d, --delimiters=LIST   use the characters of LIST in turn, not TAB;
                          \n \t \\ and \0 (no delimiter) are escapes
  -s, --serial            paste the lines of one file at a time
  -z, --zero-terminated   lines end with NUL, not newline
      --help              show this help
      --version           show the version
`

var pasteOptions = []getopt.Option{
	{Short: 'd', Long: "delimiters", Arg: getopt.RequiredArg},
	{Short: 's', Long: "serial"},
	{Short: 'z', Long: "zero-terminated"},
}

// paster is one paste command.
type paster struct {
	*cmd
	delims [][]byte // each may be empty (\0)
	eol    byte
	stdin  *bufio.Reader
}

func pasteApplet(c *cmd) int {
	cl, status, ok := c.Getopt(pasteOptions, false, pasteHelp)
	if !ok {
		return status
	}
	p := &paster{cmd: c, delims: [][]byte{{'\t'}}, eol: '\n', stdin: bufio.NewReader(c.Stdin)}
	serial := false
	for _, o := range cl.Opts {
		switch o.ID {
		case 'd':
			d, ok := pasteDelims(o.Value)
			if !ok {
				c.Errorf("delimiter list ends with an unescaped backslash: %s", o.Value)
				return 1
			}
			p.delims = d
		case 's':
			serial = true
		case 'z':
			p.eol = 0
		}
	}
	names := operandsOrStdin(cl.Operands)
	if serial {
		return p.serial(names)
	}
	return p.parallel(names)
}

// pasteDelims decodes a delimiter list; an empty list is one empty
// delimiter.
func pasteDelims(s string) ([][]byte, bool) {
	var out [][]byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, []byte{s[i]})
			continue
		}
		if i+1 == len(s) {
			return nil, false
		}
		i++
		switch s[i] {
		case '0':
			out = append(out, nil)
		case 'b', 'f', 'n', 'r', 't', 'v':
			out = append(out, []byte{map[byte]byte{'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11}[s[i]]})
		default:
			out = append(out, []byte{s[i]})
		}
	}
	if len(out) == 0 {
		out = [][]byte{nil}
	}
	return out, true
}

// open opens every input first, as paste does; "-" is the one standard
// input, read in turn by each of its mentions.
func (p *paster) open(names []string) ([]*bufio.Reader, []io.Closer, bool) {
	var rs []*bufio.Reader
	var cs []io.Closer
	for _, name := range names {
		if name == "-" {
			rs = append(rs, p.stdin)
			continue
		}
		f, err := p.openInput(name)
		if err != nil {
			p.Errorf("%s: %s", p.QuoteName(name), applet.ErrText(err))
			for _, c := range cs {
				c.Close()
			}
			return nil, nil, false
		}
		rs, cs = append(rs, bufio.NewReader(f)), append(cs, f)
	}
	return rs, cs, true
}

func closeAll(cs []io.Closer) {
	for _, c := range cs {
		c.Close()
	}
}

// line reads one line without its end; ok is false at the end of input.
func (p *paster) line(r *bufio.Reader) ([]byte, bool) {
	l, err := r.ReadBytes(p.eol)
	if err != nil && len(l) == 0 {
		return nil, false
	}
	return bytes.TrimSuffix(l, []byte{p.eol}), true
}

func (p *paster) parallel(names []string) int {
	rs, cs, ok := p.open(names)
	if !ok {
		return 1
	}
	defer closeAll(cs)
	done := make([]bool, len(rs))
	for {
		var out []byte
		got := false
		for i, r := range rs {
			if !done[i] {
				l, ok := p.line(r)
				if ok {
					out, got = append(out, l...), true
				} else {
					done[i] = true
				}
			}
			if i < len(rs)-1 {
				out = append(out, p.delims[i%len(p.delims)]...)
			}
		}
		if !got {
			return 0
		}
		p.Out.Write(append(out, p.eol))
	}
}

func (p *paster) serial(names []string) int {
	status := 0
	for _, name := range names {
		rs, cs, ok := p.open([]string{name})
		if !ok {
			status = 1
			continue
		}
		for n := 0; ; n++ {
			l, ok := p.line(rs[0])
			if !ok {
				break
			}
			if n > 0 {
				p.Out.Write(p.delims[(n-1)%len(p.delims)])
			}
			p.Out.Write(l)
		}
		p.Out.WriteByte(p.eol)
		closeAll(cs)
	}
	return status
}
