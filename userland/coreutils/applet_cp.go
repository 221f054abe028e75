// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"io"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// When cp follows symbolic links in sources.
const (
	derefAlways  = iota // cp without -r, or -L
	derefNever          // -r, -P, -d, -a
	derefCmdline        // -H
)

// cpOpts are cp's parsed options.
type cpOpts struct {
	recursive bool
	oneFS     bool // -x: directories of other file systems copied empty
	deref     int
	// keepMode, keepOwner and keepTimes are --preserve's mode,
	// ownership and timestamps (-p, -a); noMode is --no-preserve=mode,
	// which gives new files the default mode, not the source's.
	keepMode, keepOwner, keepTimes, noMode bool
	// reflink is --reflink=always (a clone, which no file system here
	// makes); sparse is --sparse's never, auto or always.
	reflink bool
	sparse  string
	// removeDest (--remove-destination) unlinks an existing destination
	// first; attrsOnly (--attributes-only) copies no data.
	removeDest, attrsOnly bool
	// needContext is --preserve=context, which needs SELinux.
	needContext bool
	noClobber   bool
	ask         bool // -i: ask before overwriting; -n and -i, the last wins
	force       bool
	verbose     bool
	// hardLink (-l) and symLink (-s) make links to the sources instead
	// of copies; update (-u) leaves destinations not older than their
	// source alone.
	hardLink, symLink, update bool
	// parents (--parents) copies SOURCE to DIRECTORY/SOURCE.
	parents bool
	// links keeps hard links between copied files (--preserve=links).
	links bool
	// moving words -v output as mv does when it has to copy.
	moving bool
	// backup is how a destination file about to be replaced is kept
	// (never a directory, in cp), with the suffix of simple backups.
	backup backupKind
	suffix string
}

// copier copies one command-line operand. first is the directory the
// copy created first: meeting it again as a source means the copy is
// going into itself, which coreutils diagnoses the same way.
type copier struct {
	c              *cmd
	o              *cpOpts
	topSrc, topDst string
	// topDev is the device of the command-line source being copied,
	// for -x.
	topDev    uint64
	firstMade bool
	intoSelf  bool
	// copied maps directories to the names of their copies: the
	// command-line source directories and each operand's first created
	// directory (remember_copied).
	copied map[devIno]string
	// linked maps files with more than one link to their first copy.
	linked map[devIno]string
	// backupName is the backup made of the destination being replaced,
	// for -v.
	backupName string
	// created is what the whole command has made so far.
	created justCreated
	// inKernel says the data goes by copy_file_range, as coreutils
	// copies between files of one file system (the kernel refuses
	// others with EXDEV): its failures are "error copying".
	inKernel bool
}

type devIno struct{ dev, ino uint64 }

// cpApplet is cp(1).
func cpApplet(c *cmd) int {
	o, tg, ops, ok := c.cpFlags()
	if !ok {
		return 1
	}
	srcs, dir, dst, code := c.targets(ops, &tg)
	if code >= 0 {
		return code
	}
	status := 0
	seen := map[seenSource]bool{}
	copied := map[devIno]string{}
	created := justCreated{}
	if dir == "" && o.parents {
		return c.Usage("with --parents, the destination must be a directory")
	}
	for _, src := range srcs {
		d := dst
		var made []madeParent
		if dir != "" {
			d = cpDest(dir, src)
			if len(srcs) > 1 && c.seenBefore(seen, src) {
				continue
			}
			if o.parents {
				var ok bool
				if d, made, ok = c.parentsDest(dir, src, &o); !ok {
					status = 1
					continue
				}
			}
		}
		cp := &copier{c: c, o: &o, topSrc: src, topDst: d, copied: copied, created: created}
		if !cp.copy(src, d, true) {
			status = 1
		}
		if !c.reprotect(made, &o) {
			status = 1
		}
	}
	return status
}

// seenSource identifies a command-line source file.
type seenSource struct {
	dev, ino uint64
	name     string
}

// seenBefore warns about a non-directory source given twice, which cp
// copies only once.
func (c *cmd) seenBefore(seen map[seenSource]bool, src string) bool {
	st, err := c.Task.Stat(src)
	if err != nil || applet.IsDir(uint32(st.Mode)) {
		return false
	}
	k := seenSource{st.Dev(), st.Ino, src}
	if seen[k] {
		c.Errorf("warning: source file %s specified more than once", c.Quote(src))
		return true
	}
	seen[k] = true
	return false
}

