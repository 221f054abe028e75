// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// submounts keeps one FUSE mount on the host for each virtual mount
// visible inside the exported directory, at the host path that
// corresponds to its mount point, so that host tools see separate
// filesystems (st_dev differs, find -xdev stops) where the virtual
// kernel's processes do. The host kernel makes FUSE submounts by itself
// only for virtio-fs, so the export mounts them: before Mount returns,
// and again at each change of the virtual mount namespace (a new mount
// is mounted on the host, one unmounted or moved away is unmounted
// there).
//
// A submount the host unmounts itself (umount) is not mounted again
// while that virtual mount stays: the tree below it is then served
// through the FUSE mount above, as with NoSubmounts. One the host
// detaches because a lookup of its mount point failed (the host kernel
// drops the dentry and what is mounted on it) is mounted again.
//
// All mounting and unmounting happens in one goroutine (run), never in
// a request handler: mount(2) walks the host path through the export.
type submounts struct {
	opts  *Options
	tasks *taskCache
	top   *fuseMount
	ns    *vfs.MountNamespace
	rt    *vfs.Task // root credentials, chrooted at the exported directory
	wd    *watchdog // told of each connection; nil without one

	mu    sync.Mutex
	byRel map[string]*fuseMount
	gone  map[string]uint64 // rel -> unique ID of a mount the host dropped, or that failed
	all   []*fuseMount      // every submount made and not ended, to wait for

	// The submounts by mount point, as the host names them to the
	// FUSE mount above (its node of the directory, and the name); for
	// lookupFailed, which request handlers call.
	mpMu sync.Mutex
	mps  map[mountpoint]*fuseMount
	// The virtual mounts a submount shows (or is about to): lookups in
	// the FUSE mount above do not cross into them (exportFS.covered).
	// Marked before mount(2) and cleared once the host has detached it,
	// so that the node at the mount point never changes under it.
	shownMnts map[*vfs.Mount]bool

	wake     chan struct{}
	syncs    chan chan struct{}
	stopc    chan struct{}
	exited   chan struct{}
	stopOnce sync.Once
}

// mountpoint is where a submount sits, as the FUSE mount above names it.
type mountpoint struct {
	dir  nodeKey
	name string
}

// newSubmounts prepares the submounts of an export whose tasks are
// tasks; start begins them once the top is mounted.
func newSubmounts(tasks *taskCache, opts *Options) *submounts {
	return &submounts{
		opts: opts, tasks: tasks, ns: tasks.base.MountNamespace(),
		byRel: map[string]*fuseMount{}, gone: map[string]uint64{}, mps: map[mountpoint]*fuseMount{}, shownMnts: map[*vfs.Mount]bool{},
		wake: make(chan struct{}, 1), syncs: make(chan chan struct{}), stopc: make(chan struct{}), exited: make(chan struct{}),
	}
}

// start mounts the submounts of the export whose top is top, whose root
// is root, and starts following the virtual namespace.
func (sm *submounts) start(top *fuseMount, root *vfs.File) {
	sm.top = top
	sm.rt = sm.tasks.base.Clone(0)
	sm.rt.SetCred(vfs.RootCred())
	if err := chrootAt(sm.rt, root); err != nil {
		// No paths to give: everything is served through the top.
		close(sm.exited)
		return
	}
	sm.pass()
	go sm.run()
}

// lookupFailed hears of a failed lookup of name in the directory dir of
// a FUSE mount of the export: if a submount sits there, the host has
// just detached it (a dentry whose revalidation fails is dropped with
// what is mounted on it); run mounts it again.
func (sm *submounts) lookupFailed(dir nodeKey, name string) {
	sm.mpMu.Lock()
	fm := sm.mps[mountpoint{dir, name}]
	sm.mpMu.Unlock()
	if fm != nil {
		fm.dropped.Store(true)
		sm.nudge()
	}
}

// shown reports whether m has a submount of its own on the host.
func (sm *submounts) shown(m *vfs.Mount) bool {
	sm.mpMu.Lock()
	defer sm.mpMu.Unlock()
	return sm.shownMnts[m]
}

// setShown marks m as shown by a submount, or clears the mark.
func (sm *submounts) setShown(m *vfs.Mount, on bool) {
	sm.mpMu.Lock()
	defer sm.mpMu.Unlock()
	if on {
		sm.shownMnts[m] = true
	} else {
		delete(sm.shownMnts, m)
	}
}

// setMountpoint records (or with fm nil forgets) the submount at mp.
func (sm *submounts) setMountpoint(mp mountpoint, fm *fuseMount) {
	sm.mpMu.Lock()
	defer sm.mpMu.Unlock()
	if fm == nil {
		delete(sm.mps, mp)
	} else {
		sm.mps[mp] = fm
	}
}

