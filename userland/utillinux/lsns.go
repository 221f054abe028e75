// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// lsns(8) of util-linux 2.38: the namespaces the processes of /proc are
// in, found by the inode numbers of /proc/<pid>/ns/*. Each namespace is
// shown through its first process (the lowest PID); a namespace whose
// process is a child of the process shown for an earlier row hangs under
// that row in the COMMAND tree, as lsns builds it.

// lsnsKinds are the namespace types in lsns' order of reading them.
var lsnsKinds = []string{"mnt", "net", "pid", "uts", "ipc", "user", "cgroup", "time"}

type lsnsCol struct {
	name  string
	right bool
	kind  cellKind
	cell  func(ns *lsnsNamespace, p *lsnsProc) string
}

var lsnsCols = []lsnsCol{
	{"NS", true, cellNumber, func(ns *lsnsNamespace, _ *lsnsProc) string { return strconv.FormatUint(ns.ino, 10) }},
	{"TYPE", false, cellText, func(ns *lsnsNamespace, _ *lsnsProc) string { return lsnsKinds[ns.kind] }},
	{"PATH", false, cellText, func(ns *lsnsNamespace, p *lsnsProc) string {
		return applet.ProcDir(p.PID) + "/ns/" + lsnsKinds[ns.kind]
	}},
	{"NPROCS", true, cellNumber, func(ns *lsnsNamespace, _ *lsnsProc) string { return strconv.Itoa(len(ns.procs)) }},
	{"PID", true, cellNumber, func(_ *lsnsNamespace, p *lsnsProc) string { return strconv.Itoa(p.PID) }},
	{"PPID", true, cellNumber, func(_ *lsnsNamespace, p *lsnsProc) string { return strconv.Itoa(p.PPID) }},
	{"COMMAND", false, cellText, func(_ *lsnsNamespace, p *lsnsProc) string { return p.Cmdline() }},
	{"UID", true, cellNumber, func(_ *lsnsNamespace, p *lsnsProc) string { return strconv.FormatUint(uint64(p.Owner), 10) }},
	{"USER", false, cellText, nil},
	// No netlink here: a network namespace never has an ID assigned.
	{"NETNSID", true, cellText, func(ns *lsnsNamespace, _ *lsnsProc) string {
		if lsnsKinds[ns.kind] == "net" {
			return "unassigned"
		}
		return ""
	}},
	// Namespace files bound elsewhere are not looked for: always empty.
	{"NSFS", false, cellText, func(*lsnsNamespace, *lsnsProc) string { return "" }},
}

func lsnsColByName(name string) int {
	return slices.IndexFunc(lsnsCols, func(c lsnsCol) bool { return strings.EqualFold(c.name, name) })
}

type lsnsProc struct {
	*applet.Proc
	ns     [8]uint64
	parent *lsnsProc
	row    *tableRow // the last row shown through this process
}

type lsnsNamespace struct {
	ino   uint64
	kind  int
	procs []*lsnsProc // in PID order; the first is the one shown
}

// lsnsRun is one run of lsns.
type lsnsRun struct {
	c                       *cmd
	json, list, raw, noHead bool
	outSpec                 outputSpec
	outAll                  bool
	types                   []bool
	pid                     int
	cols                    []int
}

// lsnsApplet is lsns' entry point.
func lsnsApplet(c *cmd) int {
	r := &lsnsRun{c: c, types: make([]bool, len(lsnsKinds))}
	fs := c.FlagSet()
	fs.Help = lsnsHelp()
	fs.ShortHelp = true
	fs.BoolVarP(&r.json, "json", "J", false, "")
	fs.BoolVarP(&r.list, "list", "l", false, "")
	fs.BoolVarP(&r.noHead, "noheadings", "n", false, "")
	fs.ArgFunc("output", "o", "", r.outSpec.take)
	fs.BoolVar(&r.outAll, "output-all", false, "")
	fs.ArgFunc("task", "p", "", func(v string) error {
		n, err := strconv.ParseUint(v, 10, 31)
		if err != nil || n == 0 {
			return fmt.Errorf("invalid PID argument: '%s'", v)
		}
		r.pid = int(n)
		return nil
	})
	fs.BoolVarP(&r.raw, "raw", "r", false, "")
	fs.ArgFunc("type", "t", "", func(v string) error {
		i := slices.Index(lsnsKinds, v)
		if i < 0 {
			return fmt.Errorf("unknown namespace type: %s", v)
		}
		r.types[i] = true
		return nil
	})
	fs.BoolP("notruncate", "u", false, "")
	fs.BoolP("nowrap", "W", false, "")
	operands, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	var only uint64
	if len(operands) > 0 {
		n, err := strconv.ParseUint(operands[0], 10, 64)
		if err != nil {
			c.warnf("invalid namespace argument: '%s'", operands[0])
			return 1
		}
		only = n
	}
	if !r.pickColumns() {
		return 1
	}
	procs, err := applet.ReadProcs(c.Task)
	if err != nil {
		c.warnf("cannot open /proc: %s", applet.ErrText(err))
		return 1
	}
	spaces := r.namespaces(procs)
	if only != 0 {
		i := slices.IndexFunc(spaces, func(ns *lsnsNamespace) bool { return ns.ino == only })
		if i < 0 {
			c.warnf("not found namespace: %d", only)
			return 1
		}
		r.render(spaces[i:i+1], true)
		return 0
	}
	r.render(spaces, false)
	return 0
}

