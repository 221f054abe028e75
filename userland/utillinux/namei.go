// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

const nameiHelp = `Usage: namei [options] <pathname>...
Follow each pathname to its end, one line a component: its type (or
mode), and what each symbolic link met on the way leads to.

  -x, --mountpoints   show mount point directories with a 'D'
  -m, --modes         the whole mode, as ls shows it
  -o, --owners        owner and group
  -l, --long          -m -o -v
  -n, --nosymlinks    do not follow symbolic links
  -v, --vertical      line up the modes, indenting the names
  -h, --help          show this help;  -V, --version: the version
`

// nameiMaxLinks is MAXSYMLINKS of namei.c: the links followed for one
// pathname before it gives up.
const nameiMaxLinks = 20

// nameiNode is one component met on the way.
type nameiNode struct {
	name  string
	level int // how many symbolic links deep
	st    vfs.Statx
	err   error // lstat's, when it failed
	// link is the text a symbolic link holds, and linkPath the path
	// that text names from the working directory (its directory
	// prepended when it is relative).
	link, linkPath string
	linkStart      int // where link starts in linkPath
	mountpoint     bool
}

type nameiRun struct {
	c                                     *cmd
	modes, owners, vertical, mnts, noLink bool
	// userWidth and groupWidth are the widest owner and group names met
	// so far, over all the pathnames (namei's id cache).
	userWidth, groupWidth int
}

// nameiApplet is namei(1) of util-linux 2.38.
func nameiApplet(c *cmd) int {
	r := &nameiRun{c: c}
	fs := c.FlagSet()
	fs.Help = nameiHelp
	fs.ShortHelp = true
	fs.BoolVarP(&r.mnts, "mountpoints", "x", false, "")
	fs.BoolVarP(&r.modes, "modes", "m", false, "")
	fs.BoolVarP(&r.owners, "owners", "o", false, "")
	fs.Func("long", "l", "", func() { r.modes, r.owners, r.vertical = true, true, true })
	fs.BoolVarP(&r.noLink, "nosymlinks", "n", false, "")
	fs.BoolVarP(&r.vertical, "vertical", "v", false, "")
	paths, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(paths) == 0 {
		c.warnf("pathname argument is missing")
		return c.tryHelp(1)
	}
	status := 0
	for _, p := range paths {
		if _, err := c.Task.Stat(p); err != nil {
			status = 1
		}
		nodes := r.walk(p, 0, 0, nil)
		if len(nodes) == 0 {
			continue
		}
		tooMany := false
		if !r.noLink {
			nodes, tooMany = r.followLinks(nodes)
		}
		if !r.print(p, nodes) {
			status = 1
			continue
		}
		if tooMany {
			c.Out.Flush()
			c.warnf("%s: exceeded limit of symlinks", p)
			status = 1
		}
	}
	return status
}

// walk is add_namei: the components of path from start on, each looked
// at with lstat through the path up to it. parent is the node they come
// after (the link they expand), nil for a pathname itself.
func (r *nameiRun) walk(path string, start, level int, parent *nameiNode) []*nameiNode {
	var nodes []*nameiNode
	prev := parent
	add := func(prefix, name string) {
		n := r.node(prefix, name, level, prev)
		nodes = append(nodes, n)
		prev = n
	}
	i := start
	if i < len(path) && path[i] == '/' {
		for i < len(path) && path[i] == '/' {
			i++
		}
		add("/", "/")
	}
	for i < len(path) {
		end := strings.IndexByte(path[i:], '/')
		if end < 0 {
			end = len(path)
		} else {
			end += i
		}
		add(path[:end], path[i:end])
		for i = end; i < len(path) && path[i] == '/'; i++ {
		}
	}
	return nodes
}

