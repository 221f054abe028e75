// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Lookup flags (LOOKUP_*).
const (
	lookupFollow    = 1 << iota // LOOKUP_FOLLOW: follow a trailing symlink
	lookupDirectory             // LOOKUP_DIRECTORY: the result must be a directory
	lookupEmpty                 // LOOKUP_EMPTY: "" names the starting point

	// openat2's RESOLVE_* flags (resolve.go).
	lookupNoSymlinks   // LOOKUP_NO_SYMLINKS: no symlink is followed
	lookupNoMagiclinks // LOOKUP_NO_MAGICLINKS: no magic link is followed
	lookupNoXdev       // LOOKUP_NO_XDEV: the walk stays on its mount
	lookupBeneath      // LOOKUP_BENEATH: the walk stays under its start
	lookupInRoot       // LOOKUP_IN_ROOT: the start is the walk's root
	lookupCached       // LOOKUP_CACHED: the dcache alone answers

	lookupScoped   = lookupBeneath | lookupInRoot // LOOKUP_IS_SCOPED
	lookupRestrict = lookupNoSymlinks | lookupNoMagiclinks | lookupNoXdev | lookupScoped | lookupCached
)

// lastType is nd->last_type.
type lastType uint8

const (
	lastNorm lastType = iota
	lastRoot
	lastDot
	lastDotDot
)

// nameidata is struct nameidata: the state of one path walk.
type nameidata struct {
	task  *Task
	name  string // the name as getname copied it
	cred  *Cred
	root  Path
	path  Path
	flags int
	links int // total_link_count
	depth int
	// stack holds the names left in outer walks while nested symlinks
	// are walked; two levels inline (the kernel's EMBEDDED_LEVELS), deeper
	// ones in overflow. Every lookup zeroes its nameidata, and eight
	// inline levels were a twentieth of a depth-1 stat's profile.
	stack    [2]string
	overflow []string
	last     string
	lastHash uint64
	lastType lastType
	// slash is set when the last component was followed by '/'.
	slash bool
	// mSeq and rSeq are mount_lock's and rename_lock's counts when a
	// scoped walk began (nd->m_seq, nd->r_seq).
	mSeq, rSeq uint64
	// rootSet is set once the walk has fixed its root (nd->root.mnt is
	// set lazily: by an absolute name, a scoped walk, a ".." or a jump).
	rootSet bool
}

// pathInit is getname and path_init: copy the name across the system-call
// boundary into nd.name, which the walk then uses, and pick the starting
// point of the walk.
func (t *Task) pathInit(nd *nameidata, dirfd int, name string, flags int) (*File, error) {
	name, err := getname(name)
	if err != nil {
		return nil, err
	}
	nd.name = name
	if name == "" && flags&lookupEmpty == 0 {
		return nil, linux.ENOENT
	}
	s := t.fsStruct().load()
	nd.task = t
	nd.cred = t.Cred()
	nd.root = s.root
	nd.flags = flags
	nd.lastType = lastRoot
	if flags&lookupScoped != 0 {
		nd.sampleSeqs()
	}
	if name != "" && name[0] == '/' && flags&lookupInRoot == 0 {
		if flags&lookupBeneath != 0 {
			return nil, linux.EXDEV // nd_jump_root
		}
		nd.path = s.root
		nd.rootSet = true
		return nil, nil
	}
	if dirfd == linux.AT_FDCWD {
		nd.path = s.pwd
		nd.scopeRoot()
		return nil, nil
	}
	f, err := t.fdTable().get(dirfd)
	if err != nil {
		return nil, err
	}
	if name != "" && !f.dentry.Inode().IsDir() {
		f.DecRef()
		return nil, linux.ENOTDIR
	}
	nd.path = Path{f.mnt, f.dentry}
	nd.scopeRoot()
	return f, nil
}

// push saves the rest of a name while a symlink body is walked.
func (nd *nameidata) push(rest string) {
	if nd.depth < len(nd.stack) {
		nd.stack[nd.depth] = rest
	} else {
		nd.overflow = append(nd.overflow, rest)
	}
	nd.depth++
}

func (nd *nameidata) pop() string {
	nd.depth--
	if nd.depth < len(nd.stack) {
		return nd.stack[nd.depth]
	}
	s := nd.overflow[len(nd.overflow)-1]
	nd.overflow = nd.overflow[:len(nd.overflow)-1]
	return s
}

