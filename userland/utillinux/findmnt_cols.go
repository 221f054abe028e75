// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/size"
)

// The columns findmnt can print, in the order --output-all lists them
// (alphabetical, as findmnt's own list is). Each knows its header, its
// width hint, its alignment, how JSON prints it and how to compute a
// cell from one mount table entry.

type mntCol struct {
	name  string
	hint  float64
	right bool
	kind  cellKind
	// sized columns are numbers in JSON only with -b (otherwise they
	// hold "1.5M" and such).
	sized bool
	// event columns only mean something while watching the table
	// (--poll, which we do not offer).
	event bool
	cell  func(q *findmntQuery, fs *mntEntry) string
}

var mntCols = []mntCol{
	{name: "ACTION", hint: 10, event: true},
	{name: "AVAIL", hint: 5, right: true, sized: true, cell: spaceCell(func(s fsSpace) uint64 { return s.avail })},
	{name: "FREQ", hint: 1, right: true, kind: cellNumber, cell: fstabNumber(func(fs *mntEntry) int { return fs.freq })},
	{name: "FSROOT", hint: 0.25, cell: func(_ *findmntQuery, fs *mntEntry) string { return fs.root }},
	{name: "FSTYPE", hint: 0.10, cell: func(_ *findmntQuery, fs *mntEntry) string { return fs.fstype }},
	{name: "FS-OPTIONS", hint: 0.10, cell: func(_ *findmntQuery, fs *mntEntry) string { return fsOptionsOf(fs) }},
	{name: "ID", hint: 2, right: true, kind: cellNumber, cell: func(_ *findmntQuery, fs *mntEntry) string { return nonZero(fs.id) }},
	{name: "LABEL", hint: 0.10, cell: noCell},
	{name: "MAJ:MIN", hint: 6, cell: devCell},
	{name: "OLD-OPTIONS", hint: 0.10, event: true},
	{name: "OLD-TARGET", hint: 0.30, event: true},
	{name: "OPTIONS", hint: 0.10, cell: func(_ *findmntQuery, fs *mntEntry) string { return fs.optstr }},
	{name: "OPT-FIELDS", hint: 0.10, cell: func(_ *findmntQuery, fs *mntEntry) string { return fs.optFields }},
	{name: "PARENT", hint: 2, right: true, kind: cellNumber, cell: func(_ *findmntQuery, fs *mntEntry) string { return nonZero(fs.parent) }},
	{name: "PARTLABEL", hint: 0.10, cell: noCell},
	{name: "PARTUUID", hint: 36, cell: noCell},
	{name: "PASSNO", hint: 1, right: true, kind: cellNumber, cell: fstabNumber(func(fs *mntEntry) int { return fs.passno })},
	{name: "PROPAGATION", hint: 0.10, cell: propagationCell},
	{name: "SIZE", hint: 5, right: true, sized: true, cell: spaceCell(func(s fsSpace) uint64 { return s.total })},
	{name: "SOURCE", hint: 0.25, cell: sourceCell},
	// Without a device database SOURCES has nothing to add to SOURCE.
	{name: "SOURCES", hint: 0.25, cell: sourceCell},
	{name: "TARGET", hint: 0.30, cell: func(_ *findmntQuery, fs *mntEntry) string { return fs.target }},
	{name: "TID", hint: 4, right: true, kind: cellNumber, cell: tidCell},
	{name: "USED", hint: 5, right: true, sized: true, cell: spaceCell(func(s fsSpace) uint64 { return s.used })},
	{name: "USE%", hint: 3, right: true, cell: usePercentCell},
	{name: "UUID", hint: 36, cell: noCell},
	{name: "VFS-OPTIONS", hint: 0.20, cell: func(_ *findmntQuery, fs *mntEntry) string { return vfsOptionsOf(fs) }},
}

// mntDefaultCols are the columns without -o; mntDfCols those of -D.
var (
	mntDefaultCols = []string{"TARGET", "SOURCE", "FSTYPE", "OPTIONS"}
	mntDfCols      = []string{"SOURCE", "FSTYPE", "SIZE", "USED", "AVAIL", "USE%", "TARGET"}
)

// mntColIndex is the index in mntCols of the column named name (in any
// case), or -1.
func mntColIndex(name string) int {
	for i := range mntCols {
		if strings.EqualFold(mntCols[i].name, name) {
			return i
		}
	}
	return -1
}

// tableCol is the renderer's view of the column for this query.
func (m *mntCol) tableCol(q *findmntQuery) *tableCol {
	col := &tableCol{header: m.name, hint: m.hint, right: m.right, kind: m.kind, tree: m.name == "TARGET"}
	if m.sized && q.bytes {
		col.kind = cellNumber
	}
	return col
}

func nonZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// noCell is a column about block device identity (labels, UUIDs) that
// this system has no database for: always empty.
func noCell(*findmntQuery, *mntEntry) string { return "" }

