// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lsOpts are ls's parsed options.
type lsOpts struct {
	all, almostAll, long, dirOnly, inode, recursive bool
	unsorted, reverse, byTime, bySize, numeric      bool
	classify, noOwner, noGroup, blocks              bool
}

// lsEntry is one name ls shows.
type lsEntry struct {
	name   string // as shown: the operand, or the name in its directory
	path   string // where to find it
	st     vfs.Statx
	statOK bool
	ino    uint64
	isDir  bool // a directory to list (operands) or recurse into
	target string
	// cmdline marks operands, whose failures are serious (status 2).
	cmdline bool
}

// lister is one ls run: options, the time "recent" is measured from, and
// the state of the directory headers.
type lister struct {
	c            *cmd
	o            *lsOpts
	now          vfs.Timespec
	status       int
	first        bool
	printDirName bool
}

// lsApplet is ls(1) writing to a non-terminal: one name per line, names
// unquoted, sorted by strcmp as in the C locale.
func lsApplet(c *cmd) int {
	c.usageStatus = 2
	o, ops, ok := c.lsFlags()
	if !ok {
		return 2
	}
	l := &lister{c: c, o: o, now: c.t.Kernel().Now(), first: true}
	if len(ops) == 0 {
		ops = []string{"."}
	}
	var files, dirs []*lsEntry
	for _, op := range ops {
		e, ok := l.gobbleArg(op)
		switch {
		case !ok:
		case e.isDir && !o.dirOnly:
			dirs = append(dirs, e)
		default:
			files = append(files, e)
		}
	}
	l.sort(files)
	l.sort(dirs)
	if len(files) > 0 {
		// coreutils sizes the columns while stat'ing every operand,
		// before it sets the directories aside.
		l.print(files, append(append([]*lsEntry{}, files...), dirs...))
		if len(dirs) > 0 {
			c.out.WriteString("\n")
		}
	}
	l.printDirName = len(files) > 0 || len(ops) > 1
	for len(dirs) > 0 {
		d := dirs[0]
		dirs = append(l.printDir(d), dirs[1:]...)
	}
	return l.status
}

func (c *cmd) lsFlags() (*lsOpts, []string, bool) {
	fs := c.flagSet()
	o := &lsOpts{}
	fs.BoolVarP(&o.all, "all", "a", false, "all")
	fs.BoolVarP(&o.almostAll, "almost-all", "A", false, "almost all")
	fs.BoolVarP(&o.long, "l", "l", false, "long")
	fs.BoolP("1", "1", false, "one per line")
	fs.BoolP("C", "C", false, "ignored")
	fs.BoolVarP(&o.dirOnly, "directory", "d", false, "directories themselves")
	fs.BoolVarP(&o.inode, "inode", "i", false, "inode numbers")
	fs.BoolVarP(&o.recursive, "recursive", "R", false, "recursive")
	fs.BoolVarP(&o.unsorted, "U", "U", false, "directory order")
	fs.BoolVarP(&o.reverse, "reverse", "r", false, "reverse")
	fs.BoolVarP(&o.byTime, "t", "t", false, "by time")
	fs.BoolVarP(&o.bySize, "S", "S", false, "by size")
	fs.BoolVarP(&o.numeric, "numeric-uid-gid", "n", false, "numeric IDs")
	fs.BoolVarP(&o.classify, "classify", "F", false, "indicators")
	fs.BoolVarP(&o.noOwner, "g", "g", false, "no owner")
	fs.BoolVarP(&o.noGroup, "o", "o", false, "no group")
	fs.BoolVarP(&o.blocks, "size", "s", false, "allocated blocks")
	ops, ok := c.parse(fs)
	if o.numeric || o.noOwner || o.noGroup {
		o.long = true
	}
	if o.all {
		o.almostAll = false
	}
	return o, ops, ok
}

// gobbleArg stats an operand. Without -l, -d or -F a symlink to a
// directory is followed; a dangling one is shown as itself.
func (l *lister) gobbleArg(op string) (*lsEntry, bool) {
	e := &lsEntry{name: op, path: op, cmdline: true}
	var err error
	if !(l.o.dirOnly || l.o.long || l.o.classify) {
		e.st, err = l.c.t.Stat(op)
		if err == nil && isDir(uint32(e.st.Mode)) {
			return l.finish(e), true
		}
		if err != nil && !errors.Is(err, linux.ENOENT) && !errors.Is(err, linux.ELOOP) {
			l.fail(true, "cannot access %s: %s", op, err)
			return nil, false
		}
	}
	if e.st, err = l.c.t.Lstat(op); err != nil {
		l.fail(true, "cannot access %s: %s", op, err)
		return nil, false
	}
	return l.finish(e), true
}

