// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// idmapSetattrSys adds to idmapSys the attribute changes and the
// credential switches the setattr scenario makes.
type idmapSetattrSys interface {
	idmapSys
	Chmod(p string, mode uint32) error
	Utimes(p string, now bool) error
	Truncate(p string, size int64) error
	Ftruncate(fd int, size int64) error
	Write(fd int, b []byte) error
	Mode(p string) (string, error)
	// As switches to uid and gid with groups and no capabilities; AsRoot
	// switches back.
	As(uid, gid int, groups []int) error
	AsRoot() error
}

// idmapSetattrScenario: through an idmapped mount (0-99 shown as
// 1000-1099), a file whose owner the mount does not map refuses chmod,
// utimes and every kind of truncation with EOVERFLOW, before the
// ownership rules (notify_change), for root and for anyone; and a write by
// a user without CAP_FSETID keeps a set-group-ID bit (without group
// execute) only if the user is in the group as the mount shows it.
func idmapSetattrScenario(s idmapSetattrSys, dir string, r *apiRec) {
	base, idm := dir+"/base", dir+"/idm"
	r.err("mkdir dir", s.Mkdir(dir))
	r.err("mkdir base", s.Mkdir(base))
	r.err("mkdir idm", s.Mkdir(idm))
	r.err("mount base", s.MountTmpfs(base))
	for _, f := range []struct {
		name string
		id   int
		mode uint32
	}{{"f200", 200, 0o666}, {"f5", 5, 0o666}, {"g", 5, 0o2666}} {
		r.err("create "+f.name, s.Create(base+"/"+f.name))
		r.err("chown "+f.name, s.Chown(base+"/"+f.name, f.id, f.id))
		r.err("chmod "+f.name, s.Chmod(base+"/"+f.name, f.mode))
	}
	ns := r.fd("userns")(s.UsernsFd("0 1000 100\n"))
	tree := r.fd("open_tree")(s.OpenTree(base, linux.OPEN_TREE_CLONE))
	r.err("setattr", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, uint64(ns))))
	r.err("move_mount", s.MoveMount(tree, idm))
	unmapped := func(who string) {
		r.err(who+" chmod f200", s.Chmod(idm+"/f200", 0o600))
		r.err(who+" utimes f200", s.Utimes(idm+"/f200", false))
		r.err(who+" utimes f200 now", s.Utimes(idm+"/f200", true))
		r.err(who+" truncate f200", s.Truncate(idm+"/f200", 1))
		_, err := s.Open(idm+"/f200", unix.O_WRONLY|unix.O_TRUNC)
		r.err(who+" open f200 O_TRUNC", err)
		fd, err := s.Open(idm+"/f200", unix.O_WRONLY)
		r.err(who+" open f200", err)
		if err == nil {
			r.err(who+" ftruncate f200", s.Ftruncate(fd, 1))
			s.Close(fd)
		}
	}
	unmapped("root")
	r.err("root chmod f5", s.Chmod(idm+"/f5", 0o644))
	r.err("root chmod base/f200", s.Chmod(base+"/f200", 0o666))
	r.err("as 2000", s.As(2000, 2000, nil))
	unmapped("user")
	r.err("user chmod f5", s.Chmod(idm+"/f5", 0o644))
	r.err("back to root", s.AsRoot())
	for _, c := range []struct {
		who    string
		groups []int
	}{{"in the mount's group 1005", []int{1005}}, {"in the filesystem's group 5", []int{5}}} {
		r.err("reset g", s.Chmod(base+"/g", 0o2666))
		r.err("as "+c.who, s.As(2000, 2000, c.groups))
		fd, err := s.Open(idm+"/g", unix.O_WRONLY)
		r.err("open g "+c.who, err)
		if err == nil {
			r.err("write g", s.Write(fd, []byte("x")))
			s.Close(fd)
		}
		r.err("back to root", s.AsRoot())
		m, err := s.Mode(base + "/g")
		r.str("mode of g after a write "+c.who, m, err)
		r.err("reset g", s.Chmod(base+"/g", 0o2666))
		r.err("as "+c.who, s.As(2000, 2000, c.groups))
		r.err("truncate g", s.Truncate(idm+"/g", 0))
		r.err("back to root", s.AsRoot())
		m, err = s.Mode(base + "/g")
		r.str("mode of g after a truncate "+c.who, m, err)
	}
	for _, f := range []string{"f200", "f5"} {
		m, err := s.Mode(base + "/" + f)
		r.str("mode "+f, m, err)
	}
}

