// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// grepMore are grep's options beyond selecting lines: what is printed of
// them (-o, context, -b, -Z, -T), how many (-m), -L, and the directory
// walk of -r and -R with its --include and --exclude globs.
type grepMore struct {
	only, listMissing, null, offsets, tab bool
	recurse                               byte // 'r', 'R' or 0
	maxCount                              int64
	hasMax                                bool
	after, before                         int
	globs                                 []grepGlob
	// troubled is set by an error met inside a walk (status 2).
	troubled bool
	// printed is whether any line was printed yet, for "--" between
	// context groups.
	printed bool
}

// grepGlob is an --include (kind 'i'), --exclude ('e') or --exclude-dir
// ('d') pattern.
type grepGlob struct {
	kind    byte
	pattern string
}

// numberOption reads -m, -A, -B and -C.
func (c *grepper) numberOption(p getopt.Parsed) bool {
	n, err := strconv.ParseInt(p.Value, 10, 64)
	if p.ID == 'm' {
		if err != nil {
			c.Errorf("invalid max count")
			return false
		}
		c.maxCount, c.hasMax = n, n >= 0
		return true
	}
	if err != nil || n < 0 {
		c.Errorf("%s: invalid context length argument", p.Value)
		return false
	}
	switch p.ID {
	case 'A':
		c.after = int(n)
	case 'B':
		c.before = int(n)
	default:
		c.after, c.before = int(n), int(n)
	}
	return true
}

// operands is what grep searches: its operands, or with -r none given
// the working directory, whose files are named without "./".
func (c *grepper) operands(ops []string) ([]string, bool) {
	if len(ops) == 0 && c.recurse != 0 {
		return []string{"."}, true
	}
	return operandsOrStdin(ops), false
}

// operand searches one operand: a file, or with -r a directory's tree.
func (c *grepper) operand(name, shown string, top bool) (bool, error) {
	if c.recurse != 0 && name != "-" {
		flags := 0
		if c.recurse == 'r' && !top {
			flags = linux.AT_SYMLINK_NOFOLLOW
		}
		st, err := c.Task.Fstatat(applet.AtCWD, name, flags)
		if err == nil && applet.IsDir(uint32(st.Mode)) {
			return c.walk(name, shown), nil
		}
		if err == nil && !top && !applet.IsReg(uint32(st.Mode)) {
			return false, nil // devices, fifos and links are skipped
		}
	}
	return c.search(name, shown)
}

// walk searches a directory's entries in the order readdir gives them,
// as fts does without a comparison function.
func (c *grepper) walk(dir, shown string) bool {
	ents, err := applet.ReadDirents(c.Task, dir)
	if err != nil {
		c.complain(shown, err)
		return false
	}
	matched := false
	for _, e := range ents {
		if c.Cancelled() {
			break
		}
		isDir := e.Type == linux.DT_DIR
		if !c.globsAllow(e.Name, isDir) {
			continue
		}
		childShown := e.Name
		if shown != "" {
			childShown = strings.TrimSuffix(shown, "/") + "/" + e.Name
		}
		m, err := c.operand(applet.JoinPath(dir, e.Name), childShown, false)
		if err != nil {
			c.complain(childShown, err)
		}
		matched = matched || m
	}
	return matched
}

// globsAllow applies --exclude-dir to directories, and --exclude and
// --include to files: an excluded name is skipped, and once there is an
// --include only the names it matches are searched.
func (c *grepper) globsAllow(name string, dir bool) bool {
	includes, included := false, false
	for _, g := range c.globs {
		ok, _ := path.Match(g.pattern, name)
		switch {
		case dir:
			if g.kind == 'd' && ok {
				return false
			}
		case g.kind == 'e' && ok:
			return false
		case g.kind == 'i':
			includes, included = true, included || ok
		}
	}
	return dir || !includes || included
}

// complain reports a file grep could not read, unless -s.
func (c *grepper) complain(shown string, err error) {
	c.troubled = true
	if !c.noMessages {
		c.Errorf("%s: %s", c.QuoteName(shown), applet.ErrText(err))
	}
}

// search reads one file and prints what the options ask for.
func (c *grepper) search(name, shown string) (bool, error) {
	r, err := c.openInput(name)
	if err != nil {
		return false, err
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return false, err
	}
	if name == "-" {
		shown = "(standard input)"
	}
	binary := c.binary != 't' && bytes.IndexByte(data, 0) >= 0
	if binary && c.binary == 'n' {
		return false, nil
	}
	s := &grepScan{c: c, shown: shown, binary: binary, lastOut: -1}
	s.run(data)
	c.summary(shown, s.count)
	return s.count > 0, nil
}

