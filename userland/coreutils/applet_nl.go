// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// nl(1) of coreutils 9.1: lines numbered by the style of the section
// (header, body, footer) they are in; a line holding only the section
// delimiter two or three times (or once) starts a header (body, footer)
// and restarts the numbering unless -p.

const nlHelp = `[OPTION]... [FILE]...
Write each FILE (standard input without one, or for -) to standard
output with line numbers.

  -b, --body-numbering=STYLE      number the body's lines by STYLE (t)
  -d, --section-delimiter=CC      the section delimiter characters (\:)
  -f, --footer-numbering=STYLE    number the footer's lines by STYLE (n)
  -h, --header-numbering=STYLE    number the header's lines by STYLE (n)
  -i, --line-increment=NUMBER     count by NUMBER (1)
  -l, --join-blank-lines=NUMBER   count NUMBER empty lines in a row as one
  -n, --number-format=FORMAT      ln, rn (the default) or rz
  -p, --no-renumber               do not restart numbering at sections
  -s, --number-separator=STRING   put STRING after the number (TAB)
  -v, --starting-line-number=NUMBER  the first number (1)
  -w, --number-width=NUMBER       the width of the numbers (6)
      --help                      show this help
      --version                   show the version

STYLE is a (all lines), t (non-empty lines), n (none) or pBRE (lines
matching the basic regular expression BRE).
`

var nlOptions = []getopt.Option{
	{Short: 'b', Long: "body-numbering", Arg: getopt.RequiredArg},
	{Short: 'd', Long: "section-delimiter", Arg: getopt.RequiredArg},
	{Short: 'f', Long: "footer-numbering", Arg: getopt.RequiredArg},
	{Short: 'h', Long: "header-numbering", Arg: getopt.RequiredArg},
	{Short: 'i', Long: "line-increment", Arg: getopt.RequiredArg},
	{Short: 'l', Long: "join-blank-lines", Arg: getopt.RequiredArg},
	{Short: 'n', Long: "number-format", Arg: getopt.RequiredArg},
	{Short: 'p', Long: "no-renumber"},
	{Short: 's', Long: "number-separator", Arg: getopt.RequiredArg},
	{Short: 'v', Long: "starting-line-number", Arg: getopt.RequiredArg},
	{Short: 'w', Long: "number-width", Arg: getopt.RequiredArg},
}

// nlStyle is how one section's lines are numbered.
type nlStyle struct {
	kind byte // 'a', 't', 'n' or 'p'
	re   *regexp.Regexp
}

// numberer is one nl command.
type numberer struct {
	*cmd
	styles          [3]nlStyle // header, body, footer
	section         int
	delim           string
	incr, start, no int64
	join, blanks    int64
	format          string
	sep             string
	width           int
	renumber        bool
}

func nlApplet(c *cmd) int {
	n := &numberer{cmd: c, delim: `\:`, incr: 1, start: 1, join: 1, format: "rn", sep: "\t", width: 6, renumber: true, section: 1}
	n.styles = [3]nlStyle{{kind: 'n'}, {kind: 't'}, {kind: 'n'}}
	operands, status, ok := c.GetoptEach(nlOptions, false, nlHelp, n.option)
	if !ok {
		return status
	}
	n.no = n.start
	status = 0
	for _, name := range operandsOrStdin(operands) {
		if !n.file(name) {
			status = 1
		}
	}
	return status
}

// option applies one option; a bad value is reported here.
func (n *numberer) option(o getopt.Parsed) bool {
	switch o.ID {
	case 'b', 'h', 'f':
		i := map[int]int{'h': 0, 'b': 1, 'f': 2}[o.ID]
		st, ok, reErr := nlParseStyle(o.Value)
		if reErr != nil {
			n.Errorf("%s", reErr)
			return false
		}
		if !ok {
			part := map[int]string{'h': "header", 'b': "body", 'f': "footer"}[o.ID]
			return n.nlUsage(fmt.Sprintf("invalid %s numbering style: %s", part, n.QuoteArg(o.Value)))
		}
		n.styles[i] = st
	case 'd':
		n.delim = o.Value
		if len(o.Value) == 1 {
			n.delim += ":" // a lone character is completed with ':'
		}
	case 'n':
		if o.Value != "ln" && o.Value != "rn" && o.Value != "rz" {
			return n.nlUsage(fmt.Sprintf("invalid line numbering format: %s", n.QuoteArg(o.Value)))
		}
		n.format = o.Value
	case 'p':
		n.renumber = false
	case 's':
		n.sep = o.Value
	case 'i', 'l', 'v', 'w':
		return n.number(o)
	}
	return true
}