type hostIdmapSetattr struct{ hostIdmap }

func (hostIdmapSetattr) Chmod(p string, mode uint32) error { return unix.Chmod(p, mode) }
func (hostIdmapSetattr) Utimes(p string, now bool) error {
	if now {
		return unix.UtimesNanoAt(unix.AT_FDCWD, p, nil, 0)
	}
	ts := []unix.Timespec{{Sec: 5}, {Sec: 6}}
	return unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, 0)
}
func (hostIdmapSetattr) Truncate(p string, size int64) error { return unix.Truncate(p, size) }
func (hostIdmapSetattr) Ftruncate(fd int, size int64) error  { return unix.Ftruncate(fd, size) }
func (hostIdmapSetattr) Write(fd int, b []byte) error {
	_, err := unix.Write(fd, b)
	return err
}
func (hostIdmapSetattr) Mode(p string) (string, error) {
	var st unix.Stat_t
	err := unix.Stat(p, &st)
	return fmt.Sprintf("%o", st.Mode), err
}
func (hostIdmapSetattr) As(uid, gid int, groups []int) error {
	return setThreadIDs(uid, uid, 0, gid, gid, gid, groups)
}
func (hostIdmapSetattr) AsRoot() error {
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, 0, 0, 0); e != 0 {
		return e
	}
	return setThreadIDs(0, 0, 0, 0, 0, 0, []int{})
}

type vfsIdmapSetattr struct{ vfsIdmap }

func (o vfsIdmapSetattr) Chmod(p string, mode uint32) error { return o.t.Chmod(p, mode) }
func (o vfsIdmapSetattr) Utimes(p string, now bool) error {
	if now {
		return o.t.Utimensat(linux.AT_FDCWD, p, nil, 0)
	}
	return o.t.Utimensat(linux.AT_FDCWD, p, &[2]vfs.Timespec{{Sec: 5}, {Sec: 6}}, 0)
}
func (o vfsIdmapSetattr) Truncate(p string, size int64) error { return o.t.Truncate(p, size) }
func (o vfsIdmapSetattr) Ftruncate(fd int, size int64) error  { return o.t.Ftruncate(fd, size) }
func (o vfsIdmapSetattr) Write(fd int, b []byte) error {
	_, err := o.t.Write(fd, b)
	return err
}
func (o vfsIdmapSetattr) Mode(p string) (string, error) {
	st, err := o.t.Stat(p)
	return fmt.Sprintf("%o", st.Mode), err
}
func (o vfsIdmapSetattr) As(uid, gid int, groups []int) error {
	g := make([]uint32, len(groups))
	for i, x := range groups {
		g[i] = uint32(x)
	}
	o.t.SetCred(vfs.UserCred(uint32(uid), uint32(gid), g...))
	return nil
}
func (o vfsIdmapSetattr) AsRoot() error {
	o.t.SetCred(vfs.RootCred())
	return nil
}

// runHostInMountNS runs fn on a thread of its own in a mount namespace of
// its own (private propagation) with a tmpfs on dir.
func runHostInMountNS(t *testing.T, dir string, fn func()) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its namespace
		if err := unix.Unshare(unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_NEWNS); err != nil {
			done <- err
			return
		}
		if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
			done <- err
			return
		}
		if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
			done <- err
			return
		}
		fn()
		done <- nil
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestHostIdmappedSetattr compares idmapSetattrScenario on the host
// kernel and on linuxvfs.
func TestHostIdmappedSetattr(t *testing.T) {
	task := newScKernel(t)
	var mine apiRec
	idmapSetattrScenario(vfsIdmapSetattr{vfsIdmap{task}}, "/idmap", &mine)
	if why := hostUnavailable(); why != "" {
		t.Skipf("host kernel reference unavailable (%s); linuxvfs transcript:\n%s", why, strings.Join(mine.lines, "\n"))
	}
	hostDir := t.TempDir()
	for d := hostDir; d != os.TempDir(); d = filepath.Dir(d) { // for uid 2000
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var host apiRec
	runHostInMountNS(t, hostDir, func() {
		idmapSetattrScenario(hostIdmapSetattr{}, filepath.Join(hostDir, "idmap"), &host)
	})
	if a, b := strings.Join(host.lines, "\n"), strings.Join(mine.lines, "\n"); a != b {
		t.Errorf("linuxvfs differs from the host kernel:\n--- host\n%s\n--- linuxvfs\n%s", a, b)
	}
}