// chrootAt makes root t's root and working directory.
func chrootAt(t *vfs.Task, root *vfs.File) error {
	fd, err := t.InstallFile(root, true)
	if err != nil {
		return err
	}
	defer t.Close(fd)
	if err := t.Fchdir(fd); err != nil {
		return err
	}
	return t.Chroot(".")
}

func (sm *submounts) run() {
	defer close(sm.exited)
	var done chan struct{}
	for {
		changed := sm.ns.Changed()
		sm.pass()
		if done != nil {
			close(done)
			done = nil
		}
		select {
		case <-changed:
		case <-sm.wake:
		case done = <-sm.syncs:
		case <-sm.stopc:
			return
		case <-sm.top.ended:
			return
		}
	}
}

// sync returns after a pass that began after it was called (or once run
// has ended).
func (sm *submounts) sync() {
	done := make(chan struct{})
	select {
	case sm.syncs <- done:
		<-done
	case <-sm.exited:
	}
}

// nudge wakes run (a submount has ended).
func (sm *submounts) nudge() {
	select {
	case sm.wake <- struct{}{}:
	default:
	}
}

// stop ends run and waits for it.
func (sm *submounts) stop() {
	sm.stopOnce.Do(func() { close(sm.stopc) })
	<-sm.exited
}

// wait waits for every submount to end, then lets go of rt.
func (sm *submounts) wait() {
	sm.mu.Lock()
	all := slices.Clone(sm.all)
	sm.mu.Unlock()
	for _, fm := range all {
		<-fm.ended
	}
	sm.rt.Exit()
}

// unmountAll unmounts every submount, deepest first (after stop).
func (sm *submounts) unmountAll() {
	sm.mu.Lock()
	defer sm.mu.Unlock()
	for _, rel := range byDepth(sm.byRel, true) {
		sm.unmount(sm.byRel[rel])
		sm.forget(rel)
	}
}

// forget takes the submount at rel off the lists of those mounted.
func (sm *submounts) forget(rel string) {
	sm.setShown(sm.byRel[rel].mnt, false)
	sm.setMountpoint(sm.byRel[rel].mp, nil)
	delete(sm.byRel, rel)
}

// wanted is a virtual mount to show at rel, with an O_PATH file on its
// root (a reference) and that root's attributes.
type wanted struct {
	rel  string
	mnt  *vfs.Mount
	root *vfs.File
	st   vfs.Statx
}

// pass brings the host's submounts in line with the virtual tree.
func (sm *submounts) pass() {
	sm.mu.Lock()
	defer sm.mu.Unlock()
	sm.reap()
	want := sm.wanted()
	defer func() {
		for _, w := range want {
			if w.root != nil {
				w.root.DecRef()
			}
		}
	}()
	for _, rel := range byDepth(sm.byRel, true) {
		if w, ok := want[rel]; !ok || w.mnt != sm.byRel[rel].mnt {
			sm.unmount(sm.byRel[rel])
			sm.forget(rel)
		}
	}
	for _, rel := range byDepth(want, false) {
		w := want[rel]
		if sm.byRel[rel] != nil || sm.dropped(rel, want) {
			continue
		}
		if fm, err := sm.mount(w); err == nil {
			sm.byRel[rel] = fm
			sm.all = append(sm.all, fm)
		}
	}
}

// reap forgets the submounts the host no longer has: those whose
// connection has ended (unmounted by the host, unless the export did it
// or a failed lookup dropped them) and those a failed lookup detached,
// which are mounted again.
func (sm *submounts) reap() {
	sm.all = slices.DeleteFunc(sm.all, func(fm *fuseMount) bool {
		select {
		case <-fm.ended:
			return true
		default:
			return false
		}
	})
	for rel, fm := range sm.byRel {
		select {
		case <-fm.ended:
			if !fm.unmounted && !fm.dropped.Load() {
				sm.gone[rel] = fm.mnt.UniqueID()
			}
			sm.forget(rel)
			continue
		default:
		}
		if fm.dropped.Load() {
			// lookupFailed is called before the host has the error: until
			// it has detached the submount, wait (its end nudges run).
			if replaced(fm.path, fm.dev) {
				sm.forget(rel)
			}
			continue
		}
		if !fm.unmounted && replaced(fm.path, fm.dev) {
			// Unmounted by the host, its connection not ended yet: that
			// comes a little later, and until then lookups above would
			// not cross into the virtual mount.
			sm.gone[rel] = fm.mnt.UniqueID()
			sm.forget(rel)
		}
	}
}

// replaced reports whether the host directory p is there on a
// filesystem other than dev: the mount that was there is gone. It reads
// the host's mount table rather than stat p: a stat would be a request
// to this very server (a self-request, see watchdog.go).
func replaced(p string, dev uint64) bool {
	got, ok := hostMountDev(p)
	return !ok || got != dev
}