func (n *numberer) nlUsage(msg string) bool {
	n.Errorf("%s", msg)
	n.TryHelp()
	return false
}

// number reads the numeric options, as xdectoimax does for each range.
func (n *numberer) number(o getopt.Parsed) bool {
	what := map[int]string{'i': "invalid line number increment", 'l': "invalid line number of blank lines",
		'v': "invalid starting line number", 'w': "invalid line number field width"}[o.ID]
	v, err := strconv.ParseInt(strings.TrimLeft(o.Value, " \t\n\v\f\r"), 10, 64)
	low := map[int]int64{'i': -1 << 63, 'l': 1, 'v': -1 << 63, 'w': 1}[o.ID]
	switch {
	case err != nil && errorIsRange(err):
		n.Errorf("%s: %s: %s", what, n.QuoteArg(o.Value), linux.EOVERFLOW)
		return false
	case err != nil:
		n.Errorf("%s: %s", what, n.QuoteArg(o.Value))
		return false
	case v < low || o.ID == 'w' && v > 1<<31-1:
		n.Errorf("%s: %s: %s", what, n.QuoteArg(o.Value), linux.ERANGE)
		return false
	}
	switch o.ID {
	case 'i':
		n.incr = v
	case 'l':
		n.join = v
	case 'v':
		n.start = v
	case 'w':
		n.width = int(v)
	}
	return true
}

// nlParseStyle reads a STYLE; a bad expression of pBRE is an error of
// its own (regerror's text).
func nlParseStyle(s string) (nlStyle, bool, error) {
	switch {
	case s == "a" || s == "t" || s == "n":
		return nlStyle{kind: s[0]}, true, nil
	case strings.HasPrefix(s, "p"):
		re, err := posixre.Compile(s[1:], posixre.Syntax{Dialect: posixre.Grep})
		if err != nil {
			return nlStyle{}, false, err
		}
		return nlStyle{kind: 'p', re: re.Regexp}, true, nil
	}
	return nlStyle{}, false, nil
}

func (n *numberer) file(name string) bool {
	r, err := n.openInput(name)
	if err != nil {
		n.Errorf("%s: %s", n.QuoteName(name), applet.ErrText(err))
		return false
	}
	defer r.Close()
	in := bufio.NewReader(r)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			n.line(bytes.TrimSuffix(line, []byte("\n")))
		}
		if err != nil {
			if err != io.EOF {
				n.Errorf("%s: %s", n.QuoteName(name), applet.ErrText(err))
				return false
			}
			return true
		}
	}
}

// line handles one line: a section delimiter, or a line to number.
func (n *numberer) line(l []byte) {
	if n.delim != "" {
		for i, count := range []int{3, 2, 1} {
			if string(l) == strings.Repeat(n.delim, count) {
				n.section = i
				if n.renumber {
					n.no = n.start
				}
				n.Out.WriteByte('\n')
				return
			}
		}
	}
	st := n.styles[n.section]
	numbered := false
	switch st.kind {
	case 'a':
		if n.join > 1 && len(l) == 0 {
			n.blanks++
			numbered = n.blanks == n.join
		} else {
			numbered = true
		}
		if numbered {
			n.blanks = 0
		}
	case 't':
		numbered = len(l) > 0
	case 'p':
		numbered = st.re.Match([]byte(posixre.Latin1(string(l))))
	}
	if numbered {
		n.Out.WriteString(n.formatNumber() + n.sep)
		n.no += n.incr
	} else {
		n.Out.WriteString(strings.Repeat(" ", n.width+len(n.sep)))
	}
	n.Out.Write(l)
	n.Out.WriteByte('\n')
}

func (n *numberer) formatNumber() string {
	switch n.format {
	case "ln":
		return fmt.Sprintf("%-*d", n.width, n.no)
	case "rz":
		return fmt.Sprintf("%0*d", n.width, n.no)
	}
	return fmt.Sprintf("%*d", n.width, n.no)
}
