// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"strconv"
	"strings"
)

// findmnt: the command line becomes a findmntQuery (this file), the
// query picks mount table entries (findmnt_select.go) and the chosen
// columns (findmnt_cols.go) print through the table renderer.

// findmntQuery is everything a findmnt command line asks for.
type findmntQuery struct {
	c *cmd

	// What to match; empty matches anything.
	source, target string
	types, options string // -t and -O lists
	dev            *[2]uint32
	// sourceOnly: a source that matches nothing is not retried as a
	// target (set by -S, -T, -M, a device number or a tag).
	sourceOnly bool
	mountpoint bool // -M: the target must be a mountpoint itself
	invert     bool
	real       bool // --real: no pseudo filesystems
	pseudo     bool // --pseudo: only those
	shadowed   bool // only mounts something else is mounted over
	all        bool // -A
	df         bool // -D: file systems with room (tmpfs, no pseudo ones)
	uniq       bool // -U: one entry per target, the last
	verify     bool // -x: check the table instead of listing it
	verbose    bool // --verbose: -x tells what is right too
	kernelTab  bool // -k or -m: the kernel's table even with -x
	// parseErrors counts the table lines that did not parse.
	parseErrors int

	// How to walk the table.
	firstOnly bool
	submounts bool // -R
	backward  bool // -d backward
	nocache   bool // -C: compare paths as given
	tid       int32
	fstab     bool     // -s: read /etc/fstab
	tabFiles  []string // -F: read these instead

	// How cells read.
	canonicalize bool // -c
	nofsroot     bool // -v
	bytes        bool // -b

	// How the table prints.
	tree       bool
	forceTree  bool // --tree
	format     tableFormat
	noHeadings bool
	shellNames bool
	ascii      bool
	cols       []*mntCol
}

// findmntApplet is findmnt(8): find and list the mounts of the task's
// mount namespace (or another task's, -N) from its mountinfo.
func findmntApplet(c *cmd) int {
	q := &findmntQuery{c: c, tree: true}
	var output outputSpec
	var outputAll bool
	operands, ok := c.Parse(q.flagSet(&output, &outputAll))
	if !ok {
		return 1
	}
	if q.verify && !q.kernelTab && len(q.tabFiles) == 0 {
		q.fstab = true
	}
	if !q.pickColumns(output, outputAll) {
		return 1
	}
	if !q.takeOperands(operands) {
		return 1
	}
	q.settleLayout()
	tb, ok := q.mountTable()
	if !ok {
		return 1
	}
	if q.uniq {
		tb.uniqTargets()
	}
	if q.verify {
		return q.verifyTable(tb)
	}
	for _, col := range q.cols {
		if col.event {
			c.warnf("%s column is requested, but --poll is not enabled", col.name)
			return 1
		}
	}
	out := q.newTable()
	if !q.fill(out, tb) {
		return 1
	}
	out.render(c.Out)
	return 0
}