func (c *cmd) cpFlags() (cpOpts, targetOpts, []string, bool) {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY\n  or:  cp [OPTION]... -t DIRECTORY SOURCE..."
	fs.About = `Copy the file SOURCE to DEST, or put copies of the SOURCEs in DIRECTORY.`
	var o cpOpts
	var tg targetOpts
	var r, R, a, d, P, L, H, stripSlashes bool
	var backups backupArgs
	o.sparse = "auto"
	addBackupFlags(fs, &backups)
	keep := func(on bool) { o.keepMode, o.keepOwner, o.keepTimes, o.noMode = on, on, on, false }
	fs.BoolVarP(&r, "recursive", "r", false, "copy directories with their contents")
	fs.BoolVarP(&R, "Recursive", "R", false, "the same as -r")
	fs.Func("archive", "a", "copy recursively, keeping links, modes, owners and times (-dR --preserve=all)", func() { a, o.links = true, true; keep(true) })
	fs.Func("d", "d", "copy symbolic links as links and keep hard links", func() { d, o.links = true, true })
	fs.Func("p", "p", "keep mode, owner and times", func() { keep(true) })
	fs.OptionalFunc("preserve", "", "keep the attributes ATTR_LIST names (mode,ownership,timestamps without one)", func(v string, given bool) error {
		if !given {
			keep(true)
			return nil
		}
		return c.preserveList("--preserve", v, &o, true)
	})
	fs.ArgFunc("no-preserve", "", "do not keep the attributes ATTR_LIST names", func(v string) error {
		return c.preserveList("--no-preserve", v, &o, false)
	})
	fs.OptionalFunc("reflink", "", "clone the data (always, auto or never; cloning is never possible here)", func(v string, given bool) error {
		if !given {
			o.reflink = true
			return nil
		}
		k, ok := c.argmatch("--reflink", v, [][]string{{"auto"}, {"always"}, {"never"}})
		if !ok {
			return applet.ErrReported
		}
		o.reflink = k == 1
		return nil
	})
	fs.ArgFunc("sparse", "", "make holes where the source has them (auto), also for zeros (always), or none (never)", func(v string) error {
		words := [][]string{{"never"}, {"auto"}, {"always"}}
		k, ok := c.argmatch("--sparse", v, words)
		if !ok {
			return applet.ErrReported
		}
		o.sparse = words[k][0]
		return nil
	})
	fs.BoolVar(&o.removeDest, "remove-destination", false, "remove each existing destination before copying to it")
	fs.BoolVar(&o.attrsOnly, "attributes-only", false, "copy no data, only the attributes")
	fs.BoolVar(&stripSlashes, "strip-trailing-slashes", false, "drop trailing slashes from every SOURCE")
	fs.BoolVarP(&P, "no-dereference", "P", false, "copy symbolic links as links")
	fs.BoolVarP(&L, "dereference", "L", false, "copy what every symbolic link points to")
	fs.BoolVarP(&H, "H", "H", false, "follow symbolic links named on the command line")
	fs.BoolVarP(&o.force, "force", "f", false, "remove a destination that cannot be opened and try again")
	fs.Func("no-clobber", "n", "skip a destination that exists already", func() { o.noClobber, o.ask = true, false })
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "name each file as it is copied")
	fs.BoolVarP(&o.oneFS, "one-file-system", "x", false, "leave out what is mounted below a SOURCE directory")
	fs.Func("interactive", "i", "ask before overwriting", func() { o.noClobber, o.ask = false, true })
	fs.BoolVarP(&o.hardLink, "link", "l", false, "make hard links to the sources instead of copies")
	fs.BoolVarP(&o.symLink, "symbolic-link", "s", false, "make symbolic links to the sources instead of copies")
	fs.BoolVarP(&o.update, "update", "u", false, "copy only over a destination older than its source, or none")
	fs.BoolVar(&o.parents, "parents", false, "copy each SOURCE to DIRECTORY/SOURCE, making the directories its name needs")
	addTargetFlags(fs, &tg)
	ops, ok := c.Parse(fs)
	o.recursive = r || R || a
	o.deref = derefAlways
	switch {
	case L:
		o.deref = derefAlways
	case H:
		o.deref = derefCmdline
	case P || d || a || (o.recursive && !o.hardLink):
		// cp -rl links what symbolic links point to.
		o.deref = derefNever
	}
	if !ok {
		return o, tg, ops, false
	}
	if stripSlashes {
		for i, op := range ops[:max(len(ops)-1, 0)] {
			if s := strings.TrimRight(op, "/"); s != "" {
				ops[i] = s
			}
		}
	}
	if o.needContext {
		c.Errorf("cannot preserve security context without an SELinux-enabled kernel")
		return o, tg, ops, false
	}
	if o.reflink && o.sparse != "auto" {
		c.Usage("--reflink can be used only with --sparse=auto")
		return o, tg, ops, false
	}
	if o.hardLink && o.symLink {
		c.Usage("cannot make both hard and symbolic links")
		return o, tg, ops, false
	}
	if backups.make && o.noClobber {
		c.Usage("options --backup and --no-clobber are mutually exclusive")
		return o, tg, ops, false
	}
	o.backup, o.suffix, ok = backups.settle(c)
	return o, tg, ops, ok
}