// hostMountDev returns the device number of the mount the host has on
// top at the path p, from its mount table: ok is false when none is
// there or the table cannot be read.
func hostMountDev(p string) (dev uint64, ok bool) {
	text, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return 0, false
	}
	mounts, err := mountinfo.ParseAll(string(text))
	if err != nil {
		return 0, false
	}
	// A mount over another comes after it in the table.
	for _, m := range mounts {
		if mountinfo.Unescape(m.Mountpoint) == p {
			dev, ok = unix.Mkdev(uint32(m.Major), uint32(m.Minor)), true
		}
	}
	return dev, ok
}

// dropped reports whether the host dropped the submount at rel or at a
// place above it while the same virtual mount is still there.
func (sm *submounts) dropped(rel string, want map[string]*wanted) bool {
	for p := rel; p != "/" && p != "."; p = path.Dir(p) {
		id, ok := sm.gone[p]
		if !ok {
			continue
		}
		if w := want[p]; w != nil && w.mnt.UniqueID() == id {
			return true
		}
		delete(sm.gone, p) // another mount there now
	}
	return false
}

// wanted lists the virtual mounts that a walk from the exported
// directory reaches at their root: each mount's path as the exported
// directory's chroot sees it (d_path), checked by resolving that path
// beneath it without symbolic links (a mount outside the directory, or
// covered by another, resolves to something else and is left out).
// Mounts whose root is not a directory are served by the mount above.
func (sm *submounts) wanted() map[string]*wanted {
	want := map[string]*wanted{}
	for _, m := range sm.ns.Mounts() {
		rel, err := sm.rt.DPath(vfs.Path{Mnt: m, Dentry: m.Root()})
		if err != nil || rel == "/" || !strings.HasPrefix(rel, "/") {
			continue
		}
		if w := sm.resolve(rel, m); w != nil {
			want[rel] = w
		}
	}
	return want
}

// resolve opens rel beneath the exported directory and returns it when
// it is the root of m.
func (sm *submounts) resolve(rel string, m *vfs.Mount) *wanted {
	how := vfs.OpenHow{
		Flags:   linux.O_PATH | linux.O_DIRECTORY | linux.O_CLOEXEC,
		Resolve: linux.RESOLVE_BENEATH | linux.RESOLVE_NO_SYMLINKS | linux.RESOLVE_NO_MAGICLINKS,
	}
	fd, err := sm.rt.Openat2(linux.AT_FDCWD, rel[1:], how)
	if err != nil {
		return nil
	}
	defer sm.rt.Close(fd)
	f, err := sm.rt.Fget(fd)
	if err != nil {
		return nil
	}
	st, err := sm.rt.Fstatat(fd, "", linux.AT_EMPTY_PATH)
	if err != nil || f.Mount() != m || f.Dentry() != m.Root() {
		f.DecRef()
		return nil
	}
	return &wanted{rel: rel, mnt: m, root: f, st: st}
}

// above returns the FUSE mount the host path of rel's parent lies in:
// the deepest submount above rel, or the top.
func (sm *submounts) above(rel string) *fuseMount {
	for p := path.Dir(rel); p != "/"; p = path.Dir(p) {
		if fm := sm.byRel[p]; fm != nil {
			return fm
		}
	}
	return sm.top
}

// mount mounts w on the host. The parent directory is opened first and
// must lie in the FUSE mount above (the host may have unmounted the
// export meanwhile); mount(2) is given a path through that descriptor.
func (sm *submounts) mount(w *wanted) (*fuseMount, error) {
	above := sm.above(w.rel)
	dir, name := path.Split(w.rel)
	dfd, err := openOn(sm.top.path+dir, above.dev)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	mp, err := sm.mountpointOf(above, dir, name)
	if err != nil {
		return nil, err
	}
	root, err := sm.detachedCopy(w.root)
	if err != nil {
		root, w.root = w.root, nil // efs's from here, dropped when it is released
	}
	efs := newExportFS(sm.tasks, root, w.st, sm.opts.Timeout)
	efs.lookupFailed, efs.shown = sm.lookupFailed, sm.shown
	sm.setShown(w.mnt, true)
	fm, err := mountSubFUSE(efs, dfd, name, sm.top.path+w.rel, sm.opts, sm.wd)
	if err != nil {
		sm.setShown(w.mnt, false)
		// Not tried again while this virtual mount is there (without
		// the right to mount(2), as with fusermount, none will do).
		sm.gone[w.rel] = w.mnt.UniqueID()
		return nil, err
	}
	fm.rel, fm.mnt, fm.served, fm.mp = w.rel, w.mnt, root.Mount(), mp
	sm.setMountpoint(mp, fm)
	go func() {
		<-fm.ended
		sm.wd.note(fm.dev, false)
		sm.nudge()
	}()
	return fm, nil
}