// finish fills in what a stat'ed entry shows.
func (l *lister) finish(e *lsEntry) *lsEntry {
	e.statOK = true
	e.ino = e.st.Ino
	e.isDir = isDir(uint32(e.st.Mode))
	if l.o.long && isLink(uint32(e.st.Mode)) {
		e.target, _ = l.c.t.Readlink(e.path)
	}
	return e
}

// fail reports a problem; operands make it serious (status 2).
func (l *lister) fail(serious bool, format, name string, err error) {
	l.c.errorf(format, quote(name), errText(err))
	if serious {
		l.status = 2
	} else if l.status == 0 {
		l.status = 1
	}
}

// printDir lists one directory and returns its subdirectories for -R.
func (l *lister) printDir(d *lsEntry) []*lsEntry {
	ents, err := readDirentsDots(l.c.t, d.path, l.o.all)
	if err != nil {
		l.fail(d.cmdline, "cannot open directory %s: %s", d.path, err)
		return nil
	}
	if l.o.recursive || l.printDirName {
		if !l.first {
			l.c.out.WriteString("\n")
		}
		l.first = false
		l.c.out.WriteString(d.path + ":\n")
	}
	var list []*lsEntry
	for _, de := range ents {
		if de.Name[0] == '.' && !l.o.all && !l.o.almostAll {
			continue
		}
		list = append(list, l.entry(d, de))
	}
	l.sort(list)
	if l.o.long || l.o.blocks {
		l.c.out.WriteString("total " + strconv.FormatInt(totalBlocks(list), 10) + "\n")
	}
	l.print(list, list)
	if !l.o.recursive {
		return nil
	}
	var sub []*lsEntry
	for _, e := range list {
		if e.isDir && e.name != "." && e.name != ".." {
			e.path = fileNameConcat(d.path, e.name) // extract_dirs_from_files
			sub = append(sub, e)
		}
	}
	return sub
}

// entry makes an lsEntry of a directory entry, stat'ing it only when the
// listing needs more than the name, inode and type getdents gives.
func (l *lister) entry(d *lsEntry, de vfs.Dirent) *lsEntry {
	e := &lsEntry{name: de.Name, path: joinPath(d.path, de.Name), ino: de.Ino, isDir: de.Type == linux.DT_DIR}
	if !(l.o.long || l.o.byTime || l.o.bySize || l.o.classify || l.o.blocks) {
		return e
	}
	st, err := l.c.t.Lstat(e.path)
	if err != nil {
		l.fail(false, "cannot access %s: %s", e.path, err)
		return e
	}
	e.st = st
	return l.finish(e)
}

// totalBlocks is the "total" of -l: 512-byte blocks shown in 1K units,
// rounded up.
func totalBlocks(list []*lsEntry) int64 {
	var n int64
	for _, e := range list {
		n += e.st.Blocks
	}
	return kBlocks(n)
}

// sort orders entries by name (strcmp), or time or size, unless -U.
func (l *lister) sort(list []*lsEntry) {
	if l.o.unsorted {
		return
	}
	less := func(a, b *lsEntry) bool { return a.name < b.name }
	switch {
	case l.o.byTime:
		less = func(a, b *lsEntry) bool {
			if a.st.Mtime != b.st.Mtime {
				return tsAfter(a.st.Mtime, b.st.Mtime)
			}
			return a.name < b.name
		}
	case l.o.bySize:
		less = func(a, b *lsEntry) bool {
			if a.st.Size != b.st.Size {
				return a.st.Size > b.st.Size
			}
			return a.name < b.name
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if l.o.reverse {
			return less(list[j], list[i])
		}
		return less(list[i], list[j])
	})
}

// print writes entries one per line, or in the long format, with columns
// as wide as the widest of sizing.
func (l *lister) print(list, sizing []*lsEntry) {
	if l.o.long {
		l.printLong(list, sizing)
		return
	}
	w := widths(sizing)
	for _, e := range list {
		l.c.out.WriteString(l.prefix(e, &w) + e.name + l.indicator(e) + "\n")
	}
}