// cpDest names a source's copy inside a target directory.
func cpDest(dir, src string) string {
	base := strings.TrimRight(lastComponent(src), "/")
	if base == ".." {
		base = "."
	}
	return fileNameConcat(dir, base)
}

func (cp *copier) statFlags(cmdline bool) int {
	if cp.o.deref == derefAlways || (cp.o.deref == derefCmdline && cmdline) {
		return 0
	}
	return linux.AT_SYMLINK_NOFOLLOW
}

// copy copies src to dst (copy_internal).
func (cp *copier) copy(src, dst string, cmdline bool) bool {
	c := cp.c
	st, err := c.Task.Fstatat(applet.AtCWD, src, cp.statFlags(cmdline))
	if err != nil {
		c.Errorf("cannot stat %s: %s", c.Quote(src), applet.ErrText(err))
		return false
	}
	mode := uint32(st.Mode)
	if cmdline {
		cp.topDev = st.Dev()
	}
	if applet.IsDir(mode) && !cp.o.recursive {
		c.Errorf("-r not specified; omitting directory %s", c.Quote(src))
		return false
	}
	newDst, skip, ok := cp.checkDest(src, dst, &st)
	if !ok || skip {
		return ok
	}
	if applet.IsDir(mode) {
		if done, ok := cp.copiedBefore(src, dst, &st, cmdline); done {
			return ok
		}
	}
	if done, ok := cp.linkedBefore(src, dst, &st); done {
		return ok
	}
	switch {
	case applet.IsDir(mode):
		ok = cp.copyDir(src, dst, &st, newDst)
	case cp.o.symLink:
		ok = cp.symlinkTo(src, dst)
	case cp.o.hardLink:
		ok = cp.hardLinkTo(src, dst)
	case applet.IsReg(mode) || cp.asRegular(mode):
		ok = cp.copyReg(src, dst, &st, newDst)
	default:
		ok = cp.copySpecial(src, dst, &st)
	}
	if ok && !applet.IsDir(mode) {
		cp.announce(src, dst, false)
		if cmdline {
			cp.created.record(c.Task, dst)
		}
	}
	if ok && cp.o.preserving() && (applet.IsDir(mode) || !(cp.o.hardLink || cp.o.symLink)) {
		ok = cp.preserve(dst, &st)
	}
	return ok
}

// replacingLink reports whether cp -s meets a symbolic link at dst: that
// is never "the same file" as the source it may point to.
func (cp *copier) replacingLink(dst string) bool {
	if !cp.o.symLink {
		return false
	}
	lst, err := cp.c.Task.Lstat(dst)
	return err == nil && applet.IsLink(uint32(lst.Mode))
}

// asRegular is copy_as_regular: without -R a device, fifo or socket is
// read like a file, so "cp /dev/null f" empties f rather than making a
// device node of it.
func (cp *copier) asRegular(mode uint32) bool {
	return !cp.o.recursive && !applet.IsDir(mode) && !applet.IsLink(mode)
}

// hardLinkTo is cp -l on a file: dst becomes another name of src (of
// what a symbolic link src points to, when cp follows links). -f
// replaces an existing dst; otherwise it is EEXIST.
func (cp *copier) hardLinkTo(src, dst string) bool {
	c := cp.c
	flags := 0
	if cp.o.deref == derefAlways {
		flags = linux.AT_SYMLINK_FOLLOW
	}
	err := c.Task.Linkat(applet.AtCWD, src, applet.AtCWD, dst, flags)
	if errors.Is(err, linux.EEXIST) && cp.o.force {
		if err = c.Task.Unlink(dst); err == nil {
			err = c.Task.Linkat(applet.AtCWD, src, applet.AtCWD, dst, flags)
		}
	}
	if err != nil {
		c.Errorf("cannot create hard link %s to %s: %s", applet.Quote(dst), applet.Quote(src), applet.ErrText(err))
		return false
	}
	return true
}