// detachedCopy makes a copy of the mount root is the root of, outside
// every namespace (open_tree with OPEN_TREE_CLONE, without the mounts
// below it), and returns its root: a submount is served through such a
// copy, so that its nodes and the files host programs open through it
// keep the copy in use and not the virtual mount, which a plain umount
// in the virtual system then takes away as it would take an unused one
// (the export follows by detaching the host mount). The copy goes when
// the FUSE mount's last node does.
func (sm *submounts) detachedCopy(root *vfs.File) (*vfs.File, error) {
	fd, err := sm.rt.InstallFile(root, true)
	if err != nil {
		return nil, err
	}
	defer sm.rt.Close(fd)
	cfd, err := sm.rt.OpenTree(fd, "", linux.OPEN_TREE_CLONE|linux.OPEN_TREE_CLOEXEC|linux.AT_EMPTY_PATH)
	if err != nil {
		return nil, err
	}
	defer sm.rt.Close(cfd)
	return sm.rt.Fget(cfd)
}

// mountpointOf names the mount point dir+name as the FUSE mount above
// does: the node key of dir, resolved as the host's walk resolves it,
// on the mount above's copy when it is served through one.
func (sm *submounts) mountpointOf(above *fuseMount, dir, name string) (mountpoint, error) {
	how := vfs.OpenHow{
		Flags:   linux.O_PATH | linux.O_DIRECTORY | linux.O_CLOEXEC,
		Resolve: linux.RESOLVE_BENEATH | linux.RESOLVE_NO_SYMLINKS | linux.RESOLVE_NO_MAGICLINKS,
	}
	fd, err := sm.rt.Openat2(linux.AT_FDCWD, "."+dir, how)
	if err != nil {
		return mountpoint{}, err
	}
	defer sm.rt.Close(fd)
	f, err := sm.rt.Fget(fd)
	if err != nil {
		return mountpoint{}, err
	}
	defer f.DecRef()
	st, err := sm.rt.Fstatat(fd, "", linux.AT_EMPTY_PATH)
	if err != nil {
		return mountpoint{}, err
	}
	mnt := f.Mount()
	if mnt == above.mnt && above.served != nil {
		mnt = above.served
	}
	return mountpoint{nodeKey{mnt, st.Dev(), st.Ino}, name}, nil
}

// unmount detaches fm from the host, if the host still has it where it
// was put: the mount is opened by its path and unmounted through that
// descriptor, so that nothing else is unmounted by mistake. Unused, it
// goes at once (when the descriptor is closed); busy, when its last
// user leaves.
func (sm *submounts) unmount(fm *fuseMount) {
	fm.unmounted = true
	fd, err := openOn(fm.path, fm.dev)
	if err != nil {
		return // the host has dropped it already
	}
	defer unix.Close(fd)
	_ = unix.Unmount(fmt.Sprintf("/proc/self/fd/%d", fd), unix.MNT_DETACH)
}

// openOn opens the host directory p as O_PATH, and only if it lies on
// the filesystem dev. The walk to p is made of requests to this server
// when p lies in the export (a self-request, see watchdog.go); the check of the device
// is not one.
func openOn(p string, dev uint64) (int, error) {
	fd, err := unix.Open(p, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	if got, err := cachedDev(fd); err != nil || got != dev {
		unix.Close(fd)
		return -1, unix.ESTALE
	}
	return fd, nil
}

// cachedDev returns the st_dev of the file fd is open on without asking
// its filesystem (AT_STATX_DONT_SYNC: FUSE answers from its cache, and
// st_dev is the superblock's anyway).
func cachedDev(fd int) (uint64, error) {
	var stx unix.Statx_t
	if err := unix.Statx(fd, "", unix.AT_EMPTY_PATH|unix.AT_STATX_DONT_SYNC, 0, &stx); err != nil {
		return 0, err
	}
	return unix.Mkdev(stx.Dev_major, stx.Dev_minor), nil
}

// byDepth returns m's keys, shallowest first or deepest first.
func byDepth[V any](m map[string]V, deepest bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		d := strings.Count(a, "/") - strings.Count(b, "/")
		if deepest {
			d = -d
		}
		if d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return keys
}

// hostPathDev returns the st_dev of the host directory p without a
// request to the filesystem it is on. For the top of an export the walk
// ends on the host's directory, then crosses into the FUSE mount's root,
// which the host does not revalidate: no request at all.
func hostPathDev(p string) (uint64, error) {
	fd, err := unix.Open(p, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	return cachedDev(fd)
}