// widths measures the columns of a listing.
func widths(list []*lsEntry) longWidths {
	var w longWidths
	for _, e := range list {
		w.ino = max(w.ino, len(strconv.FormatUint(e.ino, 10)))
		w.blocks = max(w.blocks, len(strconv.FormatInt(kBlocks(e.st.Blocks), 10)))
		w.nlink = max(w.nlink, len(strconv.FormatUint(uint64(e.st.Nlink), 10)))
		m := uint32(e.st.Mode)
		if isChr(m) || isBlk(m) {
			w.major = max(w.major, len(strconv.FormatUint(uint64(e.st.RdevMajor), 10)))
			w.minor = max(w.minor, len(strconv.FormatUint(uint64(e.st.RdevMinor), 10)))
			w.size = max(w.size, w.major+2+w.minor)
		} else {
			w.size = max(w.size, len(strconv.FormatInt(e.st.Size, 10)))
		}
	}
	return w
}

// prefix is what -i and -s put before an entry.
func (l *lister) prefix(e *lsEntry, w *longWidths) string {
	s := ""
	if l.o.inode {
		s += fmt.Sprintf("%*d ", w.ino, e.ino)
	}
	if l.o.blocks {
		s += fmt.Sprintf("%*d ", w.blocks, kBlocks(e.st.Blocks))
	}
	return s
}

// kBlocks converts 512-byte blocks to 1K blocks, rounding up.
func kBlocks(n int64) int64 { return (n*512 + 1023) / 1024 }

// indicator is -F's suffix.
func (l *lister) indicator(e *lsEntry) string {
	if !l.o.classify || !e.statOK {
		return ""
	}
	m := uint32(e.st.Mode)
	switch {
	case isDir(m):
		return "/"
	case isLink(m):
		return "@"
	case m&linux.S_IFMT == linux.S_IFIFO:
		return "|"
	case m&linux.S_IFMT == linux.S_IFSOCK:
		return "="
	case isReg(m) && m&execAll != 0:
		return "*"
	}
	return ""
}

// longWidths are the column widths of a long listing.
type longWidths struct {
	ino, blocks, nlink, owner, group, size, major, minor int
}

// printLong is ls -l: the columns padded to the widest entry.
func (l *lister) printLong(list, sizing []*lsEntry) {
	w := widths(sizing)
	for _, e := range sizing {
		w.owner = max(w.owner, len(l.owner(e.st.UID)))
		w.group = max(w.group, len(l.owner(e.st.GID)))
	}
	for _, e := range list {
		l.c.out.WriteString(l.longLine(e, &w))
	}
}

func (l *lister) longLine(e *lsEntry, w *longWidths) string {
	var b strings.Builder
	b.WriteString(l.prefix(e, w))
	m := uint32(e.st.Mode)
	fmt.Fprintf(&b, "%s %*d ", modeString(m), w.nlink, e.st.Nlink)
	if !l.o.noOwner {
		b.WriteString(l.ownerColumn(e.st.UID, w.owner))
	}
	if !l.o.noGroup {
		b.WriteString(l.ownerColumn(e.st.GID, w.group))
	}
	if isChr(m) || isBlk(m) {
		pad := max(0, w.size-(w.major+2+w.minor))
		fmt.Fprintf(&b, "%*s%*d, %*d ", pad, "", w.major, e.st.RdevMajor, w.minor, e.st.RdevMinor)
	} else {
		fmt.Fprintf(&b, "%*d ", w.size, e.st.Size)
	}
	b.WriteString(l.date(e.st.Mtime) + " " + e.name + l.indicator(e))
	if isLink(m) && e.target != "" {
		b.WriteString(" -> " + e.target)
	}
	b.WriteString("\n")
	return b.String()
}

// ownerColumn pads an owner or group: names to the left, numbers (IDs
// without a name) to the right, as coreutils' format_user_or_group does.
func (l *lister) ownerColumn(id uint32, width int) string {
	name := l.owner(id)
	if !l.o.numeric && name == "root" {
		return fmt.Sprintf("%-*s ", width, name)
	}
	return fmt.Sprintf("%*s ", width, name)
}

// owner is a user or group column: "root" for 0, otherwise the number.
func (l *lister) owner(id uint32) string {
	if l.o.numeric {
		return strconv.FormatUint(uint64(id), 10)
	}
	return userName(id, "")
}

// date is ls's timestamp: "%b %e %H:%M" within the last six months,
// "%b %e  %Y" for older or future times.
func (l *lister) date(ts vfs.Timespec) string {
	const halfYear = 31556952 / 2
	t := time.Unix(ts.Sec, ts.Nsec).In(time.UTC)
	if tsAfter(ts, l.now) {
		l.now = l.c.t.Kernel().Now() // it may have been modified since ls began
	}
	past := vfs.Timespec{Sec: l.now.Sec - halfYear, Nsec: l.now.Nsec}
	if tsAfter(ts, past) && !tsAfter(ts, l.now) {
		return t.Format("Jan _2 15:04")
	}
	return t.Format("Jan _2  2006")
}
