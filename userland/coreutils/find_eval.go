// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// finder is one run of find.
type finder struct {
	c    *cmd
	w    *applet.DirWalk
	expr findExpr
	// follow is the symlink policy: 'P' (never), 'H' (start points) or
	// 'L' (always).
	follow             byte
	minDepth, maxDepth int
	depth, depthSet    bool
	xdev, delete, quit bool
	regexType          string
	now                vfs.Timespec
	files0             []string
	hasFiles0          bool
	files0From         string
	outputs            map[string]*findOutput
	execs              []*findExec
	okInput            *bufio.Reader
	status             int
	// ancestors are the directories the walk is in, for -L's loop check.
	ancestors []findAncestor
	// fsTypeDev and fsTypeName are the last answer of fsType.
	fsTypeDev   [2]uint32
	fsTypeName  string
	fsTypeKnown bool
}

type findAncestor struct {
	dev, ino uint64
	path     string
}

// findOutput is a file of -fprint and its kin.
type findOutput struct {
	w *bufio.Writer
	f *applet.File
}

// findEntry is the file an expression is evaluated for.
type findEntry struct {
	f     *finder
	path  string // as printed
	name  string // from dirfd
	dirfd int
	depth int
	start string
	st    vfs.Statx // by the symlink policy
	lst   *vfs.Statx
	prune bool
}

// lstat is the entry's own status, not following a symlink.
func (e *findEntry) lstat() vfs.Statx {
	if e.lst == nil {
		st, err := e.f.c.Task.Fstatat(e.dirfd, e.name, linux.AT_SYMLINK_NOFOLLOW)
		if err != nil {
			st = e.st
		}
		e.lst = &st
	}
	return *e.lst
}

// findApplet is find(1).
func findApplet(c *cmd) int {
	f := &finder{c: c, w: applet.NewDirWalk(c.Task), follow: 'P', maxDepth: -1,
		now: c.Task.Kernel().Now(), outputs: map[string]*findOutput{}}
	starts, words, err := f.splitArgs(c.Args)
	if err == nil {
		p := &findParser{f: f, toks: words}
		f.expr, err = p.parse()
	}
	if errors.Is(err, errFindDone) {
		return 0
	}
	if err != nil {
		c.Errorf("%s", err)
		return 1
	}
	if f.hasFiles0 {
		if len(starts) > 0 {
			c.Errorf("extra operand %s", c.QuoteArg(starts[0]))
			c.Errorf("file operands cannot be combined with -files0-from")
			return 1
		}
		if err := f.readFiles0(f.files0From); err != nil {
			c.Errorf("%s", err)
			return 1
		}
		starts = f.files0
	} else if len(starts) == 0 {
		starts = []string{"."}
	}
	for _, s := range starts {
		if f.quit || c.Cancelled() {
			break
		}
		if s == "" {
			c.Errorf("%s: %s", c.QuoteArg(s), applet.ErrText(linux.ENOENT))
			f.status = 1
			continue
		}
		f.visit(applet.WalkLoc{Path: s, Name: s}, 0, s, 0)
		f.w.Close()
	}
	f.finish()
	return f.status
}

// finish runs the pending -exec ... + batches and flushes -fprint files.
func (f *finder) finish() {
	for _, x := range f.execs {
		x.flush(f)
	}
	for _, o := range f.outputs {
		if o.f == nil {
			continue
		}
		if err := o.w.Flush(); err != nil {
			f.c.Errorf("write error: %s", applet.ErrText(err))
			f.status = 1
		}
		o.f.Close()
	}
}

// statEntry stats l by the symlink policy; a dangling link followed is
// the link itself.
func (f *finder) statEntry(l applet.WalkLoc, depth int) (vfs.Statx, error) {
	if f.follow == 'L' || (f.follow == 'H' && depth == 0) {
		st, err := f.c.Task.Fstatat(f.w.At(), l.Name, 0)
		if err == nil || !errors.Is(err, linux.ENOENT) {
			return st, err
		}
	}
	return f.c.Task.Fstatat(f.w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW)
}

// visit evaluates the expression for l and walks into it.
func (f *finder) visit(l applet.WalkLoc, depth int, start string, startDev uint64) {
	if f.quit || f.c.Cancelled() {
		return
	}
	st, err := f.statEntry(l, depth)
	if err != nil {
		f.fail(l.Path, err)
		return
	}
	if depth == 0 {
		startDev = st.Dev()
	}
	e := &findEntry{f: f, path: l.Path, name: l.Name, depth: depth, start: start, st: st}
	if !f.depth && depth >= f.minDepth {
		e.dirfd = f.w.At()
		f.expr.eval(e)
	}
	if applet.IsDir(uint32(st.Mode)) && !e.prune && !f.quit &&
		(f.maxDepth < 0 || depth < f.maxDepth) && !(f.xdev && st.Dev() != startDev) && !f.inLoop(l, &st) {
		f.walkDir(l, depth, start, startDev, &st)
	}
	if f.depth && depth >= f.minDepth && !f.quit {
		e.dirfd = f.w.At()
		e.lst = nil
		f.expr.eval(e)
	}
}

// inLoop reports (under -L) a directory that is one of its ancestors.
func (f *finder) inLoop(l applet.WalkLoc, st *vfs.Statx) bool {
	for _, a := range f.ancestors {
		if a.dev == st.Dev() && a.ino == st.Ino {
			f.c.Errorf("File system loop detected; %s is part of the same file system loop as %s.",
				applet.QuoteArg(l.Path), applet.QuoteArg(a.path))
			f.status = 1
			return true
		}
	}
	return false
}

