// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// findmnt column IDs, in findmnt's order.
const (
	ulColAction = iota
	ulColAvail
	ulColFreq
	ulColFsroot
	ulColFstype
	ulColFsOptions
	ulColID
	ulColLabel
	ulColMajmin
	ulColOldOptions
	ulColOldTarget
	ulColOptions
	ulColOptFields
	ulColParent
	ulColPartlabel
	ulColPartuuid
	ulColPassno
	ulColPropagation
	ulColSize
	ulColSource
	ulColSources
	ulColTarget
	ulColTID
	ulColUsed
	ulColUseperc
	ulColUUID
	ulColVfsOptions
)

var ulFindmntCols = []struct {
	name  string
	whint float64
	right bool
}{
	ulColAction:      {"ACTION", 10, false},
	ulColAvail:       {"AVAIL", 5, true},
	ulColFreq:        {"FREQ", 1, true},
	ulColFsroot:      {"FSROOT", 0.25, false},
	ulColFstype:      {"FSTYPE", 0.10, false},
	ulColFsOptions:   {"FS-OPTIONS", 0.10, false},
	ulColID:          {"ID", 2, true},
	ulColLabel:       {"LABEL", 0.10, false},
	ulColMajmin:      {"MAJ:MIN", 6, false},
	ulColOldOptions:  {"OLD-OPTIONS", 0.10, false},
	ulColOldTarget:   {"OLD-TARGET", 0.30, false},
	ulColOptions:     {"OPTIONS", 0.10, false},
	ulColOptFields:   {"OPT-FIELDS", 0.10, false},
	ulColParent:      {"PARENT", 2, true},
	ulColPartlabel:   {"PARTLABEL", 0.10, false},
	ulColPartuuid:    {"PARTUUID", 36, false},
	ulColPassno:      {"PASSNO", 1, true},
	ulColPropagation: {"PROPAGATION", 0.10, false},
	ulColSize:        {"SIZE", 5, true},
	ulColSource:      {"SOURCE", 0.25, false},
	ulColSources:     {"SOURCES", 0.25, false},
	ulColTarget:      {"TARGET", 0.30, false},
	ulColTID:         {"TID", 4, true},
	ulColUsed:        {"USED", 5, true},
	ulColUseperc:     {"USE%", 3, true},
	ulColUUID:        {"UUID", 36, false},
	ulColVfsOptions:  {"VFS-OPTIONS", 0.20, false},
}

// findmnt flags (FL_*).
const (
	ulFlEvaluate = 1 << iota
	ulFlCanonicalize
	ulFlFirstonly
	ulFlInvert
	ulFlNoswapmatch
	ulFlNofsroot
	ulFlSubmounts
	ulFlPoll
	ulFlNocache
	ulFlStricttarget
	ulFlVerbose
	ulFlTree
	ulFlRaw
	ulFlJSON
	ulFlExport
	ulFlNoheadings
	ulFlAll
	ulFlBytes
	ulFlReal
	ulFlPseudo
	ulFlShadowed
	ulFlShellvar
	ulFlDF
)

type ulFindmnt struct {
	c       *cmd
	flags   int
	cols    []int
	match   map[int]string
	majmin  [2]uint32
	hasDev  bool
	tid     int32
	tb      *ulTable
	backwrd bool
	rowOf   map[*ulFS]*tableRow // the row printed for each filesystem
}

var ulFindmntOpts = []ulOpt{
	{short: 'A', long: "all"},
	{short: 'a', long: "ascii"},
	{short: 'b', long: "bytes"},
	{short: 'c', long: "canonicalize"},
	{short: 'd', long: "direction", arg: ulReqArg},
	{short: 'D', long: "df"},
	{short: 'e', long: "evaluate"},
	{short: 'f', long: "first-only"},
	{short: 's', long: "fstab"},
	{short: 'h', long: "help"},
	{short: 'i', long: "invert"},
	{short: 'J', long: "json"},
	{short: 'k', long: "kernel"},
	{short: 'l', long: "list"},
	{short: 'M', long: "mountpoint", arg: ulReqArg},
	{short: 'm', long: "mtab"},
	{short: 'n', long: "noheadings"},
	{short: 'u', long: "notruncate"},
	{short: 'O', long: "options", arg: ulReqArg},
	{short: 'o', long: "output", arg: ulReqArg},
	{long: "output-all", id: 1002},
	{short: 'p', long: "poll", arg: ulOptArg},
	{short: 'P', long: "pairs"},
	{short: 'r', long: "raw"},
	{short: 't', long: "types", arg: ulReqArg},
	{short: 'C', long: "nocanonicalize"},
	{short: 'v', long: "nofsroot"},
	{short: 'R', long: "submounts"},
	{short: 'S', long: "source", arg: ulReqArg},
	{short: 'F', long: "tab-file", arg: ulReqArg},
	{short: 'N', long: "task", arg: ulReqArg},
	{short: 'T', long: "target", arg: ulReqArg},
	{short: 'w', long: "timeout", arg: ulReqArg},
	{short: 'U', long: "uniq"},
	{short: 'x', long: "verify"},
	{short: 'V', long: "version"},
	{short: 'y', long: "shell"},
	{long: "verbose", id: 1000},
	{long: "tree", id: 1001},
	{long: "real", id: 1004},
	{long: "pseudo", id: 1003},
	{long: "vfs-all", id: 1005},
	{long: "shadowed", id: 1006},
}