// options declares findmnt's options in util-linux 2.38's table order,
// each setting the query as the command line meets it.
func (q *findmntQuery) flagSet(output *outputSpec, outputAll *bool) *applet.FlagSet {
	fs := q.c.FlagSet()
	fs.Help = helpTexts["findmnt"]
	fs.ShortHelp = true
	unsupported := func(string, bool) error { return fmt.Errorf("option %s is not supported", fs.Current()) }
	fs.BoolVarP(&q.all, "all", "A", false, "")
	fs.BoolVarP(&q.ascii, "ascii", "a", false, "")
	fs.BoolVarP(&q.bytes, "bytes", "b", false, "")
	fs.BoolVarP(&q.canonicalize, "canonicalize", "c", false, "")
	fs.ArgFunc("direction", "d", "", func(v string) error {
		if v != "forward" && v != "backward" {
			return fmt.Errorf("unknown direction '%s'", v)
		}
		q.backward = v == "backward"
		return nil
	})
	fs.Func("df", "D", "", func() { q.df, q.tree = true, false })
	// Tags are not evaluated (there is no device database), and output
	// never goes to a terminal so nothing is truncated.
	fs.BoolP("evaluate", "e", false, "")
	fs.BoolVarP(&q.firstOnly, "first-only", "f", false, "")
	fs.BoolVarP(&q.fstab, "fstab", "s", false, "")
	fs.PlaceHelp()
	fs.BoolVarP(&q.invert, "invert", "i", false, "")
	fs.Func("json", "J", "", func() { q.format = formatJSON })
	// mountinfo is what we read anyway (but -x checks it then).
	fs.BoolVarP(&q.kernelTab, "kernel", "k", false, "")
	fs.Func("list", "l", "", func() { q.tree = false })
	fs.ArgFunc("mountpoint", "M", "", func(v string) error {
		q.target, q.sourceOnly, q.mountpoint = givenTarget(v), true, true
		return nil
	})
	fs.BoolVarP(&q.kernelTab, "mtab", "m", false, "")
	fs.BoolVarP(&q.noHeadings, "noheadings", "n", false, "")
	fs.BoolP("notruncate", "u", false, "")
	fs.StringVarP(&q.options, "options", "O", "", "")
	fs.ArgFunc("output", "o", "", output.take)
	fs.BoolVarP(outputAll, "output-all", "", false, "")
	fs.OptionalArgFunc("poll", "p", "", unsupported)
	fs.Func("pairs", "P", "", func() { q.format, q.tree = formatPairs, false })
	fs.Func("raw", "r", "", func() { q.format, q.tree = formatRaw, false })
	fs.StringVarP(&q.types, "types", "t", "", "")
	fs.BoolVarP(&q.nocache, "nocanonicalize", "C", false, "")
	fs.BoolVarP(&q.nofsroot, "nofsroot", "v", false, "")
	fs.BoolVarP(&q.submounts, "submounts", "R", false, "")
	fs.ArgFunc("source", "S", "", func(v string) error {
		q.setSource(v)
		q.sourceOnly = true
		return nil
	})
	fs.ArgFunc("tab-file", "F", "", func(v string) error { q.tabFiles = append(q.tabFiles, v); return nil })
	fs.ArgFunc("task", "N", "", func(v string) error {
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return fmt.Errorf("invalid TID argument: '%s'", v)
		}
		q.tid = int32(n)
		return nil
	})
	fs.ArgFunc("target", "T", "", func(v string) error {
		q.target, q.sourceOnly = givenTarget(v), true
		return nil
	})
	// Without --poll (not supported) the timeout is only checked.
	fs.ArgFunc("timeout", "w", "", func(v string) error {
		_, err := int32OrErr(v, "invalid timeout argument")
		return err
	})
	fs.BoolVarP(&q.uniq, "uniq", "U", false, "")
	fs.BoolVarP(&q.verify, "verify", "x", false, "")
	fs.PlaceVersion()
	fs.BoolVarP(&q.shellNames, "shell", "y", false, "")
	fs.BoolVarP(&q.verbose, "verbose", "", false, "")
	fs.BoolVarP(&q.forceTree, "tree", "", false, "")
	fs.BoolVarP(&q.real, "real", "", false, "")
	fs.BoolVarP(&q.pseudo, "pseudo", "", false, "")
	fs.Action("vfs-all", "", "", func() error { return unsupported("", false) })
	fs.BoolVarP(&q.shadowed, "shadowed", "", false, "")
	for _, g := range [][]string{
		{"nocanonicalize", "canonicalize"}, {"nocanonicalize", "evaluate"},
		{"json", "pairs", "raw", "verify"}, {"mountpoint", "target"},
		{"task", "kernel", "mtab", "fstab"}, {"pairs", "list", "raw", "verify"},
		{"poll", "verify"}, {"mtab", "poll", "fstab"}, {"pseudo", "real"},
	} {
		fs.Exclusive(g...)
	}
	return fs
}

// pickColumns sets the columns: the default ones (-D's with -D) or
// (--output-all) all that make sense without --poll, replaced by an -o
// list or extended by one that starts with '+'.
func (q *findmntQuery) pickColumns(output outputSpec, outputAll bool) bool {
	defaults := mntDefaultCols
	if q.df {
		defaults = mntDfCols
	}
	var ids []int
	switch {
	case outputAll:
		for i := range mntCols {
			if !mntCols[i].event {
				ids = append(ids, i)
			}
		}
	default:
		for _, name := range defaults {
			ids = append(ids, mntColIndex(name))
		}
	}
	if output.set {
		var ok bool
		if ids, ok = q.c.columnList(output.list, ids, 2*len(mntCols), mntColIndex); !ok {
			return false
		}
	}
	for _, i := range ids {
		q.cols = append(q.cols, &mntCols[i])
	}
	return true
}

// setSource takes a source to match: "MAJOR:MINOR" matches a device
// number, anything else the source field.
func (q *findmntQuery) setSource(s string) {
	if s == "" {
		s = noSource
	}
	var major, minor uint32
	if n, _ := fmt.Sscanf(s, "%d:%d", &major, &minor); n == 2 {
		q.dev = &[2]uint32{major, minor}
		q.sourceOnly = true
		return
	}
	q.source = s
}

