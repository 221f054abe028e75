// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// idmapSys is what the idmapped-mount scenario needs of a kernel.
type idmapSys interface {
	Mkdir(p string) error
	MountTmpfs(p string) error
	Create(p string) error
	Chown(p string, uid, gid int) error
	Stat(p string) (string, error) // "uid:gid"
	Open(p string, flags int) (int, error)
	Close(fd int) error
	// UsernsFd opens a new user namespace whose uid and gid maps are m.
	UsernsFd(m string) (int, error)
	InitUsernsFd() (int, error)
	OpenTree(p string, flags uint32) (int, error)
	MountSetattr(fd int, p string, flags uint32, attr []byte) error
	MoveMount(fd int, to string) error
	Mountinfo() string
	StatxMntID(dfd int, p string, flags int) (uint64, uint32, error)
	Statmount(req []byte, bufsize int, flags uint32) ([]byte, error)
}

// idmapScenario makes an idmapped mount of a tmpfs through a namespace
// mapping 0-99 to 1000-1099 and looks at owners, creation, chown and
// permission through it, errnos included.
func idmapScenario(s idmapSys, dir string, r *apiRec) {
	base, idm := dir+"/base", dir+"/idm"
	r.err("mkdir dir", s.Mkdir(dir))
	r.err("mkdir base", s.Mkdir(base))
	r.err("mkdir idm", s.Mkdir(idm))
	r.err("mount base", s.MountTmpfs(base))
	for _, f := range []struct {
		name string
		id   int
	}{{"f0", 0}, {"f5", 5}, {"f200", 200}} {
		r.err("create "+f.name, s.Create(base+"/"+f.name))
		r.err("chown "+f.name, s.Chown(base+"/"+f.name, f.id, f.id))
	}
	ns := r.fd("userns")(s.UsernsFd("0 1000 100\n"))
	initNS := r.fd("init userns")(s.InitUsernsFd())
	file := r.fd("open file")(s.Open(base+"/f0", unix.O_RDONLY))
	idmap := func(fd int) []byte { return mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, uint64(fd)) }
	attached := r.fd("open base")(s.Open(base, unix.O_PATH))
	r.err("setattr attached", s.MountSetattr(attached, "", linux.AT_EMPTY_PATH, idmap(ns)))
	tree := r.fd("open_tree clone")(s.OpenTree(base, linux.OPEN_TREE_CLONE))
	r.err("setattr init ns", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, idmap(initNS)))
	r.err("setattr file", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, idmap(file)))
	r.err("setattr bad fd", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, idmap(999)))
	r.err("setattr clear", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, mountAttr(0, linux.MOUNT_ATTR_IDMAP, 0, uint64(ns))))
	r.err("setattr", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, idmap(ns)))
	r.err("setattr again", s.MountSetattr(tree, "", linux.AT_EMPTY_PATH, idmap(ns)))
	r.err("move_mount", s.MoveMount(tree, idm))
	for _, f := range []string{"", "/f0", "/f5", "/f200"} {
		st, err := s.Stat(idm + f)
		r.str("stat idm"+f, st, err)
	}
	r.err("create through idmap as root", s.Create(idm+"/new"))
	r.err("chown f0 1007", s.Chown(idm+"/f0", 1007, 1007))
	st, err := s.Stat(base + "/f0")
	r.str("stat base/f0", st, err)
	r.err("chown f5 to 5", s.Chown(idm+"/f5", 5, 5))
	r.err("chown f200 to 1001", s.Chown(idm+"/f200", 1001, -1))
	fd, err := s.Open(idm+"/f5", unix.O_WRONLY)
	r.err("write-open f5", err)
	if err == nil {
		s.Close(fd)
	}
	_, err = s.Open(idm+"/f200", unix.O_WRONLY)
	r.err("write-open f200 (owner unmapped: no override)", err)
	mi := ""
	for _, l := range strings.Split(s.Mountinfo(), "\n") {
		if f := strings.Fields(l); len(f) > 5 && f[4] == idm {
			mi = f[5]
		}
	}
	r.str("mount options", mi, nil)
	id, _, err := s.StatxMntID(unix.AT_FDCWD, idm, 0)
	r.err("statx mnt id", err)
	mask := uint64(linux.STATMOUNT_MNT_BASIC | linux.STATMOUNT_MNT_UIDMAP | linux.STATMOUNT_MNT_GIDMAP)
	b, err := s.Statmount(smReq(linux.MNT_ID_REQ_SIZE_VER0, id, mask, 0, 0), 4096, 0)
	r.err("statmount", err)
	if err == nil {
		sm, err := vfs.DecodeStatmount(b)
		r.str("statmount idmap", fmt.Sprintf("attr %#x uid %q gid %q", sm.MntAttr&linux.MOUNT_ATTR_IDMAP, sm.MntUIDMap, sm.MntGIDMap), err)
	}
}

