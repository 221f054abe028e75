// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lsEntry is one name ls shows.
type lsEntry struct {
	name   string // as shown: the operand, or the name in its directory
	path   string // where to find it
	st     vfs.Statx
	statOK bool
	typ    uint32 // S_IFMT bits, from getdents or stat; 0 if unknown
	ino    uint64
	isDir  bool // a directory to list (operands) or recurse into
	// A symlink's target, and the mode of what it leads to (0 unless
	// an indicator or --group-directories-first needs it).
	target   string
	linkMode uint32
	linkOK   bool
	// cmdline marks operands, whose failures are serious (status 2).
	cmdline bool
}

// lister is one ls run: options, the time "recent" is measured from, and
// the state of the directory headers.
type lister struct {
	c            *cmd
	o            *lsOpts
	q            lsQuoter
	now          vfs.Timespec
	status       int
	first        bool
	printDirName bool
	colors       *lsColors // nil without --color
	usedColor    bool      // the first colour resets the terminal's colours
	// someQuoted: names of the listing that need no quotes get a space
	// in front, to line up with the quoted ones.
	someQuoted bool
}

// measureQuoting notes whether a listing has quoted names, for
// alignQuotes.
func (l *lister) measureQuoting(list []*lsEntry) {
	l.someQuoted = false
	if !l.o.alignQuotes {
		return
	}
	for _, e := range list {
		if _, quoted := l.q.quote(e.name); quoted {
			l.someQuoted = true
			return
		}
	}
}

// lsApplet is ls(1) writing to a non-terminal, in the C locale.
func lsApplet(c *cmd) int {
	c.UsageStatus = 2
	o, ops, status, done := lsParse(c)
	if done {
		return status
	}
	l := &lister{c: c, o: o, now: c.Task.Kernel().Now(), first: true, q: o.quoter()}
	l.loadColors()
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
	l.measureQuoting(append(append([]*lsEntry{}, files...), dirs...))
	l.sort(files)
	l.sort(dirs)
	if len(files) > 0 {
		// coreutils sizes the columns while stat'ing every operand,
		// before it sets the directories aside.
		l.print(files, append(append([]*lsEntry{}, files...), dirs...))
		if len(dirs) > 0 {
			c.Out.WriteString("\n")
		}
	}
	l.printDirName = len(files) > 0 || len(ops) > 1
	for len(dirs) > 0 {
		d := dirs[0]
		dirs = append(l.printDir(d), dirs[1:]...)
	}
	return l.status
}

// loadColors reads LS_COLORS for --color; colours stop tabs from being
// used between columns.
func (l *lister) loadColors() {
	if !l.o.color {
		return
	}
	env := l.c.Getenv("LS_COLORS")
	if env == "" && l.c.Getenv("COLORTERM") == "" && !knownTerminal(l.c.Getenv("TERM")) {
		l.o.color = false
		return
	}
	colors, ok := lsLoadColors(env)
	if !ok {
		l.o.color = false
		l.c.Errorf("unparsable value for LS_COLORS environment variable")
		return
	}
	l.colors = colors
	l.o.tabSize = 0
}

// quoter is how names are quoted: -b also escapes spaces, and the
// indicator characters of -F and --file-type are quoted too.
func (o *lsOpts) quoter() lsQuoter {
	q := lsQuoter{style: o.quoting, qmark: o.qmark}
	if o.quoting == qsEscape {
		q.extra = " "
	}
	switch o.indicator {
	case lsIndFileType:
		q.extra += "*=>@|"
	case lsIndClassify:
		q.extra += "=>@|"
	}
	return q
}

// gobbleArg stats an operand, following it as -H, -L and the
// dereference default say.
func (l *lister) gobbleArg(op string) (*lsEntry, bool) {
	e := &lsEntry{name: op, path: op, cmdline: true}
	if err := l.statEntry(e); err != nil {
		l.fail(true, "cannot access %s: %s", op, err)
		return nil, false
	}
	e.isDir = applet.IsDir(e.typ)
	return e, true
}

// statEntry fills in e's status, following symlinks as the options say.
func (l *lister) statEntry(e *lsEntry) error {
	t := l.c.Task
	var err error
	switch {
	case l.o.deref == lsDerefAlways, e.cmdline && l.o.deref == lsDerefArgs:
		e.st, err = t.Stat(e.path)
	case e.cmdline && l.o.deref == lsDerefArgsToDir:
		e.st, err = t.Stat(e.path)
		if err == nil && applet.IsDir(uint32(e.st.Mode)) {
			break
		}
		if err != nil && !errors.Is(err, linux.ENOENT) {
			return err
		}
		e.st, err = t.Lstat(e.path)
	default:
		e.st, err = t.Lstat(e.path)
	}
	if err != nil {
		return err
	}
	e.statOK = true
	e.ino = e.st.Ino
	e.typ = uint32(e.st.Mode) & linux.S_IFMT
	if applet.IsLink(e.typ) && (l.o.format == lsLong || l.checkLinkMode()) {
		l.readLink(e)
	}
	return nil
}

// checkLinkMode reports whether symlinks' targets are stat'ed for their
// type even without -l.
func (l *lister) checkLinkMode() bool { return l.o.dirsFirst }

