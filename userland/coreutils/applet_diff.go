// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// diffRun is one diff(1) command (GNU diffutils 3.8): normal or unified
// output, -q and -s, and directories compared entry by entry (-r to
// descend, -N for absent files).
type diffRun struct {
	*cmd
	brief, same, recursive, newFile, unified bool
	context                                  int
	labels                                   []string
	// switches are the options as given, for the "diff ..." line before
	// each pair of files compared inside directories.
	switches string
	trouble  bool
}

// diffApplet compares files line by line: status 0 if alike, 1 if not,
// 2 on trouble.
func diffApplet(cmd *cmd) int {
	c := &diffRun{cmd: cmd, context: 3}
	c.UsageStatus = 2
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILES"
	fs.About = "Show how two files differ, line by line; with directories, how their\nentries do. Status 0: the same, 1: different, 2: trouble."
	fs.BoolVarP(&c.brief, "brief", "q", false, "say only whether the files differ, not how")
	fs.BoolVarP(&c.same, "report-identical-files", "s", false, "also say so when two files are alike")
	fs.BoolVarP(&c.recursive, "recursive", "r", false, "descend into the subdirectories both sides have")
	fs.BoolVarP(&c.newFile, "new-file", "N", false, "a file missing on one side counts as an empty one")
	fs.Func("unified", "u", "unified format with 3 lines around each change", func() { c.unified = true })
	fs.ArgFunc("unified-context", "U", "unified format with NUM lines around each change", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("invalid context length '%s'", v)
		}
		c.unified, c.context = true, n
		return nil
	})
	fs.ArgFunc("label", "", "`LABEL` stands for a file's name and time in headers", func(v string) error {
		c.labels = append(c.labels, v)
		return nil
	})
	ops, ok := c.Parse(fs)
	if !ok {
		return 2
	}
	var sw []string
	for _, a := range c.Args {
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		sw = append(sw, a)
	}
	c.switches = strings.Join(sw, " ")
	switch {
	case len(ops) < 2:
		if len(ops) == 0 {
			c.Errorf("missing operand after %s", c.Quote("diff"))
		} else {
			c.Errorf("missing operand after %s", c.Quote(ops[0]))
		}
		c.Errorf("Try '%s --help' for more information.", c.Name)
		return 2
	case len(ops) > 2:
		c.Errorf("extra operand %s", c.Quote(ops[2]))
		c.Errorf("Try '%s --help' for more information.", c.Name)
		return 2
	}
	status := c.pair(ops[0], ops[1], true)
	if c.trouble {
		return 2
	}
	return status
}

// pair compares two names: files, directories, or a file and the entry
// of the same name in a directory.
func (c *diffRun) pair(a, b string, top bool) int {
	sa, ea := c.Task.Stat(a)
	sb, eb := c.Task.Stat(b)
	aDir := ea == nil && applet.IsDir(uint32(sa.Mode))
	bDir := eb == nil && applet.IsDir(uint32(sb.Mode))
	switch {
	case top && aDir && !bDir && eb == nil:
		// A file against a directory: its namesake there, without
		// the "diff" line that pairs inside directories get.
		return c.files(applet.JoinPath(a, baseName(b, "")), b, true)
	case top && bDir && !aDir && ea == nil:
		return c.files(a, applet.JoinPath(b, baseName(a, "")), true)
	case aDir && bDir:
		return c.dirs(a, b)
	}
	return c.files(a, b, top)
}