// linkPathWalk is link_path_walk: walk every component of name but the last,
// following symlinks, and leave the last one in nd.last.
func (nd *nameidata) linkPathWalk(name string) error {
	for len(name) > 0 && name[0] == '/' {
		name = name[1:]
	}
	if name == "" {
		return nil
	}
	for {
		// may_lookup, its common case (search permission for all, no
		// ->permission of the filesystem's own) inline
		if in := nd.path.Dentry.inode; in.Mode()&0o111 != 0o111 || in.perm != nil {
			if err := mayLookup(nd.cred, nd.path); err != nil {
				return err
			}
		}
		i := 0
		h := uint64(14695981039346656037) // hashName, inline
		for i < len(name) && name[i] != '/' {
			h ^= uint64(name[i])
			h *= 1099511628211
			i++
		}
		comp := name[:i]
		typ := lastNorm
		switch comp {
		case ".":
			typ = lastDot
		case "..":
			typ = lastDotDot
		}
		slash := i < len(name)
		for i < len(name) && name[i] == '/' {
			i++
		}
		name = name[i:]
		if name == "" {
			if nd.depth == 0 {
				nd.last, nd.lastHash, nd.lastType, nd.slash = comp, h, typ, slash
				return nil
			}
			// The last component of a nested symlink is always followed.
			name = nd.pop()
		}
		if typ == lastNorm && nd.flags&lookupCached == 0 {
			if c := nd.path.Dentry.cachedSubdir(comp, h); c != nil {
				nd.path.Dentry = c
				continue
			}
		}
		link, follow, err := nd.walkComponent(comp, h, typ, true)
		if err != nil {
			return err
		}
		if follow {
			if link, _, err = nd.jumpIfAbsolute(link); err != nil {
				return err
			}
			if link != "" {
				nd.push(name)
				name = link
				continue
			}
		}
		if !nd.path.Dentry.Inode().IsDir() {
			return linux.ENOTDIR
		}
	}
}

// jumpIfAbsolute is the start of a symlink body in pick_link: an absolute
// body restarts at the walk's root (nd_jump_root).
func (nd *nameidata) jumpIfAbsolute(body string) (string, bool, error) {
	if body[0] != '/' {
		return body, false, nil
	}
	if nd.flags&lookupRestrict != 0 {
		if err := nd.mayJumpRoot(); err != nil {
			return "", false, err
		}
	}
	nd.path = nd.root
	for len(body) > 0 && body[0] == '/' {
		body = body[1:]
	}
	return body, true, nil
}

// walkComponent is walk_component: step to comp. For a symlink that is to
// be followed it leaves nd.path at the directory and returns the body.
func (nd *nameidata) walkComponent(comp string, h uint64, typ lastType, follow bool) (string, bool, error) {
	switch typ {
	case lastDot:
		return "", false, nil
	case lastDotDot:
		return "", false, nd.followDotdot()
	}
	if nd.flags&lookupCached != 0 {
		return nd.walkCached(comp, h, follow)
	}
	d, err := lookupOne(nd.path.Dentry, comp, h)
	if err != nil {
		return "", false, err
	}
	return nd.stepInto(d, follow)
}

// cachedSubdir is the common step of a walk in one call: the cached
// child name of d when it is a directory that needs nothing more (d
// revalidates nothing, nothing is mounted on the child), else nil for
// walkComponent to take the step in full (lookup_fast and step_into's
// checks, each a load, without their calls and results).
func (d *Dentry) cachedSubdir(name string, h uint64) *Dentry {
	if d.inode.reval != nil {
		return nil
	}
	c := d.fastLookup(name, h)
	if c == nil || c.mounted.Load() != 0 || !c.inode.IsDir() {
		return nil
	}
	return c
}

// lookupOne is lookup_fast, then lookup_slow: the dcache first, then the
// filesystem's lookup. The caller has checked search permission on dir.
func lookupOne(dir *Dentry, name string, h uint64) (*Dentry, error) {
	if d := dir.fastLookup(name, h); d != nil && !stale(dir, name, d) {
		return d, nil
	}
	if len(name) > linux.NAME_MAX {
		return nil, linux.ENAMETOOLONG
	}
	return lookupSlow(dir, name)
}