// readLink reads a symlink and, when an indicator or grouping needs it,
// the mode of what it leads to.
func (l *lister) readLink(e *lsEntry) {
	target, err := l.c.Task.Readlink(e.path)
	if err != nil {
		l.fail(e.cmdline, "cannot read symbolic link %s: %s", e.path, err)
		return
	}
	e.target = target
	if l.o.indicator >= lsIndFileType || l.checkLinkMode() {
		if st, err := l.c.Task.Stat(e.path); err == nil {
			e.linkOK, e.linkMode = true, uint32(st.Mode)
		}
	}
}

// fail reports a problem; operands make it serious (status 2).
func (l *lister) fail(serious bool, format, name string, err error) {
	l.c.Errorf(format, applet.Quote(name), applet.ErrText(err))
	if serious {
		l.status = 2
	} else if l.status == 0 {
		l.status = 1
	}
}

// printDir lists one directory and returns its subdirectories for -R.
func (l *lister) printDir(d *lsEntry) []*lsEntry {
	// The directory stays open while its entries are looked at, as ls
	// stats each entry as it reads it (/proc/self/fd shows the descriptor).
	fd, err := l.c.Task.Openat(applet.AtCWD, d.path, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
	var ents []vfs.Dirent
	if err == nil {
		ents, err = applet.ReadDirentsFd(l.c.Task, fd, l.o.ignore == lsIgnoreNothing)
		defer l.c.Task.Close(fd)
	}
	if err != nil {
		l.fail(d.cmdline, "cannot open directory %s: %s", d.path, err)
		return nil
	}
	if l.o.recursive || l.printDirName {
		if !l.first {
			l.c.Out.WriteString("\n")
		}
		l.first = false
		name, _ := lsQuoter{style: l.q.style, qmark: l.q.qmark, extra: ":"}.quote(d.path)
		l.c.Out.WriteString(name + ":\n")
	}
	var list []*lsEntry
	for _, de := range ents {
		if !l.ignored(de.Name) {
			list = append(list, l.entry(d, de))
		}
	}
	l.measureQuoting(list)
	l.sort(list)
	if l.o.format == lsLong || l.o.blocks {
		l.c.Out.WriteString("total " + l.blockCount(totalBlocks(list)))
		l.c.Out.WriteByte(l.o.eol)
	}
	l.print(list, list)
	if !l.o.recursive {
		return nil
	}
	var sub []*lsEntry
	for _, e := range list {
		if applet.IsDir(e.typ) && e.name != "." && e.name != ".." {
			e.path = fileNameConcat(d.path, e.name) // extract_dirs_from_files
			e.isDir = true
			sub = append(sub, e)
		}
	}
	return sub
}

// ignored reports whether a directory entry is left out: dot files
// without -a or -A, "." and ".." with -A, and -B, -I and --hide patterns
// (--hide only without -a and -A).
func (l *lister) ignored(name string) bool {
	switch l.o.ignore {
	case lsIgnoreDots:
		if name[0] == '.' {
			return true
		}
		if lsMatchesAny(l.o.hidePats, name) {
			return true
		}
	case lsIgnoreDotDot:
		if name == "." || name == ".." {
			return true
		}
	}
	return lsMatchesAny(l.o.ignorePats, name)
}

// entry makes an lsEntry of a directory entry, stat'ing it only when the
// listing needs more than the name, inode and type getdents gives.
func (l *lister) entry(d *lsEntry, de vfs.Dirent) *lsEntry {
	e := &lsEntry{name: de.Name, path: applet.JoinPath(d.path, de.Name), ino: de.Ino, typ: uint32(de.Type) << 12}
	if d.path == "." {
		e.path = de.Name // as coreutils' attach names it in messages
	}
	if !l.needsStat(e) {
		return e
	}
	if err := l.statEntry(e); err != nil {
		l.fail(false, "cannot access %s: %s", e.path, err)
		e.ino = 0
	}
	return e
}

// needsStat reports whether a directory entry must be stat'ed.
func (l *lister) needsStat(e *lsEntry) bool {
	o := l.o
	if o.format == lsLong || o.sort == lsSortTime || o.sort == lsSortSize || o.scontext || o.blocks || o.color {
		return true
	}
	needsType := o.recursive || o.indicator != lsIndNone || o.dirsFirst
	link := applet.IsLink(e.typ) || e.typ == 0
	switch {
	case (o.inode || needsType) && link && (o.deref == lsDerefAlways || l.checkLinkMode()):
		return true
	case needsType && e.typ == 0:
		return true
	}
	return needsType && applet.IsReg(e.typ) && o.indicator == lsIndClassify
}

// totalBlocks is the sum of the 512-byte blocks of a listing.
func totalBlocks(list []*lsEntry) int64 {
	var n int64
	for _, e := range list {
		if e.statOK {
			n += e.st.Blocks
		}
	}
	return n
}

// blockCount shows a number of 512-byte blocks in -s's units.
func (l *lister) blockCount(n int64) string {
	return l.o.blockStyle.Amount(uint64(n), 512, l.o.blockSize)
}