// dirs compares two directories' entries in name order.
func (c *diffRun) dirs(a, b string) int {
	names := map[string][2]bool{}
	for i, d := range []string{a, b} {
		ents, err := applet.ReadDirents(c.Task, d)
		if err != nil {
			c.Errorf("%s: %s", d, applet.ErrText(err))
			c.trouble = true
			return 2
		}
		for _, e := range ents {
			in := names[e.Name]
			in[i] = true
			names[e.Name] = in
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	status := 0
	for _, n := range sorted {
		in := names[n]
		pa, pb := applet.JoinPath(a, n), applet.JoinPath(b, n)
		if !in[0] || !in[1] {
			if c.newFile {
				status = max(status, c.files(pa, pb, false))
				continue
			}
			dir := b
			if in[0] {
				dir = a
			}
			fmt.Fprintf(c.Out, "Only in %s: %s\n", dir, n)
			status = max(status, 1)
			continue
		}
		sa, ea := c.Task.Stat(pa)
		sb, eb := c.Task.Stat(pb)
		aDir := ea == nil && applet.IsDir(uint32(sa.Mode))
		bDir := eb == nil && applet.IsDir(uint32(sb.Mode))
		switch {
		case aDir && bDir && c.recursive:
			status = max(status, c.dirs(pa, pb))
		case aDir && bDir:
			fmt.Fprintf(c.Out, "Common subdirectories: %s and %s\n", pa, pb)
		case aDir != bDir:
			kind := func(d bool) string {
				if d {
					return "directory"
				}
				return "regular file"
			}
			fmt.Fprintf(c.Out, "File %s is a %s while file %s is a %s\n", pa, kind(aDir), pb, kind(bDir))
			status = max(status, 1)
		default:
			status = max(status, c.files(pa, pb, false))
		}
	}
	return status
}

// files compares two files' lines.
func (c *diffRun) files(a, b string, top bool) int {
	da, okA := c.read(a)
	db, okB := c.read(b)
	if !okA || !okB {
		return 2
	}
	if bytes.Equal(da, db) {
		if c.same {
			fmt.Fprintf(c.Out, "Files %s and %s are identical\n", a, b)
		}
		return 0
	}
	if c.brief {
		fmt.Fprintf(c.Out, "Files %s and %s differ\n", a, b)
		return 1
	}
	if !top {
		fmt.Fprintf(c.Out, "diff %s %s\n", strings.TrimSpace(c.switches+" "+a), b)
	}
	la, lb := diffLines(da), diffLines(db)
	script := diffScript(la, lb)
	if c.unified {
		c.unifiedOut(a, b, la, lb, script)
	} else {
		normalOut(c.Out, la, lb, script)
	}
	return 1
}

// read is a file's contents; a missing one is empty with -N.
func (c *diffRun) read(name string) ([]byte, bool) {
	r, err := c.openInput(name)
	if err == nil {
		data, rerr := io.ReadAll(r)
		r.Close()
		if rerr == nil {
			return data, true
		}
		err = rerr
	}
	if c.newFile && applet.ErrText(err) == "No such file or directory" {
		return nil, true
	}
	c.Errorf("%s: %s", name, applet.ErrText(err))
	c.trouble = true
	return nil, false
}

// diffLines splits data into lines that keep their newline; a last line
// without one is marked by its lack.
func diffLines(data []byte) []string {
	var out []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, string(data))
			break
		}
		out = append(out, string(data[:i+1]))
		data = data[i+1:]
	}
	return out
}

// diffOp is one run of the edit script: lines kept, deleted from a or
// inserted from b.
type diffOp struct {
	kind         byte // '=', '-', '+'
	aFrom, bFrom int
	n            int
}

// diffScript is Myers' shortest edit script between a and b, as runs.
func diffScript(a, b []string) []diffOp {
	n, m := len(a), len(b)
	maxD := n + m
	v := make([]int, 2*maxD+2)
	var trace [][]int
	off := maxD + 1
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v...))
		done := false
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				done = true
				break
			}
		}
		if done {
			trace = append(trace, v)
			break
		}
	}
	return backtrack(trace, a, b, off)
}

