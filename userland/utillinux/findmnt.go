// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
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

// findmnt's options. Arguments only we know by number (no short form)
// use identifiers above the byte range.
const (
	fmVerbose = 1000 + iota
	fmTree
	fmOutputAll
	fmPseudo
	fmReal
	fmVfsAll
	fmShadowed
)

var findmntOpts = []optSpec{
	{short: 'A', long: "all"},
	{short: 'a', long: "ascii"},
	{short: 'b', long: "bytes"},
	{short: 'c', long: "canonicalize"},
	{short: 'd', long: "direction", arg: reqArg},
	{short: 'D', long: "df"},
	{short: 'e', long: "evaluate"},
	{short: 'f', long: "first-only"},
	{short: 's', long: "fstab"},
	{short: 'h', long: "help"},
	{short: 'i', long: "invert"},
	{short: 'J', long: "json"},
	{short: 'k', long: "kernel"},
	{short: 'l', long: "list"},
	{short: 'M', long: "mountpoint", arg: reqArg},
	{short: 'm', long: "mtab"},
	{short: 'n', long: "noheadings"},
	{short: 'u', long: "notruncate"},
	{short: 'O', long: "options", arg: reqArg},
	{short: 'o', long: "output", arg: reqArg},
	{long: "output-all", id: fmOutputAll},
	{short: 'p', long: "poll", arg: optArg},
	{short: 'P', long: "pairs"},
	{short: 'r', long: "raw"},
	{short: 't', long: "types", arg: reqArg},
	{short: 'C', long: "nocanonicalize"},
	{short: 'v', long: "nofsroot"},
	{short: 'R', long: "submounts"},
	{short: 'S', long: "source", arg: reqArg},
	{short: 'F', long: "tab-file", arg: reqArg},
	{short: 'N', long: "task", arg: reqArg},
	{short: 'T', long: "target", arg: reqArg},
	{short: 'w', long: "timeout", arg: reqArg},
	{short: 'U', long: "uniq"},
	{short: 'x', long: "verify"},
	{short: 'V', long: "version"},
	{short: 'y', long: "shell"},
	{long: "verbose", id: fmVerbose},
	{long: "tree", id: fmTree},
	{long: "real", id: fmReal},
	{long: "pseudo", id: fmPseudo},
	{long: "vfs-all", id: fmVfsAll},
	{long: "shadowed", id: fmShadowed},
}

// findmntConflicts are the option sets of which a command line may use
// one member at most.
var findmntConflicts = [][]int{
	{'C', 'c'}, {'C', 'e'}, {'J', 'P', 'r', 'x'}, {'M', 'T'}, {'N', 'k', 'm', 's'},
	{'P', 'l', 'r', 'x'}, {'p', 'x'}, {'m', 'p', 's'}, {fmPseudo, fmReal},
}

