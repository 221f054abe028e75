// SPDX-License-Identifier: Apache-2.0

package utillinux

import "strings"

// Which mount table entries findmnt prints, and where in the tree.

// everything is whether the query lists the whole table: no filter at
// all. --real, --pseudo (and --df) are filters unless -A overrides them.
func (q *findmntQuery) everything() bool {
	if (q.real || q.pseudo || q.df) && !q.all {
		return false
	}
	return q.source == "" && q.target == "" && q.types == "" && q.options == "" && q.dev == nil
}

// wants is whether fs passes every filter (or, with -i, fails one).
func (q *findmntQuery) wants(tb *mntTable, fs *mntEntry) bool {
	return q.passes(tb, fs) != q.invert
}

// passes checks the filters in findmnt's order: type, options, device,
// target, source; then -D (which takes any tmpfs at once, and refuses
// other pseudo file systems), --real, --pseudo and --shadowed.
func (q *findmntQuery) passes(tb *mntTable, fs *mntEntry) bool {
	t := q.c.Task
	switch {
	case q.types != "" && !matchFstype(fs.fstype, q.types),
		q.options != "" && !matchOptions(fs.optstr, q.options),
		q.dev != nil && (fs.major != q.dev[0] || fs.minor != q.dev[1]):
		return false
	}
	if q.target != "" {
		if q.nocache && !streqPaths(fs.target, q.target) || !q.nocache && !fs.matchTarget(t, q.target) {
			return false
		}
	}
	if q.source != "" {
		if q.nocache && !fs.streqSrcpath(q.source) || !q.nocache && !fs.matchSource(t, q.source) {
			return false
		}
	}
	if q.df && !q.all {
		if strings.Contains(fs.fstype, "tmpfs") {
			return true
		}
		if fs.isPseudo() {
			return false
		}
	}
	switch {
	case q.real && fs.isPseudo(),
		q.pseudo && !fs.isPseudo(),
		q.shadowed && tb.over(fs) == nil:
		return false
	}
	return true
}

// uniqTargets is -U (mnt_table_uniq_fs keeping the tree): of the entries
// with one target only the last stays; in a kernel table, what was
// mounted on a dropped entry hangs from that entry's parent instead.
func (tb *mntTable) uniqTargets() {
	for i := len(tb.fss) - 1; i >= 0; i-- {
		fs := tb.fss[i]
		dup := false
		for _, later := range tb.fss[i+1:] {
			if later.matchTarget(tb.t, fs.target) {
				dup = true
				break
			}
		}
		if !dup {
			continue
		}
		if fs.kernel {
			for _, c := range tb.fss {
				if c.parent == fs.id {
					c.parent = fs.parent
				}
			}
		}
		tb.fss = append(tb.fss[:i], tb.fss[i+1:]...)
	}
}

// mntPrinter adds entries of a mount table to the output table, each
// at most once where that matters (-R).
type mntPrinter struct {
	q     *findmntQuery
	tb    *mntTable
	out   *table
	shown map[*mntEntry]bool
}

func (p *mntPrinter) row(fs *mntEntry, under *tableRow) *tableRow {
	r := p.out.addRow(under)
	p.shown[fs] = true
	for i, col := range p.q.cols {
		r.cells[i] = col.cell(p.q, fs)
	}
	return r
}

// hang puts fs under the row above it if it matches, then its children
// under fs's row, or (fs not printed) under that same row above.
func (p *mntPrinter) hang(fs *mntEntry, above *tableRow) {
	if p.q.wants(p.tb, fs) {
		above = p.row(fs, above)
	}
	for _, child := range p.tb.children(fs) {
		p.hang(child, above)
	}
}

// subtree prints fs and every mount below it, whatever they are.
func (p *mntPrinter) subtree(fs *mntEntry, above *tableRow) {
	if p.shown[fs] {
		return
	}
	r := p.row(fs, above)
	for _, child := range p.tb.children(fs) {
		p.subtree(child, r)
	}
}

// fill puts the query's mounts into out; false when there are none to
// print in list mode (the tree of everything never fails).
func (q *findmntQuery) fill(out *table, tb *mntTable) bool {
	p := &mntPrinter{q: q, tb: tb, out: out, shown: map[*mntEntry]bool{}}
	if q.tree && !q.submounts {
		p.wholeTree()
		return true
	}
	if p.list() {
		return true
	}
	// A -T path that is not itself a mountpoint means the mount that
	// holds it (-M does not do that).
	if !q.sourceOnly || q.mountpoint || q.target == "" {
		return false
	}
	path := q.target
	if !q.nocache {
		path = canonicalPath(q.c.Task, path)
	}
	if fs := tb.findMountpoint(path, true); fs != nil && fs.target != path {
		q.target = fs.target
	}
	return p.list()
}

// wholeTree walks down from the root mount; matching mounts a filter
// would cut off from it, and mounts not reachable from the root, start
// trees of their own.
func (p *mntPrinter) wholeTree() {
	root := p.tb.root()
	if root == nil {
		return
	}
	p.hang(root, nil)
	if len(p.out.rows) >= len(p.tb.fss) {
		return
	}
	for _, fs := range p.tb.fss {
		if !p.shown[fs] && p.q.wants(p.tb, fs) {
			p.hang(fs, nil)
		}
	}
}

// list prints the chosen mounts one after the other (with -R each with
// what is below it); false when there were none.
func (p *mntPrinter) list() bool {
	picks := p.q.picks(p.tb)
	if p.q.firstOnly && len(picks) > 1 {
		picks = picks[:1]
	}
	for _, fs := range picks {
		if p.q.submounts {
			p.subtree(fs, nil)
		} else {
			p.row(fs, nil)
		}
	}
	return len(picks) > 0
}

// picks are the entries to list, in the table's order (-d backward:
// reversed). A source that matches nothing is tried as a mountpoint,
// unless the query knows it is a source.
func (q *findmntQuery) picks(tb *mntTable) []*mntEntry {
	all := tb.iter(q.backward)
	if q.everything() {
		return all
	}
	if q.firstOnly && q.source != "" && q.types == "" && q.options == "" {
		// One lookup: by source, else by mountpoint.
		fs := tb.findSource(q.source, q.backward)
		if fs == nil && !q.sourceOnly {
			fs = tb.findTarget(q.source, q.backward)
		}
		if fs == nil {
			return nil
		}
		return []*mntEntry{fs}
	}
	found := q.filter(tb, all)
	if len(found) == 0 && !q.sourceOnly && q.target == "" && q.source != "" {
		q.target, q.source = q.source, ""
		found = q.filter(tb, all)
	}
	return found
}

func (q *findmntQuery) filter(tb *mntTable, fss []*mntEntry) []*mntEntry {
	var out []*mntEntry
	for _, fs := range fss {
		if q.wants(tb, fs) {
			out = append(out, fs)
		}
	}
	return out
}