// backtrack walks the trace back from the end into runs of edits.
func backtrack(trace [][]int, a, b []string, off int) []diffOp {
	x, y := len(a), len(b)
	var rev []diffOp
	add := func(kind byte, ax, by int) {
		if l := len(rev); l > 0 && rev[l-1].kind == kind && (kind == '+' && rev[l-1].bFrom == by+1 || kind != '+' && rev[l-1].aFrom == ax+1) {
			rev[l-1].aFrom, rev[l-1].bFrom = ax, by
			rev[l-1].n++
			return
		}
		rev = append(rev, diffOp{kind: kind, aFrom: ax, bFrom: by, n: 1})
	}
	for d := len(trace) - 2; d >= 0 && (x > 0 || y > 0); d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[off+k-1] < v[off+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			add('=', x, y)
		}
		if d > 0 {
			if x == prevX {
				y--
				add('+', x, y)
			} else {
				x--
				add('-', x, y)
			}
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// diffHunk is a change: lines a[aFrom:aTo] replaced by b[bFrom:bTo].
type diffHunk struct{ aFrom, aTo, bFrom, bTo int }

// hunks merges adjacent deletions and insertions into changes.
func hunks(script []diffOp) []diffHunk {
	var out []diffHunk
	for _, op := range script {
		if op.kind == '=' {
			continue
		}
		h := diffHunk{op.aFrom, op.aFrom, op.bFrom, op.bFrom}
		if op.kind == '-' {
			h.aTo += op.n
		} else {
			h.bTo += op.n
		}
		if l := len(out); l > 0 && out[l-1].aTo == h.aFrom && out[l-1].bTo == h.bFrom {
			out[l-1].aTo, out[l-1].bTo = max(out[l-1].aTo, h.aTo), max(out[l-1].bTo, h.bTo)
			continue
		}
		out = append(out, h)
	}
	return out
}

// normalOut is diff's default output: "2c2", "4a5", "5d4" and the lines.
func normalOut(w io.Writer, a, b []string, script []diffOp) {
	rng := func(from, to int) string {
		if to-from <= 1 {
			return strconv.Itoa(max(to, from))
		}
		return strconv.Itoa(from+1) + "," + strconv.Itoa(to)
	}
	for _, h := range hunks(script) {
		switch {
		case h.aFrom == h.aTo:
			fmt.Fprintf(w, "%da%s\n", h.aFrom, rng(h.bFrom, h.bTo))
		case h.bFrom == h.bTo:
			fmt.Fprintf(w, "%sd%d\n", rng(h.aFrom, h.aTo), h.bFrom)
		default:
			fmt.Fprintf(w, "%sc%s\n", rng(h.aFrom, h.aTo), rng(h.bFrom, h.bTo))
		}
		for _, l := range a[h.aFrom:h.aTo] {
			writeDiffLine(w, "< ", l)
		}
		if h.aFrom != h.aTo && h.bFrom != h.bTo {
			io.WriteString(w, "---\n")
		}
		for _, l := range b[h.bFrom:h.bTo] {
			writeDiffLine(w, "> ", l)
		}
	}
}

// writeDiffLine writes a line with its mark, and the note for a last
// line without a newline.
func writeDiffLine(w io.Writer, mark, l string) {
	io.WriteString(w, mark+l)
	if !strings.HasSuffix(l, "\n") {
		io.WriteString(w, "\n\\ No newline at end of file\n")
	}
}

// unifiedOut is -u: headers, then hunks with context lines.
func (c *diffRun) unifiedOut(a, b string, la, lb []string, script []diffOp) {
	fmt.Fprintf(c.Out, "--- %s\n+++ %s\n", c.header(a, 0), c.header(b, 1))
	hs := hunks(script)
	for i := 0; i < len(hs); {
		j := i
		for j+1 < len(hs) && hs[j+1].aFrom-hs[j].aTo <= 2*c.context {
			j++
		}
		aFrom, bFrom := max(hs[i].aFrom-c.context, 0), max(hs[i].bFrom-c.context, 0)
		aTo, bTo := min(hs[j].aTo+c.context, len(la)), min(hs[j].bTo+c.context, len(lb))
		fmt.Fprintf(c.Out, "@@ -%s +%s @@\n", unifiedRange(aFrom, aTo), unifiedRange(bFrom, bTo))
		pa := aFrom
		for _, h := range hs[i : j+1] {
			for ; pa < h.aFrom; pa++ {
				writeDiffLine(c.Out, " ", la[pa])
			}
			for _, l := range la[h.aFrom:h.aTo] {
				writeDiffLine(c.Out, "-", l)
			}
			for _, l := range lb[h.bFrom:h.bTo] {
				writeDiffLine(c.Out, "+", l)
			}
			pa = h.aTo
		}
		for ; pa < aTo; pa++ {
			writeDiffLine(c.Out, " ", la[pa])
		}
		i = j + 1
	}
}

// unifiedRange is "start,count", the count left out when it is 1.
func unifiedRange(from, to int) string {
	switch to - from {
	case 0:
		return strconv.Itoa(from) + ",0"
	case 1:
		return strconv.Itoa(from + 1)
	}
	return strconv.Itoa(from+1) + "," + strconv.Itoa(to-from)
}

// header is a -u header: the --label, or the name and its mtime.
func (c *diffRun) header(name string, i int) string {
	if i < len(c.labels) {
		return c.labels[i]
	}
	st, err := c.Task.Stat(name)
	if err != nil {
		return name + "\t1970-01-01 00:00:00.000000000 +0000"
	}
	t := time.Unix(st.Mtime.Sec, st.Mtime.Nsec).UTC()
	return name + "\t" + t.Format("2006-01-02 15:04:05.000000000 -0700")
}