// pickColumns applies -o and --output-all to the default columns.
func (r *lsnsRun) pickColumns() bool {
	names := []string{"NS", "TYPE", "NPROCS", "PID", "USER"}
	if r.onlyType("net") {
		names = append(names, "NETNSID", "NSFS")
	}
	names = append(names, "COMMAND")
	if r.outAll {
		names = nil
		for _, col := range lsnsCols {
			names = append(names, col.name)
		}
	}
	for _, n := range names {
		r.cols = append(r.cols, lsnsColByName(n))
	}
	if !r.outSpec.set {
		return true
	}
	cols, ok := r.c.columnList(r.outSpec.list, r.cols, 2*len(lsnsCols), lsnsColByName)
	r.cols = cols
	return ok
}

// onlyType is whether -t selected exactly this one type.
func (r *lsnsRun) onlyType(kind string) bool {
	n := 0
	for _, on := range r.types {
		if on {
			n++
		}
	}
	return n == 1 && r.types[slices.Index(lsnsKinds, kind)]
}

// namespaces groups the processes by namespace, sorted by inode number.
func (r *lsnsRun) namespaces(procs []*applet.Proc) []*lsnsNamespace {
	byPID := map[int]*lsnsProc{}
	var all []*lsnsProc
	for _, p := range procs {
		lp := &lsnsProc{Proc: p}
		for k, kind := range lsnsKinds {
			lp.ns[k], _ = applet.NamespaceIno(r.c.Task, p.PID, kind)
		}
		byPID[p.PID] = lp
		all = append(all, lp)
	}
	found := map[uint64]*lsnsNamespace{}
	var spaces []*lsnsNamespace
	for _, lp := range all {
		lp.parent = byPID[lp.PPID]
		for k, ino := range lp.ns {
			if ino == 0 {
				continue
			}
			ns := found[ino]
			if ns == nil {
				ns = &lsnsNamespace{ino: ino, kind: k}
				found[ino] = ns
				spaces = append(spaces, ns)
			}
			ns.procs = append(ns.procs, lp)
		}
	}
	slices.SortStableFunc(spaces, func(a, b *lsnsNamespace) int { return cmp.Compare(a.ino, b.ino) })
	return spaces
}

// wanted is whether a namespace passes -t and -p.
func (r *lsnsRun) wanted(ns *lsnsNamespace) bool {
	if slices.Contains(r.types, true) && !r.types[ns.kind] {
		return false
	}
	return r.pid == 0 || slices.ContainsFunc(ns.procs, func(p *lsnsProc) bool { return p.PID == r.pid })
}

// render prints a row per namespace, or with members a row per process
// of the one namespace given.
func (r *lsnsRun) render(spaces []*lsnsNamespace, members bool) {
	tb := &table{noHeader: r.noHead, jsonName: "namespaces", utf8: localeIsUTF8(r.c)}
	switch {
	case r.json:
		tb.format = formatJSON
	case r.raw:
		tb.format = formatRaw
	}
	for _, id := range r.cols {
		col := lsnsCols[id]
		tree := col.name == "COMMAND" && !r.list
		tb.tree = tb.tree || tree
		tb.addCol(&tableCol{header: col.name, right: col.right, kind: col.kind, tree: tree})
	}
	add := func(ns *lsnsNamespace, p *lsnsProc) {
		var parent *tableRow
		if p.parent != nil {
			parent = p.parent.row
		}
		row := tb.addRow(parent)
		for i, id := range r.cols {
			if cell := lsnsCols[id].cell; cell != nil {
				row.cells[i] = cell(ns, p)
			} else {
				row.cells[i] = applet.UserName(r.c.Task, p.Owner)
			}
		}
		p.row = row
	}
	for _, ns := range spaces {
		switch {
		case members:
			for _, p := range ns.procs {
				add(ns, p)
			}
		case r.wanted(ns):
			add(ns, ns.procs[0])
		}
	}
	tb.render(r.c.Out)
}

// lsnsHelp is --help with the column names.
func lsnsHelp() string {
	var b strings.Builder
	b.WriteString(helpTexts["lsns"])
	b.WriteString("\nColumns for -o, --output:\n ")
	for _, col := range lsnsCols {
		b.WriteString(" " + col.name)
	}
	b.WriteString("\n")
	return b.String()
}
