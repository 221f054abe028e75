// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	bytesize "github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// duOpts are du's parsed options.
type duOpts struct {
	all, summarize, total, bytes, human bool
	maxDepth                            int
}

// duApplet is du(1): disk usage in 1K blocks (or bytes with -b, or
// human-readable with -h), counting each inode once and not following
// symlinks.
func duApplet(c *cmd) int {
	fs := c.FlagSet()
	var o duOpts
	fs.BoolVarP(&o.all, "all", "a", false, "files too")
	fs.BoolVarP(&o.summarize, "summarize", "s", false, "only totals")
	fs.BoolVarP(&o.total, "total", "c", false, "grand total")
	fs.BoolVarP(&o.bytes, "bytes", "b", false, "apparent size in bytes")
	fs.BoolVarP(&o.human, "human-readable", "h", false, "human-readable")
	fs.BoolP("k", "k", false, "1K blocks (default)")
	fs.IntVarP(&o.maxDepth, "max-depth", "d", -1, "depth")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if o.summarize {
		o.maxDepth = 0
	}
	if len(ops) == 0 {
		ops = []string{"."}
	}
	d := &duWalk{c: c, w: applet.NewDirWalk(c.Task), o: &o, seen: map[[2]uint64]bool{}}
	var grand int64
	for _, op := range ops {
		grand += d.walk(applet.WalkLoc{Path: op, Name: op}, 0)
		d.w.Close()
	}
	if o.total {
		d.print(grand, "total")
	}
	return d.status
}

// duWalk is one du run.
type duWalk struct {
	c      *cmd
	w      *applet.DirWalk
	o      *duOpts
	seen   map[[2]uint64]bool
	status int
}

// walk returns the usage of l and prints the lines for it.
func (d *duWalk) walk(l applet.WalkLoc, depth int) int64 {
	st, err := d.c.Task.Fstatat(d.w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		d.c.Errorf("cannot access %s: %s", applet.Quote(l.Path), applet.ErrText(err))
		d.status = 1
		return 0
	}
	key := [2]uint64{st.Dev(), st.Ino}
	if d.seen[key] {
		return 0
	}
	d.seen[key] = true
	size := st.Blocks * 512
	if d.o.bytes {
		size = st.Size
	}
	if !applet.IsDir(uint32(st.Mode)) {
		if depth == 0 || (d.o.all && d.shown(depth)) {
			d.print(size, l.Path)
		}
		return size
	}
	size += d.walkDir(l, depth)
	if d.shown(depth) {
		d.print(size, l.Path)
	}
	return size
}

// walkDir returns the usage of the entries of directory l.
func (d *duWalk) walkDir(l applet.WalkLoc, depth int) int64 {
	ents, err := d.w.Enter(l, false)
	if err != nil {
		d.c.Errorf("cannot read directory %s: %s", applet.Quote(l.Path), applet.ErrText(err))
		d.status = 1
		return 0
	}
	var size int64
	for _, e := range ents {
		if d.c.Cancelled() {
			break
		}
		size += d.walk(l.Child(e.Name), depth+1)
	}
	if err := d.w.Leave(); err != nil {
		d.c.Errorf("%s: %s", applet.Quote(l.Path), applet.ErrText(err))
		d.status = 1
	}
	return size
}

func (d *duWalk) shown(depth int) bool { return d.o.maxDepth < 0 || depth <= d.o.maxDepth }

func (d *duWalk) print(size int64, name string) {
	var s string
	switch {
	case d.o.human:
		s = bytesize.Human.Format(uint64(size))
	case d.o.bytes:
		s = strconv.FormatInt(size, 10)
	default:
		s = strconv.FormatInt((size+1023)/1024, 10)
	}
	fmt.Fprintf(d.c.Out, "%s\t%s\n", s, name)
}