type hostIdmap struct{}

func (hostIdmap) Mkdir(p string) error      { return unix.Mkdir(p, 0o755) }
func (hostIdmap) MountTmpfs(p string) error { return unix.Mount("none", p, "tmpfs", 0, "") }
func (hostIdmap) Create(p string) error {
	fd, err := unix.Open(p, unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY, 0o644)
	if err == nil {
		unix.Close(fd)
	}
	return err
}
func (hostIdmap) Chown(p string, uid, gid int) error { return unix.Chown(p, uid, gid) }
func (hostIdmap) Stat(p string) (string, error) {
	var st unix.Stat_t
	err := unix.Stat(p, &st)
	return fmt.Sprintf("%d:%d", st.Uid, st.Gid), err
}
func (hostIdmap) Open(p string, flags int) (int, error) { return unix.Open(p, flags, 0) }
func (hostIdmap) Close(fd int) error                    { return unix.Close(fd) }
func (hostIdmap) InitUsernsFd() (int, error) {
	return unix.Open("/proc/thread-self/ns/user", unix.O_RDONLY, 0)
}

// UsernsFd starts `unshare -U` waiting on its standard input, writes its
// maps from here (root in the parent namespace) and opens its namespace.
func (hostIdmap) UsernsFd(m string) (int, error) {
	cmd := exec.Command("unshare", "-U", "sh", "-c", "read x")
	in, err := cmd.StdinPipe()
	if err != nil {
		return -1, err
	}
	if err := cmd.Start(); err != nil {
		return -1, err
	}
	defer func() { in.Close(); cmd.Wait() }()
	self, _ := os.Readlink("/proc/self/ns/user")
	pid := fmt.Sprint(cmd.Process.Pid)
	for { // until unshare has made its namespace (or died)
		if l, err := os.Readlink("/proc/" + pid + "/ns/user"); err != nil || l != self {
			break
		}
		runtime.Gosched()
	}
	for _, f := range []string{"uid_map", "gid_map"} {
		if err := os.WriteFile("/proc/"+pid+"/"+f, []byte(m), 0); err != nil {
			return -1, err
		}
	}
	return unix.Open("/proc/"+pid+"/ns/user", unix.O_RDONLY, 0)
}
func (hostIdmap) OpenTree(p string, flags uint32) (int, error) {
	return unix.OpenTree(unix.AT_FDCWD, p, uint(flags))
}
func (hostIdmap) MountSetattr(fd int, p string, flags uint32, attr []byte) error {
	return hostAPI{}.MountSetattr(fd, p, flags, attr)
}
func (hostIdmap) MoveMount(fd int, to string) error {
	return unix.MoveMount(fd, "", unix.AT_FDCWD, to, unix.MOVE_MOUNT_F_EMPTY_PATH)
}
func (hostIdmap) StatxMntID(dfd int, p string, flags int) (uint64, uint32, error) {
	return hostAPI{}.StatxMntID(dfd, p, flags)
}
func (hostIdmap) Statmount(req []byte, bufsize int, flags uint32) ([]byte, error) {
	return hostAPI{}.Statmount(req, bufsize, flags)
}
func (hostIdmap) Mountinfo() string {
	b, _ := os.ReadFile("/proc/thread-self/mountinfo")
	return string(b)
}

type vfsIdmap struct{ t *vfs.Task }

