// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

const nameiHelp = `Usage: namei [OPTION]... PATHNAME...
Show each step of looking up PATHNAME: every component with its file
type, and the contents of every symbolic link met, followed in turn and
indented one step deeper.

  -l, --long             -m, -o and -v together
  -m, --modes            permission bits, as ls -l writes them
  -o, --owners           the owning user and group
  -v, --vertical         the type and mode columns first, then indentation
  -n, --nolinks          show symbolic links without following them
  -x, --mountpoints      'D' for a directory that is a mount point
  -h, --help             show this help;  -V, --version: the version
`

// nameiMaxLinks is how many symbolic links namei follows in one operand
// before it gives up; the next one met is shown, not followed.
const nameiMaxLinks = 20

// nameiNode is one component met in a lookup: what lstat said of it (or
// its error), a link's contents and, once followed, the lookup of those
// contents one level deeper.
type nameiNode struct {
	name   string // as the path spells it: "/" for the root
	path   string // the path lstat was given
	st     vfs.Statx
	err    error
	target string
	mount  bool
	sub    []*nameiNode
	// unfollowed marks the link the limit stopped at.
	unfollowed bool
}

func (n *nameiNode) isDir() bool { return n.err == nil && applet.IsDir(uint32(n.st.Mode)) }

// namei holds the options and, across operands, the owner columns'
// widths (they only grow, as the real tool's do).
type namei struct {
	*cmd
	modes, owners, vertical, nofollow, mounts bool
	userW, groupW                             int
	links                                     int
	// fatal is set when a -x parent could not be stat'ed: namei stops.
	fatal bool
}

// nameiApplet is namei(1) of util-linux 2.38.
func nameiApplet(c *cmd) int {
	n := &namei{cmd: c}
	var long bool
	flags := c.FlagSet()
	flags.Help = nameiHelp
	flags.ShortHelp = true
	flags.PlaceHelp()
	flags.PlaceVersion()
	flags.BoolVarP(&n.mounts, "mountpoints", "x", false, "")
	flags.BoolVarP(&n.modes, "modes", "m", false, "")
	flags.BoolVarP(&n.owners, "owners", "o", false, "")
	flags.BoolVarP(&long, "long", "l", false, "")
	flags.BoolVarP(&n.nofollow, "nolinks", "n", false, "")
	flags.BoolVarP(&n.vertical, "vertical", "v", false, "")
	paths, ok := c.Parse(flags)
	if !ok {
		return 1
	}
	if long {
		n.modes, n.owners, n.vertical = true, true, true
	}
	if len(paths) == 0 {
		c.warnf("pathname argument is missing")
		return c.tryHelp(1)
	}
	status := 0
	for _, p := range paths {
		if !n.operand(p) {
			status = 1
		}
		if n.fatal {
			return 1
		}
	}
	return status
}

// operand looks up one path and prints what it met; false when the
// lookup failed or stopped at the limit of links.
func (n *namei) operand(path string) bool {
	n.links = 0
	nodes := n.level(path, "")
	if n.fatal || len(nodes) == 0 {
		return false
	}
	n.measure(nodes)
	fmt.Fprintf(n.Out, "f: %s\n", path)
	ok, limited := n.print(nodes, 0)
	if limited {
		n.warnf("%s: exceeded limit of symlinks", path)
	}
	return ok
}