// findmntApplet is findmnt(8): find and list the mounts of the task's
// mount namespace (or another task's, -N) from its mountinfo.
func findmntApplet(c *cmd) int {
	parsed, operands, ok := c.parseOpts(findmntOpts, false)
	if !ok {
		return c.tryHelp(1)
	}
	if !c.exclusiveOpts(parsed, findmntOpts, findmntConflicts) {
		return 1
	}
	q := &findmntQuery{c: c, tree: true}
	done, status := q.takeOptions(parsed)
	if done {
		return status
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

// takeOptions applies the options in command-line order. done is true
// when the command is over (help, version or an error) with status.
func (q *findmntQuery) takeOptions(parsed []optSeen) (done bool, status int) {
	c := q.c
	output, outputAll := "", false
	for _, p := range parsed {
		switch p.id {
		case 'h':
			c.printHelp()
			return true, 0
		case 'V':
			c.versionLine()
			return true, 0
		case 'A':
			q.all = true
		case 'a':
			q.ascii = true
		case 'b':
			q.bytes = true
		case 'C':
			q.nocache = true
		case 'c':
			q.canonicalize = true
		case 'd':
			switch p.arg {
			case "forward", "backward":
				q.backward = p.arg == "backward"
			default:
				c.warnf("unknown direction '%s'", p.arg)
				return true, 1
			}
		case 'e', 'u':
			// Tags are not evaluated (there is no device database),
			// and output never goes to a terminal so nothing is
			// truncated.
		case 'k', 'm':
			// mountinfo is what we read anyway (but -x checks it then).
			q.kernelTab = true
		case fmVerbose:
			q.verbose = true
		case 'D':
			q.df, q.tree = true, false
		case 'U':
			q.uniq = true
		case 'x':
			q.verify = true
		case 'f':
			q.firstOnly = true
		case 'i':
			q.invert = true
		case 'J':
			q.format = formatJSON
		case 'P':
			q.format = formatPairs
			q.tree = false
		case 'r':
			q.format = formatRaw
			q.tree = false
		case 'l':
			q.tree = false
		case 'n':
			q.noHeadings = true
		case 'y':
			q.shellNames = true
		case 'o':
			output = p.arg
		case fmOutputAll:
			outputAll = true
		case 'O':
			q.options = p.arg
		case 't':
			q.types = p.arg
		case 'N':
			n, err := strconv.ParseUint(p.arg, 10, 32)
			if err != nil {
				c.warnf("invalid TID argument: '%s'", p.arg)
				return true, 1
			}
			q.tid = int32(n)
		case 's':
			q.fstab = true
		case 'F':
			q.tabFiles = append(q.tabFiles, p.arg)
		case 'v':
			q.nofsroot = true
		case 'R':
			q.submounts = true
		case 'S':
			q.setSource(p.arg)
			q.sourceOnly = true
		case 'M', 'T':
			q.target = p.arg
			q.sourceOnly = true
			q.mountpoint = q.mountpoint || p.id == 'M'
		case fmTree:
			q.forceTree = true
		case fmPseudo:
			q.pseudo = true
		case fmReal:
			q.real = true
		case fmShadowed:
			q.shadowed = true
		default:
			c.warnf("option %s is not supported", p.name)
			return true, 1
		}
	}
	if q.verify && !q.kernelTab && len(q.tabFiles) == 0 {
		q.fstab = true
	}
	if !q.pickColumns(output, outputAll) {
		return true, 1
	}
	return false, 0
}

// pickColumns sets the columns: the default ones (-D's with -D) or
// (--output-all) all that make sense without --poll, replaced by an -o
// list or extended by one that starts with '+'.
func (q *findmntQuery) pickColumns(output string, outputAll bool) bool {
	defaults := mntDefaultCols
	if q.df {
		defaults = mntDfCols
	}
	switch {
	case outputAll:
		for i := range mntCols {
			if !mntCols[i].event {
				q.cols = append(q.cols, &mntCols[i])
			}
		}
	default:
		for _, name := range defaults {
			col, _ := mntColByName(name)
			q.cols = append(q.cols, col)
		}
	}
	if output == "" {
		return true
	}
	list, extend := strings.CutPrefix(output, "+")
	if !extend {
		q.cols = nil
	}
	for _, name := range strings.Split(list, ",") {
		col, ok := mntColByName(name)
		if !ok {
			q.c.warnf("unknown column: %s", name)
			return false
		}
		q.cols = append(q.cols, col)
	}
	return true
}

// setSource takes a source to match: "MAJOR:MINOR" matches a device
// number, anything else the source field.
func (q *findmntQuery) setSource(s string) {
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
	q.setSource(operands[0])
	if len(operands) > 1 {
		q.target = operands[1]
	}
	return true
}

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
		return readMountinfo(q.c.Task), true
	}
	task := q.c.Task.Kernel().TaskByTID(q.tid)
	if task == nil {
		q.c.warnf("can't read /proc/%d/mountinfo: %s", q.tid, linux.ENOENT.Error())
		return nil, false
	}
	tb := readMountinfo(task)
	tb.t = q.c.Task
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