func lookupSlow(dir *Dentry, name string) (*Dentry, error) {
	dir.mu.Lock()
	defer dir.mu.Unlock()
	return lookupSlowLocked(dir, name)
}

// lookupSlowLocked is __lookup_slow with dir.mu held.
func lookupSlowLocked(dir *Dentry, name string) (*Dentry, error) {
	if d := dir.childLocked(name); d != nil {
		if !stale(dir, name, d) {
			return d, nil
		}
		dir.removeChildLocked(name)
	}
	if len(name) > linux.NAME_MAX {
		return nil, linux.ENAMETOOLONG
	}
	if dir.dead {
		return nil, linux.ENOENT
	}
	in, err := dir.Inode().Ops.Lookup(dir.Inode(), name)
	if err != nil {
		return nil, err
	}
	if a := dir.reuseAliasLocked(name, in); a != nil {
		return a, nil
	}
	return dir.addChildLocked(name, in), nil
}

// stepInto is step_into: move onto d, through any mounts on it; a symlink
// to follow is left for the caller (pick_link).
func (nd *nameidata) stepInto(d *Dentry, follow bool) (string, bool, error) {
	p := traverseMounts(Path{nd.path.Mnt, d})
	if nd.flags&lookupNoXdev != 0 && p.Mnt != nd.path.Mnt {
		return "", false, nd.xdevErr() // handle_mounts
	}
	if !follow || !p.Dentry.Inode().IsSymlink() {
		nd.path = p
		return "", false, nil
	}
	nd.links++
	if nd.links > linux.MAXSYMLINKS {
		return "", false, linux.ELOOP
	}
	if p.Mnt.Flags()&linux.MNT_NOSYMFOLLOW != 0 || nd.flags&lookupNoSymlinks != 0 {
		return "", false, linux.ELOOP
	}
	if j, ok := p.Dentry.Inode().Ops.(LinkJumper); ok {
		// nd_jump_link: /proc/<pid>/cwd, root and fd/N lead to the
		// object itself, not to a path.
		if nd.flags&lookupCached != 0 {
			return "", false, linux.EAGAIN // proc's get_link cannot run under RCU
		}
		target, err := j.JumpFor(nd.task, p.Dentry.Inode())
		if err != nil {
			return "", false, err
		}
		if err := nd.mayJumpLink(target); err != nil {
			return "", false, err
		}
		nd.path = target
		return "", false, nil
	}
	body, err := readlinkFor(nd.task, p.Dentry.Inode())
	if err != nil {
		return "", false, err
	}
	if body == "" {
		return "", false, linux.ENOENT
	}
	return body, true, nil
}

// traverseMounts is traverse_mounts: while p is a mountpoint, move to the
// root of the mount on it (through a stack in one step, mount_stack.go).
func traverseMounts(p Path) Path {
	for p.Dentry.mounted.Load() > 0 {
		c := p.Mnt.lookupStacked(p.Dentry)
		if c == nil {
			break
		}
		p = Path{c, c.root}
	}
	return p
}

// followDotdot is follow_dotdot then step_into: ".." never leaves the
// task's root, but like any step it lands on what is mounted there, so
// "/.." reaches a mount made over the root (devtmpfs_setup moves into its
// mount that way); at a mount root it first climbs to the mountpoint.
// ENOENT when the parent lies outside the mount's root: a directory
// renamed out from under a bind mount must not become a way out of it
// (path_connected).
func (nd *nameidata) followDotdot() error {
	if nd.flags&lookupRestrict != 0 {
		return nd.followDotdotRestricted()
	}
	if nd.path == nd.root {
		nd.path = traverseMounts(nd.path)
		return nil
	}
	p := nd.path
	if p.Dentry == p.Mnt.root {
		mp, ok := chooseMountpoint(p.Mnt, nd.root)
		if !ok {
			return nil
		}
		p = mp
	}
	parent := p.Dentry.Parent()
	if !pathConnected(p.Mnt, parent) {
		return linux.ENOENT
	}
	nd.path = traverseMounts(Path{p.Mnt, parent})
	return nil
}

// pathConnected is path_connected: d is reachable from m's root. Only a
// mount of a subtree can lose touch with its dentries.
func pathConnected(m *Mount, d *Dentry) bool {
	return m.root == m.sb.root || isSubdir(d, m.root)
}