// symlinkTo is cp -s on a file: dst becomes a symbolic link whose text is
// src as given, which only works from the current directory when src is
// relative. -f replaces an existing dst; otherwise it is EEXIST.
func (cp *copier) symlinkTo(src, dst string) bool {
	c := cp.c
	if !strings.HasPrefix(src, "/") && !cp.inCurrentDir(dst) {
		c.Errorf("%s: can make relative symbolic links only in current directory", c.QuoteName(dst))
		return false
	}
	err := c.Task.Symlink(src, dst)
	if errors.Is(err, linux.EEXIST) && cp.o.force {
		if err = c.Task.Unlink(dst); err == nil {
			err = c.Task.Symlink(src, dst)
		}
	}
	if err != nil {
		c.Errorf("cannot create symbolic link %s to %s: %s", applet.Quote(dst), applet.Quote(src), applet.ErrText(err))
		return false
	}
	return true
}

// inCurrentDir reports whether dst names a file in the working directory
// (or cp cannot tell, which copy.c lets pass).
func (cp *copier) inCurrentDir(dst string) bool {
	parent := dirName(dst)
	if parent == "." {
		return true
	}
	dot, err1 := cp.c.Task.Stat(".")
	pst, err2 := cp.c.Task.Stat(parent)
	return err1 != nil || err2 != nil || sameInode(&dot, &pst)
}

// announce is -v: cp names every copy, mv (copying across filesystems)
// the directories it creates and the other files it copies.
func (cp *copier) announce(src, dst string, madeDir bool) {
	switch {
	case !cp.o.verbose:
	case !cp.o.moving:
		cp.c.Out.WriteString(applet.Quote(src) + " -> " + applet.Quote(dst) + backupNote(cp.backupName) + "\n")
		cp.backupName = ""
	case madeDir:
		cp.c.Out.WriteString("created directory " + applet.Quote(dst) + "\n")
	default:
		cp.c.Out.WriteString("copied " + applet.Quote(src) + " -> " + applet.Quote(dst) + backupNote(cp.backupName) + "\n")
		cp.backupName = ""
	}
}

// removed is -v's line for a destination cp unlinked to replace it.
func (cp *copier) removed(dst string) {
	if cp.o.verbose {
		cp.c.Out.WriteString("removed " + applet.Quote(dst) + "\n")
	}
}

// linkedBefore makes dst a hard link to the copy of a file met before
// under another name, when links are kept. done means stop with ok.
func (cp *copier) linkedBefore(src, dst string, st *vfs.Statx) (done, ok bool) {
	if !cp.o.links || applet.IsDir(uint32(st.Mode)) || st.Nlink < 2 {
		return false, true
	}
	k := devIno{st.Dev(), st.Ino}
	first, found := cp.linked[k]
	if !found {
		if cp.linked == nil {
			cp.linked = map[devIno]string{}
		}
		cp.linked[k] = dst
		return false, true
	}
	if err := cp.c.Task.Link(first, dst); err != nil {
		cp.c.Errorf("cannot create hard link %s to %s: %s", applet.Quote(dst), applet.Quote(first), applet.ErrText(err))
		return true, false
	}
	if !cp.o.moving {
		cp.announce(src, dst, false)
	}
	return true, true
}

