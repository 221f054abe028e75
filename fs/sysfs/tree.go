// SPDX-License-Identifier: Apache-2.0

package sysfs

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The shape of the tree. Where Linux's kernfs keeps a node for every
// directory, attribute and link (made by device_add, removed by
// device_del), here a node is worked out from the device model when a
// directory is listed or a name looked up.

// kind is what a node of the tree is.
type kind uint8

const (
	kindDir          kind = iota // a fixed directory; name is its path below /sys ("" is the root)
	kindClass                    // /sys/class/<name>
	kindVirtualClass             // /sys/devices/virtual/<name>
	kindDevDir                   // a device's directory (rel "") or one below it
	kindDevFile                  // one of a device's attribute files
	kindLink                     // a symlink belonging to dev (rel says which)
)

// node is what an inode of sysfs stands for.
type node struct {
	kind kind
	name string      // kindDir's path, the class of kindClass and kindVirtualClass
	dev  *vfs.Device // the device of the kindDev* and kindLink nodes
	// rel is the path below the device's directory of a kindDev* node
	// ("" for the directory itself), or which link of the device a
	// kindLink is: "subsystem", or "@block", "@class", "@dev" for the
	// links to it from /sys/block, /sys/class/<class> and /sys/dev.
	rel    string
	mode   uint32 // a file's permission bits
	target string // a link's target
}

// entry is a name in a directory.
type entry struct {
	name string
	n    node
}

// fixedDirs are the directories that are always there, by path, with
// their fixed children. The others of /sys/block, /sys/class, /sys/dev
// and /sys/devices/virtual come from the devices. Left out of what Linux
// has: bus, firmware, kernel, module and power, and every filesystem's
// directory in /sys/fs but tmpfs's and cgroup's (the rest are not
// linuxvfs's); cgroup is the empty directory cgroup2 is mounted on.
var fixedDirs = map[string][]string{
	"":                  {"block", "class", "dev", "devices", "fs"},
	"block":             nil,
	"class":             nil,
	"dev":               {"block", "char"},
	"dev/block":         nil,
	"dev/char":          nil,
	"devices":           {"virtual"},
	"devices/virtual":   nil,
	"fs":                {"cgroup", "tmpfs"},
	"fs/cgroup":         nil,
	"fs/tmpfs":          {"features"},
	"fs/tmpfs/features": nil,
}

// tree is one sysfs superblock's view of its kernel's devices.
type tree struct {
	k    *vfs.Kernel
	sb   *vfs.Superblock
	inos inoTable
}

// newTree makes sb's root (sysfs_fill_super's kernfs root, mode 0555).
func newTree(k *vfs.Kernel, sb *vfs.Superblock) *tree {
	tr := &tree{k: k, sb: sb}
	sb.Private = tr
	sb.SetRoot(vfs.NewRootDentry(tr.inode(node{kind: kindDir})))
	return tr
}

// kname is a device's kernel name, the last element of its node's path
// ("input/event0" is event0).
func kname(d *vfs.Device) string { return path.Base(d.Name) }

// devicePath is where a device's directory is below /sys: as a device
// without a parent, devices/virtual/<class>/<kname> (get_device_parent's
// class directory under the virtual root).
func devicePath(d *vfs.Device) string {
	if d.Parent != nil {
		return devicePath(d.Parent) + "/" + kname(d)
	}
	return "devices/virtual/" + d.Class + "/" + kname(d)
}

// upToRoot is the "../" that climb from a device's directory to /sys.
func upToRoot(d *vfs.Device) string {
	return strings.Repeat("../", strings.Count(devicePath(d), "/")+1)
}

// devNumber is "major:minor".
func devNumber(d *vfs.Device) string {
	return strconv.FormatUint(uint64(linux.Major(d.Dev)), 10) + ":" + strconv.FormatUint(uint64(linux.Minor(d.Dev)), 10)
}

func linkTo(d *vfs.Device, rel, up string) node {
	return node{kind: kindLink, dev: d, rel: rel, target: up + devicePath(d)}
}

// children lists a directory, in no particular order.
func (tr *tree) children(n node) []entry {
	switch n.kind {
	case kindDir:
		return tr.dirChildren(n.name)
	case kindClass, kindVirtualClass:
		var out []entry
		for _, d := range tr.k.Devices() {
			if d.Class == n.name && (n.kind == kindClass || d.Parent == nil) {
				out = append(out, entry{kname(d), tr.classMember(n.kind, d)})
			}
		}
		return out
	case kindDevDir:
		out := devChildren(n.dev, n.rel)
		if n.rel == "" {
			for _, c := range tr.k.Devices() {
				if c.Parent == n.dev {
					out = append(out, entry{kname(c), node{kind: kindDevDir, dev: c}})
				}
			}
		}
		return out
	}
	return nil
}