// attachments yields, going up from m, where each mount in turn hangs:
// its parent mount with the dentry it covers there. It ends at a mount
// with no parent.
func (m *Mount) attachments(yield func(Path) bool) {
	for {
		up, at := m.Parent()
		if up == m || !yield(Path{up, at}) {
			return
		}
		m = up
	}
}

// chooseMountpoint is choose_mountpoint: where ".." from m's root leads,
// the first attachment up from m that lies inside its mount's tree
// rather than on its root (one on a root is passed through, as that
// mount is itself attached somewhere). No answer when the climb runs out
// of parents or meets root first.
func chooseMountpoint(m *Mount, root Path) (Path, bool) {
	for at := range m.attachments {
		if at == root {
			break
		}
		if at.Dentry != at.Mnt.root {
			return at, true
		}
	}
	return Path{}, false
}

// lookupLast is lookup_last: walk the final component; a trailing slash
// makes it follow and demand a directory.
func (nd *nameidata) lookupLast() (string, bool, error) {
	if nd.lastType == lastNorm && nd.slash {
		nd.flags |= lookupFollow | lookupDirectory
	}
	if nd.lastType == lastRoot {
		return "", false, nil
	}
	return nd.walkComponent(nd.last, nd.lastHash, nd.lastType, nd.flags&lookupFollow != 0)
}

// pathLookupat is path_lookupat: resolve name entirely.
func (t *Task) pathLookupat(dirfd int, name string, flags int) (Path, error) {
	return t.pathLookupatCred(dirfd, name, flags, nil)
}

// pathLookupatCred is pathLookupat walking with cred instead of the task's
// own (faccessat's override credentials); nil means the task's.
func (t *Task) pathLookupatCred(dirfd int, name string, flags int, cred *Cred) (Path, error) {
	var nd nameidata
	f, err := t.pathInit(&nd, dirfd, name, flags)
	if cred != nil {
		nd.cred = cred
	}
	if f != nil {
		defer f.DecRef()
	}
	if err != nil {
		return Path{}, err
	}
	return nd.lookupPath(nd.name)
}

func (nd *nameidata) lookupPath(name string) (Path, error) {
	if err := nd.walkTrailing(name, nd.lookupLast); err != nil {
		return Path{}, err
	}
	if err := nd.completeWalk(); err != nil {
		return Path{}, err
	}
	if nd.flags&lookupDirectory != 0 && !nd.path.Dentry.Inode().IsDir() {
		return Path{}, linux.ENOTDIR
	}
	return nd.path, nil
}

// walkTrailing is the loop path_lookupat and path_openat share: walk name,
// then its last component with last; while that is a symlink to follow,
// walk its body the same way (an absolute body restarts at the root).
func (nd *nameidata) walkTrailing(name string, last func() (string, bool, error)) error {
	for {
		if err := nd.linkPathWalk(name); err != nil {
			return err
		}
		link, follow, err := last()
		if err != nil || !follow {
			return err
		}
		var jumped bool
		if name, jumped, err = nd.jumpIfAbsolute(link); err != nil {
			return err
		}
		if name == "" && jumped {
			nd.lastType = lastRoot
			return nil
		}
	}
}

// pathParentat is path_parentat: resolve all but the last component. The
// returned nameidata holds the parent in nd.path and the last component.
func (t *Task) pathParentat(nd *nameidata, dirfd int, name string) error {
	f, err := t.pathInit(nd, dirfd, name, 0)
	if f != nil {
		defer f.DecRef()
	}
	if err != nil {
		return err
	}
	return nd.linkPathWalk(nd.name)
}

// TaskLinkResolver is implemented by inode operations whose symlink targets
// depend on who follows them, like procfs's "self".
type TaskLinkResolver interface {
	ReadlinkFor(t *Task, in *Inode) (string, error)
}

// LinkJumper is implemented by magic links (procfs's cwd, root and fd/N):
// following one lands on the object it stands for (nd_jump_link).
type LinkJumper interface {
	JumpFor(t *Task, in *Inode) (Path, error)
}

func readlinkFor(t *Task, in *Inode) (string, error) {
	if r, ok := in.Ops.(TaskLinkResolver); ok {
		return r.ReadlinkFor(t, in)
	}
	return in.Ops.Readlink(in)
}