func (o vfsIdmap) Mkdir(p string) error      { return o.t.Mkdir(p, 0o755) }
func (o vfsIdmap) MountTmpfs(p string) error { return o.t.Mount("none", p, "tmpfs", 0, "") }
func (o vfsIdmap) Create(p string) error {
	fd, err := o.t.Openat(linux.AT_FDCWD, p, linux.O_CREAT|linux.O_EXCL|linux.O_WRONLY, 0o644)
	if err == nil {
		o.t.Close(fd)
	}
	return err
}
func (o vfsIdmap) Chown(p string, uid, gid int) error { return o.t.Chown(p, uint32(uid), uint32(gid)) }
func (o vfsIdmap) Stat(p string) (string, error) {
	st, err := o.t.Stat(p)
	return fmt.Sprintf("%d:%d", st.UID, st.GID), err
}
func (o vfsIdmap) Open(p string, flags int) (int, error) {
	return o.t.Openat(linux.AT_FDCWD, p, uint32(flags), 0)
}
func (o vfsIdmap) Close(fd int) error         { return o.t.Close(fd) }
func (o vfsIdmap) InitUsernsFd() (int, error) { return o.t.OpenNamespace(o.t, "user") }
func (o vfsIdmap) UsernsFd(m string) (int, error) {
	child := o.t.Clone(0)
	defer child.Exit()
	if err := child.Unshare(linux.CLONE_NEWUSER); err != nil {
		return -1, err
	}
	ns := child.Cred().Namespace()
	for _, f := range []string{"uid_map", "gid_map"} {
		if _, err := vfs.WriteIDMap(ns, f, o.t.Cred(), o.t.Cred(), []byte(m), 0); err != nil {
			return -1, err
		}
	}
	return o.t.OpenNamespace(child, "user")
}
func (o vfsIdmap) OpenTree(p string, flags uint32) (int, error) {
	return o.t.OpenTree(linux.AT_FDCWD, p, flags)
}
func (o vfsIdmap) MountSetattr(fd int, p string, flags uint32, attr []byte) error {
	return o.t.MountSetattrRaw(fd, p, flags, attr)
}
func (o vfsIdmap) MoveMount(fd int, to string) error {
	return o.t.MoveMount(fd, "", linux.AT_FDCWD, to, linux.MOVE_MOUNT_F_EMPTY_PATH)
}
func (o vfsIdmap) Mountinfo() string { return o.t.Mountinfo() }
func (o vfsIdmap) StatxMntID(dfd int, p string, flags int) (uint64, uint32, error) {
	return vfsAPI{o.t}.StatxMntID(dfd, p, flags)
}
func (o vfsIdmap) Statmount(req []byte, bufsize int, flags uint32) ([]byte, error) {
	return vfsAPI{o.t}.Statmount(req, bufsize, flags)
}

// TestHostIdmappedMount compares idmapScenario on the host kernel (in a
// mount namespace of its own) and on linuxvfs.
func TestHostIdmappedMount(t *testing.T) {
	task := newScKernel(t)
	dir := "/idmap"
	var mine apiRec
	idmapScenario(vfsIdmap{task}, dir, &mine)
	if why := hostUnavailable(); why != "" {
		t.Skipf("host kernel reference unavailable (%s); linuxvfs transcript:\n%s", why, strings.Join(mine.lines, "\n"))
	}
	hostDir := t.TempDir()
	var host apiRec
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
		if err := unix.Mount("tmpfs", hostDir, "tmpfs", 0, ""); err != nil {
			done <- err
			return
		}
		idmapScenario(hostIdmap{}, filepath.Join(hostDir, "idmap"), &host)
		done <- nil
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(mine.lines, "move_mount = "+apiErrStr(nil)) || !slices.Contains(mine.lines, "statmount = "+apiErrStr(nil)) {
		t.Fatalf("the scenario did not get as far as an idmapped mount:\n%s", strings.Join(mine.lines, "\n"))
	}
	if a, b := strings.Join(host.lines, "\n"), strings.Join(mine.lines, "\n"); a != b {
		t.Errorf("linuxvfs differs from the host kernel:\n--- host\n%s\n--- linuxvfs\n%s", a, b)
	}
}