// summary is what -c, -l and -L print for a file.
func (c *grepper) summary(shown string, count int64) {
	end := "\n"
	if c.null {
		end = "\x00"
	}
	switch {
	case c.quiet:
	case c.listFiles:
		if count > 0 {
			c.Out.WriteString(shown + end)
		}
	case c.listMissing:
		if count == 0 {
			c.Out.WriteString(shown + end)
		}
	case c.count:
		if c.withName {
			c.Out.WriteString(shown + c.sep(':'))
		}
		fmt.Fprintln(c.Out, count)
	}
}

// sep is the separator after a file name: ':' for selected lines, '-'
// for context, or a NUL with -Z.
func (c *grepper) sep(kind byte) string {
	if c.null {
		return "\x00"
	}
	return string(kind)
}

// grepScan is the search of one file's lines.
type grepScan struct {
	c       *grepper
	shown   string
	binary  bool
	count   int64
	lastOut int // index of the last line printed, -1 for none
	pending int // context lines still to print after a selected one
	lines   [][]byte
	starts  []int
}

func (s *grepScan) run(data []byte) {
	c := s.c
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		s.lines = append(s.lines, data[off:off+end])
		s.starts = append(s.starts, off)
		off += end + 1
	}
	quietOut := c.quiet || c.listFiles || c.listMissing || c.count
	for i, line := range s.lines {
		if c.hasMax && s.count >= c.maxCount {
			if s.pending > 0 && !quietOut && !s.binary {
				s.context(i) // trailing context after the last match
				continue
			}
			break
		}
		if c.re.Match(line) == c.invert {
			if s.pending > 0 && !quietOut && !s.binary {
				s.context(i)
			}
			continue
		}
		s.count++
		if quietOut {
			if c.quiet || c.listFiles {
				break
			}
			continue
		}
		if s.binary {
			c.Errorf("%s: binary file matches", s.shown)
			break
		}
		s.selected(i)
	}
}

// selected prints a selected line with the context before it.
func (s *grepScan) selected(i int) {
	c := s.c
	first := max(i-c.before, s.lastOut+1)
	for j := first; j < i; j++ {
		s.emit(j, '-')
	}
	if c.only {
		s.matches(i)
	} else {
		s.emit(i, ':')
	}
	s.pending = c.after
}

// context prints a line after a selected one.
func (s *grepScan) context(i int) {
	s.pending--
	if !s.c.only {
		s.emit(i, '-')
	}
}

// emit prints line i, with "--" first when it does not follow the last
// line printed and context is asked for.
func (s *grepScan) emit(i int, kind byte) {
	c := s.c
	if (c.before > 0 || c.after > 0) && c.printed && (s.lastOut < 0 || s.lastOut != i-1) {
		c.Out.WriteString("--\n")
	}
	c.printed, s.lastOut = true, i
	c.Out.WriteString(s.prefix(i, s.starts[i], kind))
	c.Out.Write(s.lines[i])
	c.Out.WriteByte('\n')
}

// matches is -o: each non-empty match of line i on a line of its own.
func (s *grepScan) matches(i int) {
	c := s.c
	if c.invert {
		return
	}
	line := s.lines[i]
	for _, m := range c.re.FindAllSubmatchIndex(line, -1) {
		from, to := m[0], m[1]
		for g, name := range c.re.SubexpNames() {
			if name == "w" && m[2*g] >= 0 { // -w's word, not its neighbours
				from, to = m[2*g], m[2*g+1]
				break
			}
		}
		if from == to {
			continue
		}
		if (c.before > 0 || c.after > 0) && c.printed && (s.lastOut < 0 || s.lastOut != i && s.lastOut != i-1) {
			c.Out.WriteString("--\n")
		}
		c.printed, s.lastOut = true, i
		c.Out.WriteString(s.prefix(i, s.starts[i]+from, ':'))
		c.Out.Write(line[from:to])
		c.Out.WriteByte('\n')
	}
}

// prefix is the file name, line number and byte offset before a line.
func (s *grepScan) prefix(i, offset int, kind byte) string {
	c := s.c
	var b strings.Builder
	if c.withName {
		b.WriteString(s.shown + c.sep(kind))
	}
	if c.number {
		b.WriteString(strconv.Itoa(i+1) + string(kind))
	}
	if c.offsets {
		b.WriteString(strconv.Itoa(offset) + string(kind))
	}
	if c.tab && b.Len() > 0 {
		b.WriteByte('\t')
	}
	return b.String()
}
