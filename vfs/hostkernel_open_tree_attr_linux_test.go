// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// openTreeAttrSys adds open_tree_attr(2) to idmapSys: attr nil passes a
// NULL pointer.
type openTreeAttrSys interface {
	idmapSys
	OpenTreeAttr(p string, flags uint32, attr []byte, usize uint64) (int, error)
}

// openTreeAttrScenario: open_tree_attr's argument checks (in the order
// the kernel makes them: the tree is opened first), a copy made with an
// idmapping, a copy of an idmapped mount with its mapping replaced or
// cleared (only copies: an attached mount keeps it), flags applied
// recursively to a copy and, without OPEN_TREE_CLONE, to the mount
// itself.
func openTreeAttrScenario(s openTreeAttrSys, dir string, r *apiRec) {
	base := dir + "/base"
	for _, d := range []string{dir, base, dir + "/idm1", dir + "/idm2", dir + "/idm3", dir + "/idm4", dir + "/plain"} {
		r.err("mkdir "+d[len(dir):], s.Mkdir(d))
	}
	r.err("mount base", s.MountTmpfs(base))
	r.err("mkdir sub", s.Mkdir(base+"/sub"))
	r.err("mount sub", s.MountTmpfs(base+"/sub"))
	r.err("create f5", s.Create(base+"/f5"))
	r.err("chown f5", s.Chown(base+"/f5", 5, 5))
	ns1 := r.fd("userns 1000")(s.UsernsFd("0 1000 100\n"))
	ns2 := r.fd("userns 2000")(s.UsernsFd("0 2000 100\n"))
	initNS := r.fd("init userns")(s.InitUsernsFd())
	idmap := func(fd int) []byte { return mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, uint64(fd)) }
	try := func(what, p string, flags uint32, attr []byte, usize uint64) int {
		fd := r.fd(what)(s.OpenTreeAttr(p, flags, attr, usize))
		return fd
	}
	closeFd := func(fd int) {
		if fd >= 0 {
			s.Close(fd)
		}
	}
	clone := uint32(linux.OPEN_TREE_CLONE)
	closeFd(try("NULL attr, size 8", base, clone, nil, 8))
	closeFd(try("NULL attr, size 0", base, clone, nil, 0))
	closeFd(try("size 8", base, clone, make([]byte, 8), 8))
	closeFd(try("size 8, no such path", dir+"/none", clone, make([]byte, 8), 8))
	closeFd(try("size 4097", base, clone, make([]byte, 4097), 4097))
	long := make([]byte, 40)
	long[35] = 1
	closeFd(try("size 40, tail not zero", base, clone, long, 40))
	closeFd(try("all zero", base, clone, make([]byte, 40), 40))
	closeFd(try("bad propagation", base, clone, mountAttr(0, 0, linux.MS_SHARED|linux.MS_PRIVATE, 0), 32))
	closeFd(try("idmap initial namespace", base, clone, idmap(initNS), 32))
	closeFd(try("clear idmap, attached", base, 0, mountAttr(0, linux.MOUNT_ATTR_IDMAP, 0, 0), 32))
	closeFd(try("idmap, attached", base, 0, idmap(ns1), 32))
	place := func(what, p string, flags uint32, attr []byte, to string) {
		fd := try(what, p, flags, attr, uint64(len(attr)))
		if fd >= 0 {
			r.err("move "+what, s.MoveMount(fd, to))
			s.Close(fd)
		}
		st, err := s.Stat(to + "/f5")
		r.str("owner of f5 "+what, st, err)
	}
	place("idmapped copy", base, clone, idmap(ns1), dir+"/idm1")
	place("mapping replaced", dir+"/idm1", clone, idmap(ns2), dir+"/idm2")
	place("mapping cleared", dir+"/idm1", clone, mountAttr(0, linux.MOUNT_ATTR_IDMAP, 0, 0), dir+"/idm3")
	place("cleared and set", dir+"/idm1", clone, mountAttr(linux.MOUNT_ATTR_IDMAP, linux.MOUNT_ATTR_IDMAP, 0, uint64(ns2)), dir+"/idm4")
	closeFd(try("replace on the attached mount", dir+"/idm1", 0, idmap(ns2), 32))
	r.err("mount_setattr replacing", s.MountSetattr(unix.AT_FDCWD, dir+"/idm1", 0, idmap(ns2)))
	fd := try("copy of idmapped, no attr", dir+"/idm1", clone, nil, 0)
	if fd >= 0 {
		r.err("mount_setattr on that copy", s.MountSetattr(fd, "", linux.AT_EMPTY_PATH, idmap(ns2)))
		s.Close(fd)
	}
	place("recursive read-only copy", base, clone|linux.AT_RECURSIVE, mountAttr(linux.MOUNT_ATTR_RDONLY, 0, 0, 0), dir+"/plain")
	closeFd(try("read-only, attached", base, 0, mountAttr(linux.MOUNT_ATTR_RDONLY|linux.MOUNT_ATTR_NOEXEC, 0, 0, 0), 32))
	mi := s.Mountinfo()
	for _, m := range []string{"/base", "/base/sub", "/plain", "/plain/sub", "/idm1", "/idm3"} {
		opts := "none"
		for _, l := range strings.Split(mi, "\n") {
			if f := strings.Fields(l); len(f) > 5 && f[4] == dir+m {
				opts = f[5]
			}
		}
		r.str("options "+m, opts, nil)
	}
}

type hostOpenTreeAttr struct{ hostIdmap }

func (hostOpenTreeAttr) OpenTreeAttr(p string, flags uint32, attr []byte, usize uint64) (int, error) {
	var ap unsafe.Pointer
	if attr != nil {
		ap = unsafe.Pointer(&attr[0])
	}
	return sys(unix.SYS_OPEN_TREE_ATTR, unix.AT_FDCWD, cstr(p), flags, ap, uintptr(usize))
}

type vfsOpenTreeAttr struct{ vfsIdmap }

func (o vfsOpenTreeAttr) OpenTreeAttr(p string, flags uint32, attr []byte, usize uint64) (int, error) {
	return o.t.OpenTreeAttr(linux.AT_FDCWD, p, flags, attr, usize)
}

// TestHostOpenTreeAttr compares openTreeAttrScenario on the host kernel
// and on linuxvfs.
func TestHostOpenTreeAttr(t *testing.T) {
	task := newScKernel(t)
	var mine apiRec
	openTreeAttrScenario(vfsOpenTreeAttr{vfsIdmap{task}}, "/ota", &mine)
	if why := hostUnavailable(); why != "" {
		t.Skipf("host kernel reference unavailable (%s); linuxvfs transcript:\n%s", why, strings.Join(mine.lines, "\n"))
	}
	hostDir := t.TempDir()
	var host apiRec
	runHostInMountNS(t, hostDir, func() {
		openTreeAttrScenario(hostOpenTreeAttr{}, hostDir+"/ota", &host)
	})
	if a, b := strings.Join(host.lines, "\n"), strings.Join(mine.lines, "\n"); a != b {
		t.Errorf("linuxvfs differs from the host kernel:\n--- host\n%s\n--- linuxvfs\n%s", a, b)
	}
}