// ulFindmntApplet is findmnt(8) from util-linux 2.38 reading the task's
// mountinfo.
func ulFindmntApplet(c *cmd) int {
	parsed, args, ok := c.ulGetopt(ulFindmntOpts, false)
	if !ok {
		return c.ulTryHelp(1)
	}
	if !c.ulExclusive(parsed, ulFindmntOpts, [][]int{
		{'C', 'c'}, {'C', 'e'}, {'J', 'P', 'r', 'x'}, {'M', 'T'}, {'N', 'k', 'm', 's'},
		{'P', 'l', 'r', 'x'}, {'p', 'x'}, {'m', 'p', 's'}, {1003, 1004},
	}) {
		return 1
	}
	f := &ulFindmnt{c: c, flags: ulFlTree, match: map[int]string{}}
	outarg := ""
	forceTree, ascii := false, false
	for _, p := range parsed {
		switch p.id {
		case 'A':
			f.flags |= ulFlAll
		case 'a':
			ascii = true
		case 'u', 'k':
			// Nothing is truncated when not writing to a terminal;
			// mountinfo is the default.
		case 'b':
			f.flags |= ulFlBytes
		case 'C':
			f.flags |= ulFlNocache
		case 'c':
			f.flags |= ulFlCanonicalize
		case 'd':
			switch p.arg {
			case "forward":
				f.backwrd = false
			case "backward":
				f.backwrd = true
			default:
				c.ulWarn("unknown direction '%s'", p.arg)
				return 1
			}
		case 'e':
			f.flags |= ulFlEvaluate
		case 'i':
			f.flags |= ulFlInvert
		case 'J':
			f.flags |= ulFlJSON
		case 'f':
			f.flags |= ulFlFirstonly
		case 'o':
			outarg = p.arg
		case 1002:
			f.cols = nil
			for id := range ulFindmntCols {
				if id != ulColAction && id != ulColOldOptions && id != ulColOldTarget {
					f.cols = append(f.cols, id)
				}
			}
		case 'O':
			f.match[ulColOptions] = p.arg
		case 'P':
			f.flags |= ulFlExport
			f.flags &^= ulFlTree
		case 'm':
			f.flags &^= ulFlTree
		case 't':
			f.match[ulColFstype] = p.arg
		case 'r':
			f.flags &^= ulFlTree
			f.flags |= ulFlRaw
		case 'l':
			f.flags &^= ulFlTree
		case 'n':
			f.flags |= ulFlNoheadings
		case 'N':
			tid, err := strconv.ParseUint(p.arg, 10, 32)
			if err != nil {
				c.ulWarn("invalid TID argument: '%s'", p.arg)
				return 1
			}
			f.tid = int32(tid)
		case 'v':
			f.flags |= ulFlNofsroot
		case 'R':
			f.flags |= ulFlSubmounts
		case 'S':
			f.setSourceMatch(p.arg)
			f.flags |= ulFlNoswapmatch
		case 'M':
			f.flags |= ulFlStricttarget
			f.match[ulColTarget] = p.arg
			f.flags |= ulFlNoswapmatch
		case 'T':
			f.match[ulColTarget] = p.arg
			f.flags |= ulFlNoswapmatch
		case 'y':
			f.flags |= ulFlShellvar
		case 1000:
			f.flags |= ulFlVerbose
		case 1001:
			forceTree = true
		case 1003:
			f.flags |= ulFlPseudo
		case 1004:
			f.flags |= ulFlReal
		case 1006:
			f.flags |= ulFlShadowed
		case 'h':
			c.ulHelp()
			return 0
		case 'V':
			c.versionLine()
			return 0
		default:
			c.ulWarn("option %s is not supported", p.name)
			return 1
		}
	}
	if len(f.cols) == 0 {
		f.cols = []int{ulColTarget, ulColSource, ulColFstype, ulColOptions}
	}
	if outarg != "" {
		list := outarg
		if strings.HasPrefix(list, "+") {
			list = list[1:]
		} else {
			f.cols = nil
		}
		for _, name := range strings.Split(list, ",") {
			id := -1
			for i, col := range ulFindmntCols {
				if strings.EqualFold(col.name, name) {
					id = i
				}
			}
			if id < 0 {
				c.ulWarn("unknown column: %s", name)
				return 1
			}
			f.cols = append(f.cols, id)
		}
	}
	if len(args) > 0 && (f.match[ulColSource] != "" || f.match[ulColTarget] != "" || f.hasDev) {
		c.ulWarn("options --target and --source can't be used together with command line element that is not an option")
		return 1
	}
	if len(args) > 0 {
		f.setSourceMatch(args[0])
		args = args[1:]
	}
	if len(args) > 0 {
		f.match[ulColTarget] = args[0]
	}
	if f.flags&ulFlSubmounts != 0 && f.listall() {
		f.flags &^= ulFlSubmounts
	}
	if f.flags&ulFlSubmounts == 0 && (f.flags&ulFlFirstonly != 0 || f.match[ulColTarget] != "" || f.match[ulColSource] != "" || f.hasDev) {
		f.flags &^= ulFlTree
	}
	if f.flags&ulFlNoswapmatch == 0 && f.match[ulColTarget] == "" && f.match[ulColSource] != "" {
		x := f.match[ulColSource]
		for _, p := range []string{"LABEL=", "UUID=", "PARTLABEL=", "PARTUUID="} {
			if strings.HasPrefix(x, p) {
				f.flags |= ulFlNoswapmatch
			}
		}
	}
	if f.tid != 0 {
		task := c.Task.Kernel().TaskByTID(f.tid)
		if task == nil {
			c.ulWarn("can't read /proc/%d/mountinfo: %s", f.tid, linux.ENOENT.Error())
			return 1
		}
		f.tb = ulMountinfo(task)
		f.tb.t = c.Task
	} else {
		f.tb = ulMountinfo(c.Task)
	}
	if forceTree {
		f.flags |= ulFlTree
	}
	out := &table{
		tree:     f.flags&ulFlTree != 0,
		noHeader: f.flags&ulFlNoheadings != 0,
		varNames: f.flags&ulFlShellvar != 0,
		jsonName: "filesystems",
		utf8:     localeIsUTF8(c),
		ascii:    ascii,
	}
	switch {
	case f.flags&ulFlJSON != 0:
		out.format = formatJSON
	case f.flags&ulFlExport != 0:
		out.format = formatPairs
	case f.flags&ulFlRaw != 0:
		out.format = formatRaw
	}
	f.rowOf = map[*ulFS]*tableRow{}
	for _, id := range f.cols {
		info := ulFindmntCols[id]
		if id == ulColAction || id == ulColOldOptions || id == ulColOldTarget {
			c.ulWarn("%s column is requested, but --poll is not enabled", info.name)
			return 1
		}
		col := &tableCol{header: info.name, hint: info.whint, right: info.right, tree: id == ulColTarget}
		switch id {
		case ulColID, ulColParent, ulColFreq, ulColPassno, ulColTID:
			col.kind = cellNumber
		case ulColSize, ulColAvail, ulColUsed:
			if f.flags&ulFlBytes != 0 {
				col.kind = cellNumber
			}
		}
		out.addCol(col)
	}
	ok = true
	if out.tree && f.flags&ulFlSubmounts == 0 {
		f.treenode(out, nil, nil)
	} else {
		ok = f.addMatchingLines(out)
		if !ok && f.flags&ulFlNoswapmatch != 0 && f.flags&ulFlStricttarget == 0 && f.match[ulColTarget] != "" {
			f.extraTargetMatch()
			out.rows, out.tops = nil, nil
			f.rowOf = map[*ulFS]*tableRow{}
			ok = f.addMatchingLines(out)
		}
	}
	if !ok {
		return 1
	}
	out.render(c.Out)
	return 0
}