// classMember is a device as /sys/class/<class> (a link) or
// /sys/devices/virtual/<class> (its directory) has it.
func (tr *tree) classMember(k kind, d *vfs.Device) node {
	if k == kindClass {
		return linkTo(d, "@class", "../../")
	}
	return node{kind: kindDevDir, dev: d}
}

func (tr *tree) dirChildren(dir string) []entry {
	var out []entry
	switch dir {
	case "block":
		for _, d := range tr.k.Devices() {
			if d.Block && d.Parent == nil {
				out = append(out, entry{kname(d), linkTo(d, "@block", "../")})
			}
		}
	case "class", "devices/virtual":
		k := kindClass
		if dir != "class" {
			k = kindVirtualClass
		}
		for _, c := range tr.classes() {
			out = append(out, entry{c, node{kind: k, name: c}})
		}
	case "dev/block", "dev/char":
		for _, d := range tr.k.Devices() {
			if d.Block == (dir == "dev/block") && linux.Major(d.Dev) != 0 {
				out = append(out, entry{devNumber(d), linkTo(d, "@dev", "../../")})
			}
		}
	default:
		for _, name := range fixedDirs[dir] {
			out = append(out, entry{name, node{kind: kindDir, name: path.Join(dir, name)}})
		}
	}
	return out
}

// classes are the classes that have a device, by name. (A class that
// has none is gone too: Linux keeps a registered class's directory.)
func (tr *tree) classes() []string {
	var out []string
	for _, d := range tr.k.Devices() {
		if d.Class != "" && !slices.Contains(out, d.Class) {
			out = append(out, d.Class)
		}
	}
	slices.Sort(out)
	return out
}

func (tr *tree) classExists(c string) bool {
	for _, d := range tr.k.Devices() {
		if d.Class == c {
			return true
		}
	}
	return false
}

// lookup finds name in the directory n. In the directories that hold
// every device, the device of that name is tried first, so that a lookup
// there does not list them all.
func (tr *tree) lookup(n node, name string) (node, bool) {
	if d := tr.k.DeviceByName(name); d != nil {
		switch {
		case n.kind == kindDir && n.name == "block" && d.Block && d.Parent == nil:
			return linkTo(d, "@block", "../"), true
		case n.kind == kindDevDir && n.rel == "" && d.Parent == n.dev:
			return node{kind: kindDevDir, dev: d}, true
		case n.kind == kindClass && d.Class == n.name, n.kind == kindVirtualClass && d.Class == n.name && d.Parent == nil:
			return tr.classMember(n.kind, d), true
		}
	}
	for _, e := range tr.children(n) {
		if e.name == name {
			return e.n, true
		}
	}
	return node{}, false
}

// alive is whether d is still the device of its name.
func (tr *tree) alive(d *vfs.Device) bool { return tr.k.DeviceByName(d.Name) == d }

// exists is whether the node n still stands for something (d_revalidate).
func (tr *tree) exists(n node) bool {
	switch n.kind {
	case kindClass, kindVirtualClass:
		return tr.classExists(n.name)
	case kindLink:
		return tr.alive(n.dev)
	case kindDevDir:
		return tr.alive(n.dev) && (n.rel == "" || devDirExists(n.dev, n.rel))
	case kindDevFile:
		_, ok := findDevFile(n.dev, n.rel)
		return ok && tr.alive(n.dev)
	}
	return true
}

// modeOf is a node's inode mode.
func modeOf(n node) uint32 {
	switch n.kind {
	case kindDevFile:
		return linux.S_IFREG | n.mode
	case kindLink:
		return linux.S_IFLNK | 0o777
	case kindDir:
		if n.name == "" {
			return linux.S_IFDIR | 0o555
		}
	}
	return linux.S_IFDIR | 0o755
}

// inode makes the inode of n: attribute files are PAGE_SIZE bytes as
// stat sees them, directories and links empty.
func (tr *tree) inode(n node) *vfs.Inode {
	in := tr.sb.NewInode(tr.inos.of(tr, n), vfs.InodeAttr{Mode: modeOf(n)}, tr, tr)
	in.Private = n
	if n.kind == kindDevFile {
		in.Lock()
		in.SetSizeLocked(4096)
		in.Unlock()
	}
	return in
}