// fstabNumber is FREQ or PASSNO: fstab's fields (0 when left out);
// mount tables have no such fields.
func fstabNumber(field func(fs *mntEntry) int) func(*findmntQuery, *mntEntry) string {
	return func(_ *findmntQuery, fs *mntEntry) string {
		if fs.kernel {
			return ""
		}
		return strconv.Itoa(field(fs))
	}
}

// vfsOptionsOf and fsOptionsOf are the options the kernel keeps for the
// mount and those it hands to the filesystem: mountinfo's two fields, or
// an fstab entry's options sorted the way mount(8) would hand them over
// ("defaults" and userspace options go to neither).
func vfsOptionsOf(fs *mntEntry) string {
	if fs.kernel {
		return fs.vfsOpts
	}
	return strings.Join(groupOptions(splitOpts(fs.optstr)).kernel, ",")
}

func fsOptionsOf(fs *mntEntry) string {
	if fs.kernel {
		return fs.fsOpts
	}
	return strings.Join(groupOptions(splitOpts(fs.optstr)).fs, ",")
}

// sourceCell is the mount's source, canonical with -c, with the
// directory of the filesystem it shows in brackets when that is not the
// filesystem's root (a bind mount of a subdirectory), unless -v.
func sourceCell(q *findmntQuery, fs *mntEntry) string {
	src := fs.srcpath()
	if src != "" && q.canonicalize {
		src = canonicalPath(q.c.Task, src)
	}
	if src == "" {
		src = fs.source
	}
	if src == "" || q.nofsroot || fs.root == "" || fs.root == "/" {
		return src
	}
	return src + "[" + fs.root + "]"
}

// devCell is MAJ:MIN: padded around the colon in aligned output, plain
// where the output is meant for programs.
func devCell(q *findmntQuery, fs *mntEntry) string {
	if !fs.kernel || fs.major|fs.minor == 0 {
		return ""
	}
	if q.format == formatAligned {
		return fmt.Sprintf("%3d:%-3d", fs.major, fs.minor)
	}
	return fmt.Sprintf("%d:%d", fs.major, fs.minor)
}

// propagationCell names the mount's propagation type from its optional
// mountinfo fields: shared or private, then slave and unbindable.
func propagationCell(_ *findmntQuery, fs *mntEntry) string {
	if !fs.kernel {
		return ""
	}
	fl := fs.propagation()
	words := []string{"private"}
	if fl&linux.MS_SHARED != 0 {
		words[0] = "shared"
	}
	if fl&linux.MS_SLAVE != 0 {
		words = append(words, "slave")
	}
	if fl&linux.MS_UNBINDABLE != 0 {
		words = append(words, "unbindable")
	}
	return strings.Join(words, ",")
}

// fsSpace is what statfs of a mountpoint says about its room, in bytes.
type fsSpace struct {
	total, avail, used uint64
	blocks, free       uint64 // in blocks, for the percentage
}

// spaceOf is statfs of the mount's target in bytes; false when statfs
// fails there (the cells are then empty).
func spaceOf(q *findmntQuery, fs *mntEntry) (fsSpace, bool) {
	st, err := q.c.Task.Statfs(fs.target)
	if err != nil {
		return fsSpace{}, false
	}
	unit := uint64(st.Frsize)
	if unit == 0 {
		unit = uint64(st.Bsize)
	}
	return fsSpace{
		total:  unit * st.Blocks,
		avail:  unit * st.Bavail,
		used:   unit * (st.Blocks - st.Bfree),
		blocks: st.Blocks,
		free:   st.Bfree,
	}, true
}

// spaceCell is a SIZE-like column: bytes with -b, "1.5M" and such
// otherwise, a plain 0 for nothing.
func spaceCell(pick func(fsSpace) uint64) func(q *findmntQuery, fs *mntEntry) string {
	return func(q *findmntQuery, fs *mntEntry) string {
		sp, ok := spaceOf(q, fs)
		switch n := pick(sp); {
		case !ok:
			return ""
		case n == 0:
			return "0"
		case q.bytes:
			return strconv.FormatUint(n, 10)
		default:
			return sizeToHuman(n)
		}
	}
}

// usePercentCell is USE%: the share of blocks in use, rounded; "-" for
// a filesystem without blocks.
func usePercentCell(q *findmntQuery, fs *mntEntry) string {
	sp, ok := spaceOf(q, fs)
	switch {
	case !ok:
		return ""
	case sp.blocks == 0:
		return "-"
	}
	return fmt.Sprintf("%.0f%%", float64(sp.blocks-sp.free)/float64(sp.blocks)*100)
}

// sizeToHuman is util-linux's one-letter size form ("1.5G").
func sizeToHuman(bytes uint64) string { return size.UtilLinux.Format(bytes) }

// tidCell is the task whose mountinfo was read: -N's, or findmnt's own
// (libmount resolves /proc/self); a table from a file has none.
func tidCell(q *findmntQuery, _ *mntEntry) string {
	switch {
	case q.fstab || len(q.tabFiles) > 0:
		return ""
	case q.tid != 0:
		return nonZero(int(q.tid))
	}
	return nonZero(int(q.c.Task.Getpid()))
}
