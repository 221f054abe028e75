// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// duRun is one du command: the files counted so far and the grand total.
type duRun struct {
	c *cmd
	o *duOpts
	// seen holds the (device, inode) of counted files: of every file
	// when hashAll is set, else of files with several links.
	seen    map[[2]uint64]bool
	hashAll bool
	grand   duInfo
	ok      bool

	// The tree being walked: its directories, their identities (for
	// cycles) and the device of its top (for -x).
	w       *applet.DirWalk
	inside  [][2]uint64
	rootDev uint64
}

// duInfo is an amount of space (or of inodes) and the latest time met.
type duInfo struct {
	size, inodes uint64
	latest       vfs.Timespec
	timed        bool
}

// add adds b to a; the size sticks at its maximum rather than wrap.
func (a *duInfo) add(b duInfo) {
	if a.size+b.size < a.size {
		a.size = ^uint64(0)
	} else {
		a.size += b.size
	}
	a.inodes += b.inodes
	if b.timed && (!a.timed || b.latest.After(a.latest)) {
		a.latest, a.timed = b.latest, true
	}
}

// duNode is what a counted file brings to the directory holding it: its
// own usage and, for a directory, the sums below it (entries directly in
// it, and everything deeper).
type duNode struct {
	own, entries, deeper duInfo
	dir                  bool
}

// walkRoot walks one operand.
func (r *duRun) walkRoot(name string) {
	r.w = applet.NewDirWalk(r.c.Task)
	r.inside = r.inside[:0]
	r.visit(applet.WalkLoc{Path: name, Name: name}, 0)
	r.w.Close()
}

// visit counts the file at l, level directories below its operand, and
// prints its line if it has one. counted is false for a file left out:
// excluded, on another file system, met before, or not there.
func (r *duRun) visit(l applet.WalkLoc, level int) (n duNode, counted bool) {
	if r.o.exclude.excludes(l.Path) {
		return n, false
	}
	st, ok := r.stat(l, level)
	if !ok {
		return n, false
	}
	if level == 0 {
		r.rootDev = st.Dev()
	} else if r.o.oneFS && st.Dev() != r.rootDev {
		return n, false
	}
	n.dir = applet.IsDir(uint32(st.Mode))
	key := [2]uint64{st.Dev(), st.Ino}
	if !r.o.countLinks && (r.hashAll || !n.dir && st.Nlink > 1) {
		if r.seen[key] {
			return n, false
		}
		r.seen[key] = true
	}
	if n.dir && r.inCycle(key) {
		// Only a bind mount of a directory below itself makes one here;
		// du passes over it without a word.
		return n, false
	}
	n.own = r.usage(&st)
	if n.dir {
		r.children(l, level, key, &n)
	}
	r.grand.add(n.own)
	r.report(l.Path, level, &n)
	return n, true
}

// stat is the file's status, following a symbolic link when the
// options say so at this level; a failure is reported.
func (r *duRun) stat(l applet.WalkLoc, level int) (vfs.Statx, bool) {
	follow := r.follows(level)
	flags := linux.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	st, err := r.c.Task.Fstatat(r.w.At(), l.Name, flags)
	if err == nil {
		return st, true
	}
	r.ok = false
	if follow && errors.Is(err, linux.ENOENT) {
		if _, lerr := r.c.Task.Fstatat(r.w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW); lerr == nil {
			// A dangling link: fts says so without an errno.
			r.c.Errorf("cannot access %s", r.c.Quote(l.Path))
			return st, false
		}
	}
	r.c.Errorf("cannot access %s: %s", r.c.Quote(l.Path), applet.ErrText(err))
	return st, false
}

// follows is whether symbolic links are followed at level.
func (r *duRun) follows(level int) bool {
	return r.o.deref == duFollowAll || r.o.deref == duFollowArgs && level == 0
}

// inCycle is whether a directory is one of those it is inside.
func (r *duRun) inCycle(key [2]uint64) bool {
	for _, k := range r.inside {
		if k == key {
			return true
		}
	}
	return false
}

// usage is a file's own usage: its blocks (or size with --apparent-size),
// one inode, and the time --time asks for.
func (r *duRun) usage(st *vfs.Statx) duInfo {
	u := duInfo{size: uint64(st.Blocks) * 512, inodes: 1, timed: true}
	if r.o.apparent {
		u.size = uint64(max(st.Size, 0))
	}
	switch r.o.timeOf {
	case 'a':
		u.latest = st.Atime
	case 'c':
		u.latest = st.Ctime
	default:
		u.latest = st.Mtime
	}
	return u
}

// children counts the entries of directory l into n. A directory that
// cannot be read still counts for itself.
func (r *duRun) children(l applet.WalkLoc, level int, key [2]uint64, n *duNode) {
	ents, err := r.w.Enter(l, r.follows(level))
	if err != nil {
		r.c.Errorf("cannot read directory %s: %s", r.c.Quote(l.Path), applet.ErrText(err))
		r.ok = false
		return
	}
	r.inside = append(r.inside, key)
	for _, e := range ents {
		if r.c.Cancelled() {
			break
		}
		child, counted := r.visit(l.Child(e.Name), level+1)
		if !counted {
			continue
		}
		if !(r.o.separateDirs && child.dir) {
			n.entries.add(child.own)
		}
		if child.dir {
			n.deeper.add(child.entries)
			n.deeper.add(child.deeper)
		}
	}
	r.inside = r.inside[:len(r.inside)-1]
	if err := r.w.Leave(); err != nil {
		r.c.Errorf("%s: %s", r.c.QuoteName(l.Path), applet.ErrText(err))
		r.ok = false
	}
}

// report prints the line of a counted file when the depth, -a and the
// threshold let it through.
func (r *duRun) report(path string, level int, n *duNode) {
	shown := level == 0 || uint64(level) <= r.o.maxDepth && (n.dir || r.o.all)
	if !shown {
		return
	}
	total := n.own
	if n.dir {
		total.add(n.entries)
		if !r.o.separateDirs {
			total.add(n.deeper)
		}
	}
	v := total.size
	if r.o.inodes {
		v = total.inodes
	}
	t := r.o.threshold
	if t < 0 && v <= uint64(-t) || t >= 0 && v >= uint64(t) {
		r.print(total, path)
	}
}