// node is new_namei: one component, its link read and its mount point
// found (a directory on another device than the one before it, or its
// own parent, as / is).
func (r *nameiRun) node(path, name string, level int, parent *nameiNode) *nameiNode {
	t := r.c.Task
	n := &nameiNode{name: name, level: level}
	st, err := t.Lstat(path)
	if err != nil {
		n.err = err
		return n
	}
	n.st = st
	mode := uint32(st.Mode)
	if applet.IsLink(mode) {
		n.link, _ = t.Readlink(path)
		n.linkPath = n.link
		if slash := strings.LastIndexByte(path, '/'); !strings.HasPrefix(n.link, "/") && slash >= 0 {
			n.linkPath, n.linkStart = path[:slash+1]+n.link, slash+1
		}
	}
	if r.owners {
		r.userWidth = max(r.userWidth, len(r.userName(st.UID)))
		r.groupWidth = max(r.groupWidth, len(r.groupName(st.GID)))
	}
	if r.mnts && applet.IsDir(mode) {
		var up *vfs.Statx
		switch {
		case parent != nil && parent.err == nil && applet.IsDir(uint32(parent.st.Mode)):
			up = &parent.st
		case parent == nil || parent.err == nil && applet.IsLink(uint32(parent.st.Mode)):
			if s, err := t.Stat(path + "/.."); err == nil {
				up = &s
			}
		}
		n.mountpoint = up != nil && (up.Dev() != st.Dev() || up.Ino == st.Ino)
	}
	return n
}

// followLinks is follow_symlinks: each symbolic link in the list is
// followed by the components of what it points to, one level deeper;
// past nameiMaxLinks the list ends at the link that was one too many.
func (r *nameiRun) followLinks(nodes []*nameiNode) ([]*nameiNode, bool) {
	links := 0
	for i := 0; i < len(nodes); i++ {
		n := nodes[i]
		if n.err != nil || !applet.IsLink(uint32(n.st.Mode)) {
			continue
		}
		if links++; links > nameiMaxLinks {
			return nodes[:i+1], true
		}
		more := r.walk(n.linkPath, n.linkStart, n.level+1, n)
		nodes = append(nodes[:i+1], append(more, nodes[i+1:]...)...)
	}
	return nodes, false
}

// print is print_namei; false if a component was missing.
func (r *nameiRun) print(path string, nodes []*nameiNode) bool {
	var b strings.Builder
	defer func() { r.c.Out.WriteString(b.String()) }()
	b.WriteString("f: " + path + "\n")
	for _, n := range nodes {
		indent := strings.Repeat("  ", n.level)
		if n.err != nil {
			blanks := 1 + 2*n.level
			if r.modes {
				blanks += 9
			}
			if r.owners {
				blanks += r.userWidth + r.groupWidth + 2
			}
			if !r.vertical {
				blanks++
			}
			fmt.Fprintf(&b, "%*s %s - %s\n", blanks, "", n.name, applet.ErrText(n.err))
			return false
		}
		md := []byte(applet.ModeString(uint32(n.st.Mode)))
		if n.mountpoint {
			md[0] = 'D'
		}
		if !r.vertical {
			b.WriteString(indent + " ")
		}
		if r.modes {
			b.Write(md)
		} else {
			b.WriteByte(md[0])
		}
		if r.owners {
			fmt.Fprintf(&b, " %-*s %-*s", r.userWidth, r.userName(n.st.UID), r.groupWidth, r.groupName(n.st.GID))
		}
		if r.vertical {
			b.WriteString(indent)
		}
		if applet.IsLink(uint32(n.st.Mode)) {
			b.WriteString(" " + n.name + " -> " + n.linkPath[n.linkStart:] + "\n")
		} else {
			b.WriteString(" " + n.name + "\n")
		}
	}
	return true
}

func (r *nameiRun) userName(uid uint32) string {
	if name := applet.UserName(r.c.Task, uid); name != "" {
		return name
	}
	return strconv.FormatUint(uint64(uid), 10)
}

func (r *nameiRun) groupName(gid uint32) string {
	if name := applet.GroupName(r.c.Task, gid); name != "" {
		return name
	}
	return strconv.FormatUint(uint64(gid), 10)
}