// checkDest looks at an existing destination: the same-file and type
// mismatch checks, -n, and removing what a special file must replace.
func (cp *copier) checkDest(src, dst string, st *vfs.Statx) (newDst, skip, ok bool) {
	c := cp.c
	mode := uint32(st.Mode)
	flags := 0
	if !applet.IsReg(mode) && !cp.asRegular(mode) {
		flags = linux.AT_SYMLINK_NOFOLLOW
	}
	dt, err := c.Task.Fstatat(applet.AtCWD, dst, flags)
	if err != nil {
		if errors.Is(err, linux.ENOENT) {
			return true, false, true
		}
		c.Errorf("cannot stat %s: %s", c.Quote(dst), applet.ErrText(err))
		return false, false, false
	}
	dmode := uint32(dt.Mode)
	switch {
	case cp.o.hardLink && !applet.IsDir(mode) && sameInode(st, &dt):
		return false, true, true // linked already
	case !cp.replacingLink(dst) && !c.sameFileOK(src, dst, st, &dt, false, cp.o.deref == derefNever):
		c.Errorf("%s and %s are the same file", c.Quote(src), c.Quote(dst))
		return false, false, false
	case cp.o.update && !applet.IsDir(mode) && !olderThan(&dt, st):
		return false, true, true
	case cp.o.noClobber:
		return false, true, true
	case cp.o.ask && !applet.IsDir(mode) && !applet.IsDir(dmode) && !c.Ask("overwrite %s? ", c.Quote(dst)):
		return false, true, true
	case !applet.IsDir(dmode) && cp.created.refuses(c, src, dst):
		return false, false, false
	case applet.IsDir(mode) && !applet.IsDir(dmode):
		c.Errorf("cannot overwrite non-directory %s with directory %s", c.Quote(dst), c.Quote(src))
		return false, false, false
	case !applet.IsDir(mode) && applet.IsDir(dmode):
		c.Errorf("cannot overwrite directory %s with non-directory", c.Quote(dst))
		return false, false, false
	case cp.o.backup != noBackups && !applet.IsDir(dmode):
		name, err := c.backupAside(dst, cp.o.backup, cp.o.suffix)
		cp.backupName = name
		return err == nil, false, err == nil
	case !applet.IsDir(dmode) && cp.o.removeDest,
		!applet.IsDir(mode) && !applet.IsReg(mode) && !cp.asRegular(mode):
		if err := c.Task.Unlink(dst); err != nil {
			c.Errorf("cannot remove %s: %s", c.Quote(dst), applet.ErrText(err))
			return false, false, false
		}
		cp.removed(dst)
		return true, false, true
	}
	return false, false, true
}

// copyReg copies a regular file's data; a new file gets the source's
// permission bits less the umask, an existing one keeps its own.
func (cp *copier) copyReg(src, dst string, st *vfs.Statx, newDst bool) bool {
	c := cp.c
	in, err := applet.OpenFile(c.Task, src, linux.O_RDONLY, 0)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(src), applet.ErrText(err))
		return false
	}
	defer in.Close()
	out, err := cp.openDest(dst, st, newDst)
	if out == nil {
		if err != nil {
			c.Errorf("cannot create regular file %s: %s", c.Quote(dst), applet.ErrText(err))
		}
		return false
	}
	defer out.Close()
	regularDst := false
	if ost, err := c.Task.Fstat(out.Fd); err == nil {
		cp.inKernel = applet.IsReg(uint32(st.Mode)) && ost.Dev() == st.Dev() && cp.o.sparse != "always"
		regularDst = applet.IsReg(uint32(ost.Mode))
	}
	// Holes are made only in a regular file (/dev/null takes the data).
	switch {
	case cp.o.reflink:
		c.Errorf("failed to clone %s from %s: %s", c.Quote(dst), c.Quote(src), applet.ErrText(linux.EOPNOTSUPP))
		return false
	case cp.o.attrsOnly:
		return true
	case cp.o.sparse == "always" && regularDst:
		return cp.copyHoled(in, out, src, dst)
	case cp.o.sparse == "auto" && regularDst && st.Blocks*512 < int64(st.Size):
		return cp.copySparse(in, out, int64(st.Size), src, dst)
	}
	return cp.copyData(in, out, src, dst)
}