// level lstats every component of text, in order, then follows the
// links among them. A relative link's contents are looked up from the
// directory the link is in, so dir (the link's path up to its last
// slash) goes before them.
func (n *namei) level(text, dir string) []*nameiNode {
	if strings.HasPrefix(text, "/") {
		dir = ""
	}
	full := dir + text
	var nodes []*nameiNode
	for i := 0; i < len(text); {
		if text[i] == '/' {
			if i == 0 {
				nodes = append(nodes, &nameiNode{name: "/", path: full[:len(dir)+1]})
			}
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != '/' {
			j++
		}
		nodes = append(nodes, &nameiNode{name: text[i:j], path: full[:len(dir)+j]})
		i = j
	}
	for i, node := range nodes {
		n.lookup(node)
		if n.mounts && node.isDir() && !n.markMount(node, nodes[:i]) {
			return nil
		}
	}
	if n.nofollow {
		return nodes
	}
	for _, node := range nodes {
		if node.err != nil || node.target == "" {
			continue
		}
		if n.links == nameiMaxLinks {
			node.unfollowed = true
			break
		}
		n.links++
		node.sub = n.level(node.target, node.path[:strings.LastIndexByte(node.path, '/')+1])
		if n.fatal || node.subLimited() {
			break
		}
	}
	return nodes
}

// subLimited reports whether the walk stopped somewhere below node.
func (node *nameiNode) subLimited() bool {
	for _, s := range node.sub {
		if s.unfollowed || s.subLimited() {
			return true
		}
	}
	return false
}

// lookup lstats one component and reads it if it is a link.
func (n *namei) lookup(node *nameiNode) {
	node.st, node.err = n.Task.Lstat(node.path)
	if node.err == nil && applet.IsLink(uint32(node.st.Mode)) {
		node.target, node.err = n.Task.Readlink(node.path)
	}
}

// markMount decides whether directory node is a mount point: on another
// device than its parent, or its own parent (a root). The parent is the
// component before it when that one is a directory, else PATH/.. looked
// up (following links); a failure there ends namei.
func (n *namei) markMount(node *nameiNode, before []*nameiNode) bool {
	var parent vfs.Statx
	if k := len(before); k > 0 && before[k-1].isDir() {
		parent = before[k-1].st
	} else {
		up := node.path + "/.."
		var err error
		if parent, err = n.Task.Stat(up); err != nil {
			n.warnf("stat of %s failed: %s", up, applet.ErrText(err))
			n.fatal = true
			return false
		}
	}
	node.mount = parent.Dev() != node.st.Dev() || parent.Ino == node.st.Ino
	return true
}

// measure widens the owner columns for the names in nodes, however deep.
func (n *namei) measure(nodes []*nameiNode) {
	for _, node := range nodes {
		if node.err == nil {
			n.userW = max(n.userW, len(n.userOf(node.st.UID)))
			n.groupW = max(n.groupW, len(n.groupOf(node.st.GID)))
		}
		n.measure(node.sub)
	}
}

func (n *namei) userOf(uid uint32) string {
	if name := applet.UserName(n.Task, uid); name != "" {
		return name
	}
	return fmt.Sprint(uid)
}

func (n *namei) groupOf(gid uint32) string {
	if name := applet.GroupName(n.Task, gid); name != "" {
		return name
	}
	return fmt.Sprint(gid)
}

// print writes the lines of nodes at depth, up to the first failure.
// ok is false after a failure; limited tells that the limit of links
// was the reason.
func (n *namei) print(nodes []*nameiNode, depth int) (ok, limited bool) {
	for _, node := range nodes {
		n.line(node, depth)
		if node.err != nil {
			return false, false
		}
		if node.unfollowed {
			return false, true
		}
		if ok, limited := n.print(node.sub, depth+1); !ok {
			return false, limited
		}
	}
	return true, false
}

// line writes one component: its columns, indentation and name, or the
// name and the error with the columns left blank.
func (n *namei) line(node *nameiNode, depth int) {
	var cols strings.Builder
	cols.WriteString(n.typeColumn(node))
	if n.owners {
		user, group := "", ""
		if node.err == nil {
			user, group = n.userOf(node.st.UID), n.groupOf(node.st.GID)
		}
		fmt.Fprintf(&cols, " %-*s %-*s", n.userW, user, n.groupW, group)
	}
	indent := strings.Repeat("  ", depth)
	if n.vertical {
		fmt.Fprintf(n.Out, "%s %s", cols.String(), indent)
	} else {
		fmt.Fprintf(n.Out, " %s%s ", indent, cols.String())
	}
	switch {
	case node.err != nil:
		fmt.Fprintf(n.Out, "%s - %s\n", node.name, applet.ErrText(node.err))
	case node.target != "":
		fmt.Fprintf(n.Out, "%s -> %s\n", node.name, node.target)
	default:
		fmt.Fprintf(n.Out, "%s\n", node.name)
	}
}

// typeColumn is the file type letter, or with -m the whole mode string;
// 'D' for a mount point with -x; blank for a component that failed.
func (n *namei) typeColumn(node *nameiNode) string {
	width := 1
	if n.modes {
		width = 10
	}
	if node.err != nil {
		return strings.Repeat(" ", width)
	}
	mode := uint32(node.st.Mode)
	s := applet.ModeString(mode)
	if mode&linux.S_IFMT == 0 || !knownType(mode) {
		s = "?" + s[1:]
	}
	if node.mount {
		s = "D" + s[1:]
	}
	return s[:width]
}

// knownType reports whether mode is one of the seven file types.
func knownType(mode uint32) bool {
	switch mode & linux.S_IFMT {
	case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK, linux.S_IFCHR,
		linux.S_IFBLK, linux.S_IFIFO, linux.S_IFSOCK:
		return true
	}
	return false
}
