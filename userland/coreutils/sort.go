// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// sort(1) in the C locale. This file runs it: inputs, -c, -m, output;
// sort_options.go reads the command line, sort_keys.go finds keys in
// lines, sort_compare.go orders lines, sort_numbers.go and
// sort_random.go hold the numeric, month and random orders.

// sortApplet is sort(1).
func sortApplet(cmd *cmd) int {
	c, files, status, done := sortParse(cmd)
	if done {
		return status
	}
	s := c.sortSettings
	if s.files0From != "" {
		var ok bool
		if files, ok = c.files0(s.files0From, files); !ok {
			return sortFailure
		}
	}
	if !c.settle() {
		return sortFailure
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if s.check != 0 {
		return c.checkSorted(files)
	}
	for _, f := range files {
		if f == "-" {
			continue
		}
		if err := c.Task.Access(f, linux.R_OK); err != nil {
			c.Errorf("cannot read: %s: %s", c.QuoteName(f), applet.ErrText(err))
			return sortFailure
		}
	}
	out, ok := c.openOutput(s.output)
	if !ok {
		return sortFailure
	}
	defer out.close()
	inputs := make([][][]byte, len(files))
	for i, f := range files {
		if inputs[i], ok = c.readInput(f, s.eol()); !ok {
			return sortFailure
		}
	}
	var lines [][]byte
	if s.merge {
		lines = s.order.merge(inputs)
	} else {
		for _, in := range inputs {
			lines = append(lines, in...)
		}
		sort.SliceStable(lines, func(i, j int) bool { return s.order.compare(lines[i], lines[j]) < 0 })
	}
	return c.writeLines(out, lines)
}

// eol is the byte that ends lines.
func (s *sortSettings) eol() byte {
	if s.zero {
		return 0
	}
	return '\n'
}

// settle completes the settings once the options are read: keys without
// options take the global ones, the global options alone make a key of
// the whole line, and options that cannot go together are refused.
func (c *sortRun) settle() bool {
	s := c.sortSettings
	random, globalOnly := false, false
	for _, k := range s.order.keys {
		k.inherit(&s.global)
		random = random || k.random
	}
	if len(s.order.keys) == 0 && !s.global.defaults() {
		g := s.global
		s.order.keys = []*sortKey{&g}
		random, globalOnly = random || g.random, true
	}
	for _, k := range s.order.keys {
		if bad := k.incompatible(); bad != "" {
			c.Errorf("options '-%s' are incompatible", bad)
			return false
		}
	}
	if s.debug && (s.check != 0 || s.output != "") {
		opt := s.check
		if opt == 0 {
			opt = 'o'
		}
		c.Errorf("options '-%c --debug' are incompatible", opt)
		return false
	}
	if s.debug {
		c.debugWarnings(globalOnly)
	}
	s.order.reverse = s.global.reverse
	if random {
		var ok bool
		if s.order.random, ok = c.newRandom(s.randomSource); !ok {
			return false
		}
	}
	return true
}

// sortFiles0 reads --files0-from's names; none may be given as operands
// too, and none may be empty or (from standard input) "-".
func (c *sortRun) files0(from string, files []string) ([]string, bool) {
	if len(files) > 0 {
		c.files0Conflict(c.Quote(files[0]))
		return nil, false
	}
	in, err := c.openInput(from)
	if err != nil {
		c.Errorf("open failed: %s: %s", c.QuoteName(from), applet.ErrText(err))
		return nil, false
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		c.Errorf("cannot read file names from %s", c.Quote(from))
		return nil, false
	}
	if len(data) == 0 {
		c.Errorf("no input from %s", c.Quote(from))
		return nil, false
	}
	names := files0Names(data)
	for i, n := range names {
		switch {
		case n == "-":
			c.Errorf("when reading file names from stdin, no file name of %s allowed", c.Quote(n))
			return nil, false
		case n == "":
			c.Errorf("%s:%d: invalid zero-length file name", c.QuoteName(from), i+1)
			return nil, false
		}
	}
	return names, true
}

// sortRead reads the lines of one input (standard input for "-"),
// without their ends; a last line without one counts too.
func (c *sortRun) readInput(name string, eol byte) ([][]byte, bool) {
	in, err := c.openInput(name)
	if err != nil {
		c.Errorf("open failed: %s: %s", c.QuoteName(name), applet.ErrText(err))
		return nil, false
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		c.Errorf("read failed: %s: %s", c.QuoteName(name), applet.ErrText(err))
		return nil, false
	}
	if len(data) == 0 {
		return nil, true
	}
	return bytes.Split(bytes.TrimSuffix(data, []byte{eol}), []byte{eol}), true
}

// merge is -m: the inputs' lines taken in turn from the input whose next
// line is smallest (the first such input on a tie).
func (o *sortOrder) merge(inputs [][][]byte) [][]byte {
	var out [][]byte
	next := make([]int, len(inputs))
	for {
		best := -1
		for i, in := range inputs {
			if next[i] < len(in) && (best < 0 || o.compare(in[next[i]], inputs[best][next[best]]) < 0) {
				best = i
			}
		}
		if best < 0 {
			return out
		}
		out = append(out, inputs[best][next[best]])
		next[best]++
	}
}

// sortCheck is -c and -C: is the one input in order? -c reports the
// first line out of order.
func (c *sortRun) checkSorted(files []string) int {
	s := c.sortSettings
	if len(files) > 1 {
		c.Errorf("extra operand %s not allowed with -%c", c.Quote(files[1]), s.check)
		return sortFailure
	}
	if s.output != "" {
		c.Errorf("options '-%co' are incompatible", s.check)
		return sortFailure
	}
	lines, ok := c.readInput(files[0], s.eol())
	if !ok {
		return sortFailure
	}
	for i := 1; i < len(lines); i++ {
		d := s.order.compare(lines[i-1], lines[i])
		if d > 0 || d == 0 && s.order.unique {
			if s.check == 'c' {
				c.Out.Flush()
				fmt.Fprintf(c.Errw, "%s: %s:%d: disorder: %s%c", c.Name, files[0], i+1, lines[i], s.eol())
			}
			return 1
		}
	}
	return 0
}

// sortOut is where the sorted lines go: standard output, or the -o
// file, opened (without truncation) before any input is read.
type sortOut struct {
	name string // "" for standard output
	w    *bufio.Writer
	f    *applet.File
}

func (c *sortRun) openOutput(name string) (*sortOut, bool) {
	if name == "" {
		return &sortOut{w: c.Out}, true
	}
	f, err := applet.OpenFile(c.Task, name, linux.O_WRONLY|linux.O_CREAT, 0o666)
	if err != nil {
		c.Errorf("open failed: %s: %s", c.QuoteName(name), applet.ErrText(err))
		return nil, false
	}
	return &sortOut{name: name, w: bufio.NewWriter(f), f: f}, true
}

func (o *sortOut) close() {
	if o.f != nil {
		o.f.Close()
	}
}

// sortWrite writes the lines (the first of each run of equal ones with
// -u), after emptying the -o file.
func (c *sortRun) writeLines(out *sortOut, lines [][]byte) int {
	s := c.sortSettings
	if out.f != nil {
		if err := c.Task.Ftruncate(out.f.Fd, 0); err != nil && c.regular(out.f.Fd) {
			c.Errorf("%s: error truncating: %s", c.QuoteName(out.name), applet.ErrText(err))
			return sortFailure
		}
	}
	var last []byte
	var debug strings.Builder
	for i, l := range lines {
		if s.order.unique && i > 0 && s.order.compare(last, l) == 0 {
			continue
		}
		last = l
		if s.debug {
			debug.Reset()
			s.order.sortDebugLine(&debug, l)
			out.w.WriteString(debug.String())
			continue
		}
		out.w.Write(l)
		out.w.WriteByte(s.eol())
	}
	_, earlier := out.w.Write(nil)
	if err := out.w.Flush(); err != nil {
		if applet.BrokenPipe(err) {
			return 0 // the command's end reports it as SIGPIPE
		}
		name := out.name
		if name == "" {
			name = "standard output"
			c.ClearOut()
		}
		// A write that stdio could not buffer fails in write_line
		// ("write failed"), a last buffer in the final fflush.
		what := "fflush failed"
		if earlier != nil {
			what = "write failed"
		}
		c.Errorf("%s: %s: %s", what, c.QuoteName(name), applet.ErrText(err))
		c.Errorf("write error")
		return sortFailure
	}
	return 0
}

// sortRegular reports whether fd is a regular file.
func (c *sortRun) regular(fd int) bool {
	st, err := c.Task.Fstat(fd)
	return err == nil && st.Mode&linux.S_IFMT == linux.S_IFREG
}