func (f *ulFindmnt) setSourceMatch(s string) {
	var ma, mi uint32
	if n, _ := fmt.Sscanf(s, "%d:%d", &ma, &mi); n == 2 {
		f.majmin = [2]uint32{ma, mi}
		f.hasDev = true
		f.match[ulColMajmin] = s
		f.flags |= ulFlNoswapmatch
		return
	}
	f.match[ulColSource] = s
}

// listall is is_listall_mode.
func (f *ulFindmnt) listall() bool {
	if f.flags&(ulFlDF|ulFlReal|ulFlPseudo) != 0 && f.flags&ulFlAll == 0 {
		return false
	}
	return f.match[ulColSource] == "" && f.match[ulColTarget] == "" &&
		f.match[ulColFstype] == "" && f.match[ulColOptions] == "" && !f.hasDev
}

// matches is match_func.
func (f *ulFindmnt) matches(fs *ulFS) bool {
	rc := f.flags&ulFlInvert != 0
	t := f.c.Task
	if m := f.match[ulColFstype]; m != "" && !ulMatchFstype(fs.fstype, m) {
		return rc
	}
	if m := f.match[ulColOptions]; m != "" && !ulMatchOptions(fs.optstr, m) {
		return rc
	}
	if f.hasDev && (fs.major != f.majmin[0] || fs.minor != f.majmin[1]) {
		return rc
	}
	nocache := f.flags&ulFlNocache != 0
	if m := f.match[ulColTarget]; m != "" {
		if nocache && !ulStreqPaths(fs.target, m) || !nocache && !fs.matchTarget(t, m) {
			return rc
		}
	}
	if m := f.match[ulColSource]; m != "" {
		if nocache && !fs.streqSrcpath(m) || !nocache && !fs.matchSource(t, m) {
			return rc
		}
	}
	if f.flags&ulFlReal != 0 && fs.isPseudo() {
		return rc
	}
	if f.flags&ulFlPseudo != 0 && !fs.isPseudo() {
		return rc
	}
	if f.flags&ulFlShadowed != 0 && f.tb.over(fs) == nil {
		return rc
	}
	return !rc
}

