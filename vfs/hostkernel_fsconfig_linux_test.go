// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// drainLog records every message left in a context's log.
func drainLog(o apiOps, r *apiRec, fd int) {
	for {
		s, err := o.Read(fd, 512)
		if err != nil {
			r.err("log end", err)
			return
		}
		r.str("log", s, nil)
	}
}

// fsconfigScenarios go over every fsconfig(2) command and every
// move_mount(2) flag (TestHostMountAPI runs them with the others).
var fsconfigScenarios = map[string]func(o apiOps, r *apiRec){
	"fsconfig-create-excl": func(o apiOps, r *apiRec) {
		for _, typ := range []string{"tmpfs", "proc", "ramfs", "devpts", "sysfs", "mqueue"} {
			for _, cmd := range []uint32{linux.FSCONFIG_CMD_CREATE, linux.FSCONFIG_CMD_CREATE_EXCL} {
				fd := r.fd("fsopen " + typ)(o.Fsopen(typ, 0))
				r.err("create", o.Fsconfig(fd, cmd, nil, nil, 0))
				m := r.fd("fsmount")(o.Fsmount(fd, 0, 0))
				r.err("create again", o.Fsconfig(fd, cmd, nil, nil, 0))
				drainLog(o, r, fd)
				if m >= 0 {
					o.Close(m)
				}
				o.Close(fd)
			}
		}
		r.err("mkdir s", o.Mkdir("/s"))
		r.err("mount sysfs", o.MountFS("sysfs", "/s", "sysfs", 0, ""))
		fd := r.fd("fsopen sysfs")(o.Fsopen("sysfs", 0))
		r.err("create excl with one mounted", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE_EXCL, nil, nil, 0))
		r.err("set after failed excl", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("create after failed excl", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		drainLog(o, r, fd)
		// sysfs stays mounted: linuxvfs keeps its superblock from the
		// first mount on, which the end-of-test accounting wants used.
	},
	"fsconfig-commands": func(o apiOps, r *apiRec) {
		r.err("mkdir d", o.Mkdir("/d"))
		dfd := r.fd("open d")(o.Open("/d", oDir))
		fd := r.fd("fsopen tmpfs")(o.Fsopen("tmpfs", 0))
		for _, f := range []string{"ro", "rw", "sync", "async", "dirsync", "lazytime", "nolazytime", "mand", "nomand", "silent", "posixacl", "noexec", "nosuid", "nodev", "noatime", "relatime", "bind", "remount", "defaults"} {
			r.err("flag "+f, o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp(f), nil, 0))
			r.err("string "+f, o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp(f), []byte("x"), 0))
		}
		drainLog(o, r, fd)
		r.err("empty key", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp(""), nil, 0))
		r.err("key 255", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp(strings.Repeat("k", 255)), nil, 0))
		r.err("key 256", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp(strings.Repeat("k", 256)), nil, 0))
		r.err("value 255", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte(strings.Repeat("1", 255)), 0))
		r.err("value 256", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte(strings.Repeat("1", 256)), 0))
		r.err("binary size", o.Fsconfig(fd, linux.FSCONFIG_SET_BINARY, sp("size"), []byte("1m"), 2))
		r.err("binary source", o.Fsconfig(fd, linux.FSCONFIG_SET_BINARY, sp("source"), []byte("src"), 3))
		r.err("binary 1MiB+1", o.Fsconfig(fd, linux.FSCONFIG_SET_BINARY, sp("size"), make([]byte, 1<<20+1), 1<<20+1))
		r.err("path source", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("source"), []byte("d"), linux.AT_FDCWD))
		r.err("path missing", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("source"), []byte("/nope/x"), linux.AT_FDCWD))
		r.err("path relative dirfd", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("size"), []byte("x"), dfd))
		r.err("path bad dirfd", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("size"), []byte("x"), 999))
		r.err("path_empty empty", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH_EMPTY, sp("source"), []byte(""), dfd))
		r.err("path_empty name", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH_EMPTY, sp("mode"), []byte("d"), linux.AT_FDCWD))
		r.err("path_empty aux -2", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH_EMPTY, sp("mode"), []byte(""), -2))
		r.err("fd source", o.Fsconfig(fd, linux.FSCONFIG_SET_FD, sp("source"), nil, dfd))
		r.err("fd size", o.Fsconfig(fd, linux.FSCONFIG_SET_FD, sp("size"), nil, dfd))
		r.err("fd aux -1", o.Fsconfig(fd, linux.FSCONFIG_SET_FD, sp("size"), nil, -1))
		r.err("flag on string option", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("mode"), nil, 0))
		r.err("string on flag option", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("noswap"), []byte("1"), 0))
		r.err("flag noswap", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("noswap"), nil, 0))
		r.err("string source", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("source"), []byte("src"), 0))
		r.err("string empty", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("mode"), []byte(""), 0))
		drainLog(o, r, fd)
		r.err("reconfigure before create", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		r.err("create excl after create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE_EXCL, nil, nil, 0))
		r.err("reconfigure after create", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		m := r.fd("fsmount")(o.Fsmount(fd, 0, 0))
		r.err("attach", o.MoveMount(m, "", dfd, "", linux.MOVE_MOUNT_F_EMPTY_PATH|linux.MOVE_MOUNT_T_EMPTY_PATH))
		r.err("reconfigure after mount", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("set after reconfigure", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte("2m"), 0))
		r.err("source after reconfigure", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("source"), []byte("x"), 0))
		r.err("reconfigure again", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("create after reconfigure", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		drainLog(o, r, fd)
		p := r.fd("fspick d")(o.Fspick(linux.AT_FDCWD, "/d", 0))
		r.err("picked ro", o.Fsconfig(p, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("picked nr_inodes", o.Fsconfig(p, linux.FSCONFIG_SET_STRING, sp("nr_inodes"), []byte("5"), 0))
		r.err("picked huge", o.Fsconfig(p, linux.FSCONFIG_SET_STRING, sp("huge"), []byte("always"), 0))
		r.err("picked reconfigure", o.Fsconfig(p, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("picked excl", o.Fsconfig(p, linux.FSCONFIG_CMD_CREATE_EXCL, nil, nil, 0))
		drainLog(o, r, p)
		pp := r.fd("fspick proc")(o.Fspick(linux.AT_FDCWD, "/d", 0))
		r.err("picked size too small", o.Fsconfig(pp, linux.FSCONFIG_SET_STRING, sp("nr_inodes"), []byte("1"), 0))
		r.err("picked reconfigure fails", o.Fsconfig(pp, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("after failed reconfigure", o.Fsconfig(pp, linux.FSCONFIG_SET_FLAG, sp("rw"), nil, 0))
		r.err("reconfigure in failed phase", o.Fsconfig(pp, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		drainLog(o, r, pp)
		// The flags mask outlives a reconfiguration: a second one with no
		// flags given applies the first one's mask with no flags set.
		q := r.fd("fspick d again")(o.Fspick(linux.AT_FDCWD, "/d", 0))
		id := r.statxID(o, "statx d", linux.AT_FDCWD, "/d", 0)
		sbFlags := func(what string) {
			r.sm(o, what, smReq(24, id, linux.STATMOUNT_SB_BASIC, 0, 0), 600, "")
		}
		r.err("ro", o.Fsconfig(q, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("reconfigure ro", o.Fsconfig(q, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		sbFlags("after ro")
		r.err("reconfigure with nothing set", o.Fsconfig(q, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		sbFlags("after empty reconfigure")
		r.err("ro again", o.Fsconfig(q, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("reconfigure ro again", o.Fsconfig(q, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("size", o.Fsconfig(q, linux.FSCONFIG_SET_STRING, sp("size"), []byte("3m"), 0))
		r.err("reconfigure size", o.Fsconfig(q, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		sbFlags("after size")
	},
	"fsconfig-proc": func(o apiOps, r *apiRec) {
		fd := r.fd("fsopen proc")(o.Fsopen("proc", 0))
		for _, c := range []struct{ k, v string }{
			{"hidepid", "2"}, {"hidepid", "ptraceable"}, {"hidepid", "9"}, {"hidepid", ""},
			{"subset", "pid"}, {"subset", "sys"}, {"gid", "x"}, {"gid", "5"},
		} {
			r.err("string "+c.k+"="+c.v, o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp(c.k), []byte(c.v), 0))
		}
		r.err("flag hidepid", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("hidepid"), nil, 0))
		r.err("flag subset", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("subset"), nil, 0))
		drainLog(o, r, fd)
		r.err("create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		m := r.fd("fsmount")(o.Fsmount(fd, 0, linux.MOUNT_ATTR_NOEXEC))
		r.err("mkdir p", o.Mkdir("/p"))
		r.err("attach", o.MoveMount(m, "", linux.AT_FDCWD, "/p", linux.MOVE_MOUNT_F_EMPTY_PATH))
	},
	"move-mount-flags": func(o apiOps, r *apiRec) {
		for _, d := range []string{"/a", "/b", "/c", "/t"} {
			r.err("mkdir "+d, o.Mkdir(d))
		}
		r.err("symlink la", o.Symlink("a", "/la"))
		r.err("symlink lt", o.Symlink("/t", "/lt"))
		r.err("mount a", o.MountTmpfs("/a"))
		r.err("from symlink, no follow", o.MoveMount(linux.AT_FDCWD, "/la", linux.AT_FDCWD, "/t", 0))
		r.err("to symlink, no follow", o.MoveMount(linux.AT_FDCWD, "/a", linux.AT_FDCWD, "/lt", 0))
		r.err("F_SYMLINKS", o.MoveMount(linux.AT_FDCWD, "/la", linux.AT_FDCWD, "/b", linux.MOVE_MOUNT_F_SYMLINKS))
		r.err("T_SYMLINKS", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/lt", linux.MOVE_MOUNT_T_SYMLINKS))
		r.err("automounts", o.MoveMount(linux.AT_FDCWD, "/t", linux.AT_FDCWD, "/c", linux.MOVE_MOUNT_F_AUTOMOUNTS|linux.MOVE_MOUNT_T_AUTOMOUNTS))
		cfd := r.fd("open b")(o.Open("/b", oPath))
		tfd := r.fd("open c")(o.Open("/c", oPath))
		r.err("F_EMPTY_PATH on a non-mount", o.MoveMount(cfd, "", linux.AT_FDCWD, "/b", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("T_EMPTY_PATH without flag", o.MoveMount(linux.AT_FDCWD, "/c", tfd, "", 0))
		r.err("T_EMPTY_PATH", o.MoveMount(linux.AT_FDCWD, "/c", tfd, "", linux.MOVE_MOUNT_T_EMPTY_PATH))
		r.err("T_EMPTY_PATH onto itself", o.MoveMount(linux.AT_FDCWD, "/b", tfd, "", linux.MOVE_MOUNT_T_EMPTY_PATH))
		r.err("to a file", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/la", linux.MOVE_MOUNT_T_SYMLINKS))
		r.err("root onto b", o.MoveMount(linux.AT_FDCWD, "/", linux.AT_FDCWD, "/b", 0))
		r.err("into itself", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/b/x", 0))
		r.err("mkdir b/x", o.Mkdir("/b/x"))
		r.err("into own subtree", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/b/x", 0))
		r.err("bits 0x8", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/c", 0x8))
		r.err("bits 0x400", o.MoveMount(linux.AT_FDCWD, "/b", linux.AT_FDCWD, "/c", 0x400))
	},
}

func init() {
	for name, sc := range fsconfigScenarios {
		apiScenarios[name] = sc
	}
}

// cachedScenarios are RESOLVE_CACHED's EAGAIN cases: a name the dcache does
// not have, or one the RCU walk cannot finish (a magic link, a mount to
// refuse under RESOLVE_NO_XDEV), is EAGAIN; what the dcache answers
// (negative entries included) is the answer.
var cachedScenarios = map[string]func(o apiOps, r *apiRec){
	"openat2-cached": func(o apiOps, r *apiRec) {
		cached := func(what, name string, flags uint64, resolve uint64) {
			fd := r.fd(what)(o.Openat2(linux.AT_FDCWD, name, openHow(flags, 0, linux.RESOLVE_CACHED|resolve)))
			if fd >= 0 {
				o.Close(fd)
			}
		}
		// The host's per-task proc entries answer a cached walk with a
		// descriptor or, now and then, EAGAIN (pid_revalidate in RCU mode
		// under load): either is recorded as the same line.
		perTask := func(what, name string, flags uint64) {
			fd, err := o.Openat2(linux.AT_FDCWD, name, openHow(flags, 0, linux.RESOLVE_CACHED))
			if fd >= 0 {
				o.Close(fd)
			}
			if apiErrStr(err) == apiErrStr(linux.EAGAIN) {
				err = nil
			}
			r.err(what+" (fd or EAGAIN)", err)
		}
		for _, d := range []string{"/d", "/d/sub", "/m"} {
			r.err("mkdir "+d, o.Mkdir(d))
		}
		r.err("symlink", o.Symlink("sub", "/d/ln"))
		r.err("symlink abs", o.Symlink("/d/sub", "/d/abs"))
		r.err("symlink long", o.Symlink(strings.Repeat("./", 100)+"sub", "/d/long"))
		fd := r.fd("create f")(o.Open("/d/f", linux.O_CREAT|linux.O_WRONLY))
		o.Close(fd)
		cached("dir", "/d/sub", oPath, 0)
		cached("file rdonly", "/d/f", linux.O_RDONLY, 0)
		cached("file wronly", "/d/f", linux.O_WRONLY, 0)
		cached("file append", "/d/f", linux.O_WRONLY|linux.O_APPEND, 0)
		cached("file trunc", "/d/f", linux.O_WRONLY|linux.O_TRUNC, 0)
		cached("excl on existing", "/d/f", linux.O_CREAT|linux.O_EXCL|linux.O_WRONLY, 0)
		cached("tmpfile", "/d", linux.O_TMPFILE|linux.O_RDWR, 0)
		cached("symlink", "/d/ln", oPath, 0)
		cached("symlink abs", "/d/abs", oPath, 0)
		cached("symlink long", "/d/long", oPath, 0)
		cached("nofollow", "/d/ln", oPath|linux.O_NOFOLLOW, 0)
		cached("missing, first time", "/d/nope", oPath, 0)
		cached("missing, second time", "/d/nope", oPath, 0)
		r.fd("missing, uncached")(o.Open("/d/nope", oPath))
		cached("missing, after a real lookup", "/d/nope", oPath, 0)
		cached("missing below missing", "/d/nope/x", oPath, 0)
		cached("dotdot", "/d/sub/../sub/..", oPath, 0)
		cached("file as dir", "/d/f/", oPath, 0)
		r.err("mount m", o.MountTmpfs("/m"))
		cached("across a mount", "/m", oPath, 0)
		cached("across a mount NO_XDEV", "/m", oPath, linux.RESOLVE_NO_XDEV)
		cached("dotdot out of a mount NO_XDEV", "/m/..", oPath, linux.RESOLVE_NO_XDEV)
		cached("beneath", "sub/..", oPath, linux.RESOLVE_BENEATH)
		cached("in root", "/..", oPath, linux.RESOLVE_IN_ROOT)
		r.err("mkdir p", o.Mkdir("/p"))
		r.err("mount proc", o.MountFS("proc", "/p", "proc", 0, ""))
		cached("proc self, first", "/p/self", oPath, 0)
		r.fd("proc self, uncached")(o.Open("/p/self", oPath))
		cached("proc self, second", "/p/self", oPath, 0)
		cached("proc magic link", "/p/thread-self/cwd", oPath, 0)
		r.fd("proc magic link, uncached")(o.Open("/p/thread-self/cwd", oPath))
		cached("proc magic link, again", "/p/thread-self/cwd", oPath, 0)
		perTask("proc magic link nofollow", "/p/thread-self/cwd", oPath|linux.O_NOFOLLOW)
		cached("proc version", "/p/version", linux.O_RDONLY, 0)
		r.fd("proc version, uncached")(o.Open("/p/version", linux.O_RDONLY))
		cached("proc version, again", "/p/version", linux.O_RDONLY, 0)
		for _, name := range []string{"/p/mounts", "/p/sys/kernel/hostname", "/p/sys/kernel", "/p/thread-self/status",
			"/p/thread-self/fd", "/p/thread-self/fd/0", "/p/thread-self/ns", "/p/thread-self/ns/mnt",
			"/p/thread-self", "/p/filesystems", "/p/thread-self/mountinfo"} {
			r.fd("uncached " + name)(o.Open(name, oPath|linux.O_NOFOLLOW))
			if strings.HasPrefix(name, "/p/thread-self/") {
				perTask("cached "+name, name, oPath|linux.O_NOFOLLOW)
				continue
			}
			cached("cached "+name, name, oPath|linux.O_NOFOLLOW, 0)
		}
	},
}

func init() {
	for name, sc := range cachedScenarios {
		apiScenarios[name] = sc
	}
}