// copyHoled is --sparse=always: every block of zeros becomes a hole, and
// the size is set at the end.
func (cp *copier) copyHoled(in, out *applet.File, src, dst string) bool {
	t := cp.c.Task
	buf := make([]byte, 4096)
	var size int64
	for {
		n, err := io.ReadFull(in, buf)
		if n > 0 {
			if allZero(buf[:n]) {
				if _, serr := t.Lseek(out.Fd, int64(n), linux.SEEK_CUR); serr != nil {
					cp.c.Errorf("cannot lseek %s: %s", applet.Quote(dst), applet.ErrText(serr))
					return false
				}
			} else if _, werr := out.Write(buf[:n]); werr != nil {
				cp.c.Errorf("error writing %s: %s", applet.Quote(dst), applet.ErrText(werr))
				return false
			}
			size += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			cp.c.Errorf("error reading %s: %s", applet.Quote(src), applet.ErrText(err))
			return false
		}
	}
	if err := t.Ftruncate(out.Fd, size); err != nil {
		cp.c.Errorf("failed to extend %s: %s", applet.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// copySparse copies a file that has holes (fewer blocks than its size
// needs, infer_scantype's test) region by region with SEEK_DATA and
// SEEK_HOLE, leaving the holes unwritten, as --sparse=auto's lseek_copy
// does; the size is set at the end.
func (cp *copier) copySparse(in, out *applet.File, size int64, src, dst string) bool {
	t := cp.c.Task
	for pos := int64(0); pos < size; {
		data, err := t.Lseek(in.Fd, pos, linux.SEEK_DATA)
		if errors.Is(err, linux.ENXIO) {
			break // only a hole is left
		}
		if err != nil {
			return cp.copyData(in, out, src, dst) // no SEEK_DATA here
		}
		hole, err := t.Lseek(in.Fd, data, linux.SEEK_HOLE)
		if err != nil {
			hole = size
		}
		if _, err := t.Lseek(in.Fd, data, linux.SEEK_SET); err != nil {
			break
		}
		if _, err := t.Lseek(out.Fd, data, linux.SEEK_SET); err != nil {
			break
		}
		cw := &countingWriter{w: out}
		if !cp.copyData(io.LimitReader(in, hole-data), cw, src, dst) {
			return false
		}
		if cw.n < hole-data {
			// The data ended early: a sysfs attribute's size says
			// 4096 for a few bytes. lseek_copy takes the file to
			// have shrunk there.
			size = data + cw.n
			break
		}
		pos = hole
	}
	if err := t.Ftruncate(out.Fd, size); err != nil {
		cp.c.Errorf("failed to extend %s: %s", applet.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

// openDest opens or creates the destination file. A nil file with a nil
// error means the problem was already reported.
func (cp *copier) openDest(dst string, st *vfs.Statx, newDst bool) (*applet.File, error) {
	c := cp.c
	if !newDst {
		flags := uint32(linux.O_WRONLY | linux.O_TRUNC)
		if cp.o.attrsOnly {
			flags = linux.O_WRONLY // its data stays
		}
		f, err := applet.OpenFile(c.Task, dst, flags, 0)
		if err == nil || !cp.o.force {
			return f, err
		}
		if err := c.Task.Unlink(dst); err != nil {
			return nil, err
		}
		cp.removed(dst)
	}
	mode := uint32(st.Mode) & applet.RwxUGO
	if cp.o.noMode {
		mode = 0o666
	}
	if cp.o.keepMode && cp.o.keepOwner {
		// copy_internal withholds the group's and others' permissions
		// until the owner is set (-p sets the mode after the data).
		mode &^= 0o077
	}
	f, err := applet.OpenFile(c.Task, dst, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, mode)
	switch {
	case errors.Is(err, linux.EEXIST):
		if _, lerr := c.Task.Readlink(dst); lerr == nil {
			c.Errorf("not writing through dangling symlink %s", c.Quote(dst))
			return nil, nil
		}
	case errors.Is(err, linux.EISDIR) && strings.HasSuffix(dst, "/"):
		err = linux.ENOTDIR
	}
	return f, err
}

func (cp *copier) copyData(in io.Reader, out io.Writer, src, dst string) bool {
	buf := make([]byte, 64<<10)
	for {
		n, err := in.Read(buf)
		if n > 0 {
			if _, werr := out.Write(buf[:n]); werr != nil {
				cp.dataError("error writing %s", dst, src, werr)
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			cp.dataError("error reading %s", src, dst, err)
			return false
		}
	}
}

// dataError reports a failed read or write, in copy_file_range's words
// when the kernel was copying.
func (cp *copier) dataError(format, name, other string, err error) {
	if cp.inKernel {
		src, dst := name, other
		if strings.HasPrefix(format, "error writing") {
			src, dst = other, name
		}
		cp.c.Errorf("error copying %s to %s: %s", applet.Quote(src), applet.Quote(dst), applet.ErrText(err))
		return
	}
	cp.c.Errorf(format+": %s", applet.Quote(name), applet.ErrText(err))
}

// copyDir creates the destination directory if needed and copies the
// entries in inode order, as coreutils' savedir sorts them.
func (cp *copier) copyDir(src, dst string, st *vfs.Statx, newDst bool) bool {
	c := cp.c
	restore, dmode := false, uint32(0)
	if newDst {
		var ok bool
		if restore, dmode, ok = cp.makeDir(dst, st); !ok {
			return false
		}
	}
	// A directory that exists already is not named by -v.
	if newDst {
		cp.announce(src, dst, newDst)
	}
	if cp.o.oneFS && st.Dev() != cp.topDev {
		// -x: a mount point is copied as an empty directory.
		return cp.finishDir(dst, st, newDst, restore, dmode)
	}
	ents, err := applet.ReadDirents(c.Task, src)
	if err != nil {
		c.Errorf("cannot access %s: %s", c.Quote(src), applet.ErrText(err))
		return false
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Ino < ents[j].Ino })
	ok := true
	for _, e := range ents {
		if c.Cancelled() {
			return false
		}
		ok = cp.copy(applet.JoinPath(src, e.Name), applet.JoinPath(dst, e.Name), false) && ok
		if cp.intoSelf {
			cp.finishDir(dst, st, newDst, restore, dmode)
			return false
		}
	}
	return cp.finishDir(dst, st, newDst, restore, dmode) && ok
}

// makeDir makes a directory copy writable and searchable while it is
// filled; it reports whether the mode must be restored afterwards.
func (cp *copier) makeDir(dst string, st *vfs.Statx) (restore bool, mode uint32, ok bool) {
	c := cp.c
	omitted := uint32(0o022)
	mkMode := uint32(st.Mode) & applet.ModeBits
	if cp.o.noMode {
		mkMode = 0o777 // --no-preserve=mode: the default mode
	}
	if err := c.Task.Mkdir(dst, mkMode&^omitted); err != nil {
		c.Errorf("cannot create directory %s: %s", c.Quote(dst), applet.ErrText(err))
		return false, 0, false
	}
	dt, err := c.Task.Lstat(dst)
	if err != nil {
		c.Errorf("cannot stat %s: %s", c.Quote(dst), applet.ErrText(err))
		return false, 0, false
	}
	if !cp.firstMade {
		cp.firstMade = true
		k := devIno{dt.Dev(), dt.Ino}
		if _, ok := cp.copied[k]; !ok {
			cp.copied[k] = dst
		}
	}
	mode = uint32(dt.Mode) & applet.ModeBits
	if mode&0o700 != 0o700 {
		if err := c.Task.Chmod(dst, mode|0o700); err != nil {
			c.Errorf("setting permissions for %s: %s", c.Quote(dst), applet.ErrText(err))
			return false, 0, false
		}
		return true, mode, true
	}
	return false, mode, true
}

// finishDir re-adds the group and other write bits mkdir was not given
// (less the umask) and undoes makeDir's temporary u+rwx.
func (cp *copier) finishDir(dst string, st *vfs.Statx, newDst, restore bool, mode uint32) bool {
	if !newDst || cp.o.keepMode {
		return true
	}
	omitted := uint32(st.Mode) & 0o022 &^ cp.c.Task.GetUmask()
	if !restore && omitted&^mode == 0 {
		return true
	}
	if err := cp.c.Task.Chmod(dst, mode|omitted); err != nil {
		cp.c.Errorf("preserving permissions for %s: %s", applet.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

// copySpecial recreates a symlink, fifo, socket or device node.
func (cp *copier) copySpecial(src, dst string, st *vfs.Statx) bool {
	c := cp.c
	mode := uint32(st.Mode)
	if applet.IsLink(mode) {
		target, err := c.Task.Readlink(src)
		if err == nil {
			err = c.Task.Symlink(target, dst)
		}
		if err != nil {
			c.Errorf("cannot create symbolic link %s: %s", c.Quote(dst), applet.ErrText(err))
			return false
		}
		return true
	}
	err := c.Task.Mknodat(applet.AtCWD, dst, mode&(linux.S_IFMT|applet.ModeBits), st.Rdev())
	if err != nil {
		what := "special file"
		if mode&linux.S_IFMT == linux.S_IFIFO {
			what = "fifo"
		}
		c.Errorf("cannot create %s %s: %s", what, c.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

// preserving reports whether any of mode, owner and times is kept.
func (o *cpOpts) preserving() bool { return o.keepMode || o.keepOwner || o.keepTimes }

// preserveList is decode_preserve_arg: --preserve's or --no-preserve's
// comma-separated attributes turned on or off.
func (c *cmd) preserveList(opt, list string, o *cpOpts, on bool) error {
	words := [][]string{{"mode"}, {"timestamps"}, {"ownership"}, {"links"}, {"context"}, {"xattr"}, {"all"}}
	for _, w := range strings.Split(list, ",") {
		k, ok := c.argmatch(opt, w, words)
		if !ok {
			return applet.ErrReported
		}
		switch words[k][0] {
		case "mode":
			o.keepMode, o.noMode = on, !on
		case "timestamps":
			o.keepTimes = on
		case "ownership":
			o.keepOwner = on
		case "links":
			o.links = on
		case "context":
			o.needContext = on
		case "all":
			o.keepMode, o.keepTimes, o.keepOwner, o.links, o.noMode = on, on, on, on, !on
		}
	}
	return nil
}

// preserve is -p and --preserve: timestamps, then ownership, then
// permissions, those asked for.
func (cp *copier) preserve(dst string, st *vfs.Statx) bool {
	c := cp.c
	times := [2]vfs.Timespec{st.Atime, st.Mtime}
	if cp.o.keepTimes {
		if err := c.Task.Utimensat(applet.AtCWD, dst, &times, linux.AT_SYMLINK_NOFOLLOW); err != nil {
			c.Errorf("preserving times for %s: %s", c.Quote(dst), applet.ErrText(err))
			return false
		}
	}
	mode := uint32(st.Mode) & applet.ModeBits
	if cp.o.keepOwner {
		kept, err := c.keepOwner(dst, st.UID, st.GID, linux.AT_SYMLINK_NOFOLLOW)
		if err != nil {
			c.Errorf("failed to preserve ownership for %s: %s", c.Quote(dst), applet.ErrText(err))
			return false
		}
		if !kept {
			// Another owner's set-ID bits are not for the copier to give.
			mode &^= linux.S_ISUID | linux.S_ISGID | linux.S_ISVTX
		}
	}
	if applet.IsLink(uint32(st.Mode)) || !cp.o.keepMode {
		return true
	}
	if err := c.setPermissions(dst, mode); err != nil {
		c.Errorf("preserving permissions for %s: %s", c.Quote(dst), applet.ErrText(err))
		return false
	}
	return true
}

// keepOwner gives dst the owner and group uid:gid, unless it has them.
// A caller without root's euid may fail to (EPERM, EINVAL): then dst
// gets the group alone if it can, kept is false and err nil, as cp
// only complains of that to root (coreutils' chown_failure_ok).
func (c *cmd) keepOwner(dst string, uid, gid uint32, flags int) (kept bool, err error) {
	if cur, err := c.Task.Fstatat(applet.AtCWD, dst, flags); err == nil && cur.UID == uid && cur.GID == gid {
		return true, nil
	}
	err = c.Task.Fchownat(applet.AtCWD, dst, uid, gid, flags)
	if err == nil {
		return true, nil
	}
	if c.Task.Geteuid() == 0 || !(errors.Is(err, linux.EPERM) || errors.Is(err, linux.EINVAL)) {
		return false, err
	}
	c.Task.Fchownat(applet.AtCWD, dst, ^uint32(0), gid, flags)
	return false, nil
}

// setPermissions gives dst the permission bits of mode as cp does it
// where files take POSIX ACLs (tmpfs, ext2-4): a mode without set-ID or
// sticky bits is written as an access ACL, which replaces the rwx bits
// and leaves those dst has (a setgid inherited from the parent, the
// sticky bit mkdir kept); the kernel still drops setgid for a caller
// outside the group without CAP_FSETID, as chmod(2) does.
func (c *cmd) setPermissions(dst string, mode uint32) error {
	if mode&(linux.S_ISUID|linux.S_ISGID|linux.S_ISVTX) == 0 {
		if cur, err := c.Task.Lstat(dst); err == nil {
			mode |= uint32(cur.Mode) & (linux.S_ISUID | linux.S_ISGID | linux.S_ISVTX)
		}
	}
	return c.Task.Chmod(dst, mode)
}

// copiedBefore looks a source directory up among those copied already
// (copy_internal's earlier_file): copying a directory into itself, or a
// second time through another name, is refused. done means stop with ok.
func (cp *copier) copiedBefore(src, dst string, st *vfs.Statx, cmdline bool) (done, ok bool) {
	c := cp.c
	k := devIno{st.Dev(), st.Ino}
	earlier, found := cp.copied[k]
	if !found {
		if cmdline {
			cp.copied[k] = dst
		}
		return false, true
	}
	switch {
	case c.sameNameNoFollow(src, earlier):
		c.Errorf("cannot copy a directory, %s, into itself, %s", c.Quote(cp.topSrc), c.Quote(cp.topDst))
		cp.intoSelf = true
		return true, false
	case c.sameNameNoFollow(dst, earlier):
		c.Errorf("warning: source directory %s specified more than once", c.Quote(cp.topSrc))
		return true, true
	case cp.o.deref == derefAlways || (cmdline && cp.o.deref == derefCmdline):
		return false, true
	}
	c.Errorf("will not create hard link %s to directory %s", c.Quote(dst), c.Quote(earlier))
	return true, false
}

// olderThan is -u's test: whether a's modification time is before b's.
func olderThan(a, b *vfs.Statx) bool {
	if a.Mtime.Sec != b.Mtime.Sec {
		return a.Mtime.Sec < b.Mtime.Sec
	}
	return a.Mtime.Nsec < b.Mtime.Nsec
}

// countingWriter counts what passes through it to w.
type countingWriter struct {
	w io.Writer
	n int64
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}