// treenode is create_treenode.
func (f *ulFindmnt) treenode(out *table, fs *ulFS, parent *tableRow) {
	first := false
	if fs == nil {
		fs = f.tb.root()
		if fs == nil {
			return
		}
		parent = nil
		first = true
	} else if f.flags&ulFlSubmounts != 0 && f.hasLine(out, fs) {
		return
	}
	line := parent
	if f.flags&ulFlSubmounts != 0 || f.matches(fs) {
		line = f.addLine(out, fs, parent)
	}
	for _, ch := range f.tb.children(fs) {
		f.treenode(out, ch, line)
	}
	if first && len(f.tb.fss) > len(out.rows) {
		for _, x := range f.tb.fss {
			if !f.hasLine(out, x) && f.matches(x) {
				f.treenode(out, x, nil)
			}
		}
	}
}

func (f *ulFindmnt) hasLine(out *table, fs *ulFS) bool {
	return f.rowOf[fs] != nil
}

// addMatchingLines is add_matching_lines with get_next_fs.
func (f *ulFindmnt) addMatchingLines(out *table) bool {
	n := 0
	fss := f.tb.iter(f.backwrd)
	next := 0
	getNext := func() *ulFS {
		if f.listall() {
			if next >= len(fss) {
				return nil
			}
			next++
			return fss[next-1]
		}
		if f.match[ulColSource] != "" && f.match[ulColFstype] == "" && f.match[ulColOptions] == "" && f.flags&ulFlFirstonly != 0 {
			fs := f.tb.findSource(f.match[ulColSource], f.backwrd)
			if fs == nil && f.flags&ulFlNoswapmatch == 0 {
				fs = f.tb.findTarget(f.match[ulColSource], f.backwrd)
			}
			return fs
		}
		for {
			for next < len(fss) {
				fs := fss[next]
				next++
				if f.matches(fs) {
					return fs
				}
			}
			if f.flags&ulFlNoswapmatch == 0 && f.match[ulColTarget] == "" && f.match[ulColSource] != "" {
				f.match[ulColTarget] = f.match[ulColSource]
				delete(f.match, ulColSource)
				next = 0
				continue
			}
			return nil
		}
	}
	for fs := getNext(); fs != nil; fs = getNext() {
		if out.tree || f.flags&ulFlSubmounts != 0 {
			f.treenode(out, fs, nil)
		} else {
			f.addLine(out, fs, nil)
		}
		n++
		if f.flags&ulFlFirstonly != 0 {
			break
		}
		f.flags |= ulFlNoswapmatch
	}
	return n > 0
}