func (f *finder) walkDir(l applet.WalkLoc, depth int, start string, startDev uint64, st *vfs.Statx) {
	follow := f.follow == 'L' || (f.follow == 'H' && depth == 0)
	ents, err := f.w.Enter(l, follow)
	if err != nil {
		f.fail(l.Path, err)
		return
	}
	f.ancestors = append(f.ancestors, findAncestor{st.Dev(), st.Ino, l.Path})
	for _, d := range ents {
		if f.quit {
			break
		}
		f.visit(l.Child(d.Name), depth+1, start, startDev)
	}
	f.ancestors = f.ancestors[:len(f.ancestors)-1]
	if err := f.w.Leave(); err != nil {
		f.fail(l.Path, err)
	}
}

func (f *finder) fail(name string, err error) {
	f.c.Errorf("%s: %s", applet.QuoteArg(name), applet.ErrText(err))
	f.status = 1
}

// writeName is -print and -print0: the name as it is.
func (f *finder) writeName(w io.Writer, name string, end byte) {
	io.WriteString(w, name)
	w.Write([]byte{end})
}

// isEmpty is -empty: an empty regular file or a directory without
// entries.
func (f *finder) isEmpty(e *findEntry) bool {
	switch {
	case applet.IsDir(uint32(e.st.Mode)):
		return applet.IsEmptyDirAt(f.c.Task, e.dirfd, e.name)
	case applet.IsReg(uint32(e.st.Mode)):
		return e.st.Size == 0
	}
	return false
}

// deleteEntry is -delete: unlink or rmdir; "." is left alone.
func (f *finder) deleteEntry(e *findEntry) bool {
	if e.path == "." {
		return true
	}
	flags := 0
	if applet.IsDir(uint32(e.lstat().Mode)) {
		flags = linux.AT_REMOVEDIR
	}
	if err := f.c.Task.Unlinkat(e.dirfd, e.name, flags); err != nil {
		f.c.Errorf("cannot delete %s: %s", applet.QuoteArg(e.path), applet.ErrText(err))
		f.status = 1
		return false
	}
	return true
}

// otherStat is -xtype's status: followed where find does not follow,
// and the other way round.
func (f *finder) otherStat(e *findEntry) (vfs.Statx, bool) {
	if f.follow == 'L' || (f.follow == 'H' && e.depth == 0) {
		return e.lstat(), true
	}
	if !applet.IsLink(uint32(e.st.Mode)) {
		return e.st, true
	}
	st, err := f.c.Task.Fstatat(e.dirfd, e.name, 0)
	if err != nil {
		return e.st, true
	}
	return st, true
}

// fsType is the type name of the file system holding e, as findutils
// finds it: the type of the last mount in /proc/self/mountinfo whose
// device is e's (so devtmpfs, not the tmpfs its magic number says, and
// a dangling symlink's own file system), "unknown" if none is. The
// answer for the last device asked about is kept, as find keeps it.
func (f *finder) fsType(e *findEntry) string {
	dev := [2]uint32{e.st.DevMajor, e.st.DevMinor}
	if f.fsTypeKnown && f.fsTypeDev == dev {
		return f.fsTypeName
	}
	name, found := "unknown", false
	text, err := f.c.ReadNamed("/proc/self/mountinfo")
	if err == nil {
		for _, line := range strings.Split(string(text), "\n") {
			m, perr := mountinfo.Parse(line)
			if perr == nil && uint32(m.Major) == dev[0] && uint32(m.Minor) == dev[1] {
				name, found = mountinfo.Unescape(m.FSType), true
			}
		}
	}
	f.fsTypeDev, f.fsTypeName, f.fsTypeKnown = dev, name, found
	return name
}

// readFiles0 is -files0-from: the start points, NUL-separated, from a
// file or standard input.
func (f *finder) readFiles0(name string) error {
	var r io.Reader = f.c.Stdin
	if name != "-" {
		file, err := applet.OpenFile(f.c.Task, name, linux.O_RDONLY, 0)
		if err != nil {
			return findErrf("cannot open %s for reading: %s", applet.QuoteArg(name), applet.ErrText(err))
		}
		defer file.Close()
		r = file
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return findErrf("%s: %s", applet.QuoteArg(name), applet.ErrText(err))
	}
	f.files0 = files0Names(data)
	return nil
}

// openOutput opens the file of -fprint and its kin once, truncating it.
func (f *finder) openOutput(name string) (io.Writer, error) {
	switch name {
	case "/dev/stdout":
		return f.c.Out, nil
	case "/dev/stderr":
		return f.c.Errw, nil
	}
	if o, ok := f.outputs[name]; ok {
		return o.w, nil
	}
	file, err := applet.OpenFile(f.c.Task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o666)
	if err != nil {
		return nil, findErrf("%s: %s", applet.QuoteArg(name), applet.ErrText(err))
	}
	o := &findOutput{w: bufio.NewWriter(file), f: file}
	f.outputs[name] = o
	return o.w, nil
}

// execDir is where -execdir runs for e, and the name it passes.
func execDir(e *findEntry) (dir string, name string) {
	if e.depth > 0 {
		return "", "./" + e.name
	}
	p := strings.TrimRight(e.path, "/")
	if p == "" {
		return "/", "/"
	}
	return path.Dir(p), "./" + path.Base(p)
}