// takeOperands reads [SOURCE|TARGET [TARGET]]; they cannot come with
// -S, -T or -M.
func (q *findmntQuery) takeOperands(operands []string) bool {
	if len(operands) == 0 {
		return true
	}
	if q.source != "" || q.target != "" || q.dev != nil {
		q.c.warnf("options --target and --source can't be used together with command line element that is not an option")
		return false
	}
	if len(operands) == 1 && operands[0] == "" {
		q.target, q.sourceOnly = givenTarget(""), true
		return true
	}
	q.setSource(operands[0])
	if len(operands) > 1 {
		q.target = givenTarget(operands[1])
	}
	return true
}

// givenTarget is a target as libmount looks it up: the empty path is the
// root's mount (findmnt "" and -T "" show /).
func givenTarget(v string) string {
	if v == "" {
		return "/"
	}
	return v
}

// noSource stands for an empty source given: it names no mount (findmnt
// -S "" finds nothing), and mountinfo cannot hold a NUL.
const noSource = "\x00"

// settleLayout decides between tree and list once the filters are
// known: -R on everything is the plain tree; looking for particular
// mounts lists them (unless -R shows what hangs below, or --tree);
// a tag cannot name a mountpoint.
func (q *findmntQuery) settleLayout() {
	if q.submounts && q.everything() {
		q.submounts = false
	}
	if !q.submounts && (q.firstOnly || q.target != "" || q.source != "" || q.dev != nil) {
		q.tree = false
	}
	if q.target == "" && q.source != "" {
		for _, tag := range []string{"LABEL=", "UUID=", "PARTLABEL=", "PARTUUID="} {
			if strings.HasPrefix(q.source, tag) {
				q.sourceOnly = true
			}
		}
	}
	if q.forceTree {
		q.tree = true
	}
	if q.fstab || len(q.tabFiles) > 0 {
		// Only a mount table of the kernel has the IDs a tree needs.
		q.tree = false
	}
}

// mountTable reads the mountinfo of the task -N names, or our own, or
// the files -s and -F name. Paths still resolve in our task.
func (q *findmntQuery) mountTable() (*mntTable, bool) {
	if q.fstab || len(q.tabFiles) > 0 {
		return q.readTabFiles()
	}
	if q.tid == 0 {
		tb := readMountinfo(q.c.Task)
		if tb.err != nil {
			// libmount tried /proc/mounts last.
			q.c.warnf("can't read /proc/mounts: %s", applet.ErrText(tb.err))
			return nil, false
		}
		return tb, true
	}
	name := fmt.Sprintf("/proc/%d/mountinfo", q.tid)
	tb := readMountinfoFile(q.c.Task, name)
	if tb.err != nil {
		q.c.warnf("can't read %s: %s", name, applet.ErrText(tb.err))
		return nil, false
	}
	return tb, true
}

// newTable is the empty output table with the query's columns.
func (q *findmntQuery) newTable() *table {
	out := &table{
		format:   q.format,
		tree:     q.tree,
		noHeader: q.noHeadings,
		varNames: q.shellNames,
		jsonName: "filesystems",
		utf8:     localeIsUTF8(q.c),
		ascii:    q.ascii,
	}
	for _, col := range q.cols {
		out.addCol(col.tableCol(q))
	}
	return out
}

// readTabFiles reads the -F files one after the other into one table,
// or /etc/fstab for -s. A file whose first entry reads as a mountinfo
// line is mountinfo (unless -s says fstab); any other is fstab, whose
// unusable lines are reported and skipped.
func (q *findmntQuery) readTabFiles() (*mntTable, bool) {
	c := q.c
	tb := &mntTable{t: c.Task}
	files := q.tabFiles
	if len(files) == 0 {
		files = []string{"/etc/fstab"}
	}
	for _, name := range files {
		data, err := readFile(c.Task, name)
		if err != nil {
			shown := name
			if len(q.tabFiles) == 0 {
				// util-linux names no file when the default fstab
				// is missing.
				shown = "(null)"
			}
			c.warnf("can't read %s: %s", shown, err.Error())
			return nil, false
		}
		if !q.fstab && looksLikeMountinfo(string(data)) {
			for _, line := range strings.Split(string(data), "\n") {
				if fs := parseMountinfoLine(line); fs != nil {
					tb.fss = append(tb.fss, fs)
				}
			}
			continue
		}
		q.parseErrors += len(fstabBadLines(string(data)))
		tb.fss = append(tb.fss, c.readFstab(name).fss...)
	}
	return tb, true
}

// looksLikeMountinfo is whether the first entry of a table file is a
// mountinfo line (IDs, device number, " - " separator).
func looksLikeMountinfo(data string) bool {
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		return parseMountinfoLine(line) != nil
	}
	return false
}

// noEtc reports a system without /etc at all, as linuxvfs boots: its