// extraTargetMatch is enable_extra_target_match: --target of a path
// inside a filesystem matches the mountpoint that holds it.
func (f *ulFindmnt) extraTargetMatch() {
	tgt := f.match[ulColTarget]
	if f.flags&ulFlNocache == 0 {
		tgt = ulCanonicalize(f.c.Task, tgt)
	}
	if fs := f.tb.findMountpoint(tgt, true); fs != nil && fs.target != tgt {
		f.match[ulColTarget] = fs.target
	}
}

func (f *ulFindmnt) addLine(out *table, fs *ulFS, parent *tableRow) *tableRow {
	ln := out.addRow(parent)
	f.rowOf[fs] = ln
	for i, id := range f.cols {
		ln.cells[i] = f.data(fs, id)
	}
	return ln
}

// data is get_data.
func (f *ulFindmnt) data(fs *ulFS, id int) string {
	switch id {
	case ulColSource, ulColSources:
		spec := fs.srcpath()
		if spec != "" && f.flags&ulFlCanonicalize != 0 {
			spec = ulCanonicalize(f.c.Task, spec)
		}
		if spec == "" {
			spec = fs.source
		}
		if fs.root != "" && spec != "" && f.flags&ulFlNofsroot == 0 && fs.root != "/" {
			return spec + "[" + fs.root + "]"
		}
		return spec
	case ulColTarget:
		return fs.target
	case ulColFstype:
		return fs.fstype
	case ulColOptions:
		return fs.optstr
	case ulColVfsOptions:
		return fs.vfsOpts
	case ulColFsOptions:
		return fs.fsOpts
	case ulColOptFields:
		return fs.optFields
	case ulColMajmin:
		if !fs.kernel || fs.major == 0 && fs.minor == 0 {
			return ""
		}
		if f.flags&(ulFlRaw|ulFlExport|ulFlJSON) != 0 {
			return fmt.Sprintf("%d:%d", fs.major, fs.minor)
		}
		return fmt.Sprintf("%3d:%-3d", fs.major, fs.minor)
	case ulColFsroot:
		return fs.root
	case ulColTID:
		if f.tid != 0 {
			return strconv.Itoa(int(f.tid))
		}
	case ulColID:
		if fs.id != 0 {
			return strconv.Itoa(fs.id)
		}
	case ulColParent:
		if fs.parent != 0 {
			return strconv.Itoa(fs.parent)
		}
	case ulColPropagation:
		if fs.kernel {
			fl := fs.propagation()
			s := "private"
			if fl&linux.MS_SHARED != 0 {
				s = "shared"
			}
			if fl&linux.MS_SLAVE != 0 {
				s += ",slave"
			}
			if fl&linux.MS_UNBINDABLE != 0 {
				s += ",unbindable"
			}
			return s
		}
	case ulColFreq, ulColPassno:
		if !fs.kernel {
			return "0"
		}
	case ulColSize, ulColAvail, ulColUsed, ulColUseperc:
		return f.vfsAttr(fs, id)
	}
	return ""
}

// vfsAttr is get_vfs_attr: sizes from statfs of the target.
func (f *ulFindmnt) vfsAttr(fs *ulFS, id int) string {
	st, err := f.c.Task.Statfs(fs.target)
	if err != nil {
		return ""
	}
	var v uint64
	frsize := uint64(st.Frsize)
	if frsize == 0 {
		frsize = uint64(st.Bsize)
	}
	switch id {
	case ulColSize:
		v = frsize * st.Blocks
	case ulColAvail:
		v = frsize * st.Bavail
	case ulColUsed:
		v = frsize * (st.Blocks - st.Bfree)
	case ulColUseperc:
		if st.Blocks == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f%%", float64(st.Blocks-st.Bfree)/float64(st.Blocks)*100)
	}
	if v == 0 {
		return "0"
	}
	if f.flags&ulFlBytes != 0 {
		return strconv.FormatUint(v, 10)
	}
	return ulSizeToHuman(v)
}

// ulSizeToHuman is util-linux's one-letter size form ("1.5G").
func ulSizeToHuman(bytes uint64) string { return size.UtilLinux.Format(bytes) }
