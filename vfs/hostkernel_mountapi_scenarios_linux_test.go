// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import "github.com/linuxvfs/linuxvfs/abi/linux"

const (
	oPath = linux.O_PATH
	oDir  = linux.O_DIRECTORY
)

// apiScenarios are the mount-API and openat2 scenarios (TestHostMountAPI).
var apiScenarios = map[string]func(o apiOps, r *apiRec){
	"fsopen-log": func(o apiOps, r *apiRec) {
		r.fd("fsopen(nope)")(o.Fsopen("nope", 0))
		r.fd("fsopen(tmpfs, 2)")(o.Fsopen("tmpfs", 2))
		fd := r.fd("fsopen(tmpfs, CLOEXEC)")(o.Fsopen("tmpfs", linux.FSOPEN_CLOEXEC))
		s, err := o.Read(fd, 100)
		r.str("read empty log", s, err)
		r.err("set_string bogus", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("bogus"), []byte("1"), 0))
		r.err("set_flag size", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("size"), nil, 0))
		r.err("set_string size=1x", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte("1x"), 0))
		r.err("set_binary size", o.Fsconfig(fd, linux.FSCONFIG_SET_BINARY, sp("size"), []byte("12"), 2))
		r.err("set_path source", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("source"), []byte("/"), linux.AT_FDCWD))
		r.err("set_flag ro", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("ro"), []byte("x"), 0))
		for i := 0; i < 3; i++ {
			s, err := o.Read(fd, 200)
			r.str("read", s, err)
		}
		s, err = o.Read(fd, 3)
		r.str("read short", s, err)
		s, err = o.Read(fd, 200)
		r.str("read after short", s, err)
		for i := 0; i < 10; i++ {
			o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("mode"), []byte("q"), 0)
		}
		n := 0
		for {
			if _, err := o.Read(fd, 200); err != nil {
				r.err("log drained", err)
				break
			}
			n++
		}
		r.str("log kept", string(rune('0'+n)), nil)
		r.err("close", o.Close(fd))
	},
	"fsconfig-args": func(o apiOps, r *apiRec) {
		fd := r.fd("fsopen")(o.Fsopen("tmpfs", 0))
		r.err("fd -1", o.Fsconfig(-1, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("bad cmd", o.Fsconfig(fd, 99, nil, nil, 0))
		r.err("flag no key", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, nil, nil, 0))
		r.err("flag with value", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("ro"), []byte("x"), 0))
		r.err("flag aux", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 1))
		r.err("string no value", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), nil, 0))
		r.err("binary aux 0", o.Fsconfig(fd, linux.FSCONFIG_SET_BINARY, sp("size"), []byte("1"), 0))
		r.err("path aux -5", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("source"), []byte("/"), -5))
		r.err("path empty", o.Fsconfig(fd, linux.FSCONFIG_SET_PATH, sp("source"), []byte(""), linux.AT_FDCWD))
		r.err("fd value", o.Fsconfig(fd, linux.FSCONFIG_SET_FD, sp("source"), []byte("x"), 0))
		r.err("fd bad", o.Fsconfig(fd, linux.FSCONFIG_SET_FD, sp("source"), nil, 999))
		r.err("create key", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, sp("x"), nil, 0))
		other := r.fd("open /")(o.Open("/", oPath))
		r.err("not a context", o.Fsconfig(other, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("closed fd", o.Fsconfig(999, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("reconfigure before create", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.fd("fsmount before create")(o.Fsmount(fd, 0, 0))
		r.err("source", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("source"), []byte("src"), 0))
		r.err("source again", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("source"), []byte("src"), 0))
		r.err("size", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte("1m"), 0))
		r.err("ro", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		r.err("create again", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		r.err("set after create", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte("2m"), 0))
		r.fd("fsmount bad flags")(o.Fsmount(fd, 2, 0))
		r.fd("fsmount bad attr")(o.Fsmount(fd, 0, linux.MOUNT_ATTR_IDMAP))
		r.fd("fsmount atime 0x30")(o.Fsmount(fd, 0, 0x30))
		m := r.fd("fsmount")(o.Fsmount(fd, linux.FSMOUNT_CLOEXEC, linux.MOUNT_ATTR_NODEV|linux.MOUNT_ATTR_NOATIME))
		r.fd("fsmount again")(o.Fsmount(fd, 0, 0))
		r.err("create after mount", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		r.err("set after mount", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("size"), []byte("2m"), 0))
		r.err("mkdir /mnt", o.Mkdir("/mnt"))
		r.err("move_mount", o.MoveMount(m, "", linux.AT_FDCWD, "/mnt", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("move_mount again", o.MoveMount(m, "", linux.AT_FDCWD, "/mnt", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("reconfigure", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("close mount fd", o.Close(m))
		r.err("close ctx", o.Close(fd))
	},
	"fsconfig-failed-phase": func(o apiOps, r *apiRec) {
		fd := r.fd("fsopen")(o.Fsopen("tmpfs", 0))
		r.err("nr_inodes", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("huge"), []byte("never"), 0))
		r.err("create excl", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE_EXCL, nil, nil, 0))
		r.err("create excl again", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE_EXCL, nil, nil, 0))
		m := r.fd("fsmount")(o.Fsmount(fd, 0, linux.MOUNT_ATTR_STRICTATIME))
		r.err("close detached", o.Close(m))
	},
	"fspick": func(o apiOps, r *apiRec) {
		r.err("mkdir", o.Mkdir("/m"))
		r.err("mount", o.MountTmpfs("/m"))
		r.err("mkdir sub", o.Mkdir("/m/sub"))
		r.fd("fspick not root")(o.Fspick(linux.AT_FDCWD, "/m/sub", 0))
		r.fd("fspick bad flags")(o.Fspick(linux.AT_FDCWD, "/m", 0x10))
		r.fd("fspick missing")(o.Fspick(linux.AT_FDCWD, "/nope", 0))
		fd := r.fd("fspick")(o.Fspick(linux.AT_FDCWD, "/m", linux.FSPICK_CLOEXEC))
		r.err("create on picked", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		r.err("ro", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("ro"), nil, 0))
		r.err("reconfigure", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.err("rw", o.Fsconfig(fd, linux.FSCONFIG_SET_FLAG, sp("rw"), nil, 0))
		r.err("reconfigure again", o.Fsconfig(fd, linux.FSCONFIG_CMD_RECONFIGURE, nil, nil, 0))
		r.fd("fsmount picked")(o.Fsmount(fd, 0, 0))
		dfd := r.fd("open /m")(o.Open("/m", oPath))
		r.fd("fspick empty")(o.Fspick(dfd, "", linux.FSPICK_EMPTY_PATH))
		r.fd("fspick empty no flag")(o.Fspick(dfd, "", 0))
	},
	"open-tree": func(o apiOps, r *apiRec) {
		r.err("mkdir a", o.Mkdir("/a"))
		r.err("mount a", o.MountTmpfs("/a"))
		r.err("mkdir a/b", o.Mkdir("/a/b"))
		r.err("mount a/b", o.MountTmpfs("/a/b"))
		r.err("mkdir c", o.Mkdir("/c"))
		r.err("mkdir d", o.Mkdir("/d"))
		r.fd("recursive without clone")(o.OpenTree(linux.AT_FDCWD, "/a", linux.AT_RECURSIVE))
		r.fd("bad flags")(o.OpenTree(linux.AT_FDCWD, "/a", 4))
		plain := r.fd("plain")(o.OpenTree(linux.AT_FDCWD, "/a", 0))
		t1 := r.fd("clone")(o.OpenTree(linux.AT_FDCWD, "/a", linux.OPEN_TREE_CLONE))
		t2 := r.fd("rclone")(o.OpenTree(linux.AT_FDCWD, "/a", linux.OPEN_TREE_CLONE|linux.AT_RECURSIVE|linux.OPEN_TREE_CLOEXEC))
		r.err("setattr detached ro", o.MountSetattr(t2, "", linux.AT_EMPTY_PATH|linux.AT_RECURSIVE, mountAttr(linux.MOUNT_ATTR_RDONLY, 0, 0, 0)))
		r.err("move rclone to c", o.MoveMount(t2, "", linux.AT_FDCWD, "/c", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("close t2", o.Close(t2))
		r.err("close t1 (dissolves)", o.Close(t1))
		t3 := r.fd("clone sub")(o.OpenTree(linux.AT_FDCWD, "/a/b", linux.OPEN_TREE_CLONE))
		r.err("move into d", o.MoveMount(t3, "", linux.AT_FDCWD, "/d", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("move d to c (no parent mount root)", o.MoveMount(linux.AT_FDCWD, "/d", linux.AT_FDCWD, "/c/b", 0))
		r.err("move mask", o.MoveMount(linux.AT_FDCWD, "/d", linux.AT_FDCWD, "/c", 0x8))
		r.err("beneath|set_group", o.MoveMount(linux.AT_FDCWD, "/d", linux.AT_FDCWD, "/c", linux.MOVE_MOUNT_BENEATH|linux.MOVE_MOUNT_SET_GROUP))
		r.err("move missing", o.MoveMount(linux.AT_FDCWD, "/nope", linux.AT_FDCWD, "/c", 0))
		r.err("move empty no flag", o.MoveMount(t3, "", linux.AT_FDCWD, "/c", 0))
		r.err("move plain", o.MoveMount(plain, "", linux.AT_FDCWD, "/d", linux.MOVE_MOUNT_F_EMPTY_PATH))
	},
	"move-beneath": func(o apiOps, r *apiRec) {
		r.err("mkdir t", o.Mkdir("/t"))
		r.err("mount t", o.MountTmpfs("/t"))
		r.err("mkdir t/top", o.Mkdir("/t/top"))
		r.err("mount t/top", o.MountTmpfs("/t/top"))
		r.err("mkdir t/top/x", o.Mkdir("/t/top/x"))
		fd := r.fd("fsopen")(o.Fsopen("tmpfs", 0))
		r.err("source", o.Fsconfig(fd, linux.FSCONFIG_SET_STRING, sp("source"), []byte("under"), 0))
		r.err("create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		m := r.fd("fsmount")(o.Fsmount(fd, 0, 0))
		r.err("beneath non-mount", o.MoveMount(m, "", linux.AT_FDCWD, "/t/top/x", linux.MOVE_MOUNT_F_EMPTY_PATH|linux.MOVE_MOUNT_BENEATH))
		r.err("beneath t/top", o.MoveMount(m, "", linux.AT_FDCWD, "/t/top", linux.MOVE_MOUNT_F_EMPTY_PATH|linux.MOVE_MOUNT_BENEATH))
		r.err("beneath root", o.MoveMount(linux.AT_FDCWD, "/t", linux.AT_FDCWD, "/", linux.MOVE_MOUNT_BENEATH))
	},
	"set-group": func(o apiOps, r *apiRec) {
		r.err("mkdir s", o.Mkdir("/s"))
		r.err("mount s", o.MountTmpfs("/s"))
		r.err("mkdir s/x", o.Mkdir("/s/x"))
		r.err("mkdir p", o.Mkdir("/p"))
		r.err("set_group private from", o.MoveMount(linux.AT_FDCWD, "/s", linux.AT_FDCWD, "/s", linux.MOVE_MOUNT_SET_GROUP))
		r.err("share s", o.MountSetattr(linux.AT_FDCWD, "/s", 0, mountAttr(0, 0, linux.MS_SHARED, 0)))
		t := r.fd("clone s/x")(o.OpenTree(linux.AT_FDCWD, "/s/x", linux.OPEN_TREE_CLONE))
		r.err("private clone", o.MountSetattr(t, "", linux.AT_EMPTY_PATH, mountAttr(0, 0, linux.MS_PRIVATE, 0)))
		r.err("attach at p", o.MoveMount(t, "", linux.AT_FDCWD, "/p", linux.MOVE_MOUNT_F_EMPTY_PATH))
		r.err("set_group", o.MoveMount(linux.AT_FDCWD, "/s", linux.AT_FDCWD, "/p", linux.MOVE_MOUNT_SET_GROUP))
		r.err("set_group again (shared)", o.MoveMount(linux.AT_FDCWD, "/s", linux.AT_FDCWD, "/p", linux.MOVE_MOUNT_SET_GROUP))
		r.err("set_group reversed (p narrower)", o.MoveMount(linux.AT_FDCWD, "/p", linux.AT_FDCWD, "/s", linux.MOVE_MOUNT_SET_GROUP))
	},
	"mount-setattr": func(o apiOps, r *apiRec) {
		r.err("mkdir m", o.Mkdir("/m"))
		r.err("mount m", o.MountTmpfs("/m"))
		r.err("mkdir m/n", o.Mkdir("/m/n"))
		r.err("mount m/n", o.MountTmpfs("/m/n"))
		r.err("bad flags", o.MountSetattr(linux.AT_FDCWD, "/m", 1, mountAttr(1, 0, 0, 0)))
		r.err("small", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(1, 0, 0, 0)[:24]))
		big := append(mountAttr(1, 0, 0, 0), make([]byte, 8)...)
		r.err("big zero tail", o.MountSetattr(linux.AT_FDCWD, "/m", 0, big))
		big[35] = 1
		r.err("big nonzero tail", o.MountSetattr(linux.AT_FDCWD, "/m", 0, big))
		r.err("huge", o.MountSetattr(linux.AT_FDCWD, "/m", 0, make([]byte, 5000)))
		r.err("nop on missing path", o.MountSetattr(linux.AT_FDCWD, "/nope", 0, mountAttr(0, 0, 0, 0)))
		r.err("two propagations", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0, 0, linux.MS_SHARED|linux.MS_SLAVE, 0)))
		r.err("bad propagation", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0, 0, linux.MS_REC, 0)))
		r.err("bad attr", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0x400, 0, 0, 0)))
		r.err("atime without clr", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_NOATIME, 0, 0, 0)))
		r.err("partial atime clr", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0, 0x10, 0, 0)))
		r.err("atime 0x30", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0x30, linux.MOUNT_ATTR__ATIME, 0, 0)))
		r.err("idmap bad fd", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, 999)))
		other := r.fd("open /")(o.Open("/", oPath))
		r.err("idmap not a userns", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, uint64(other))))
		r.err("idmap huge fd", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_IDMAP, 0, 0, 1<<40)))
		r.err("idmap clr", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(0, linux.MOUNT_ATTR_IDMAP, 0, 0)))
		r.err("not a mount root", o.MountSetattr(linux.AT_FDCWD, "/m/n/..", 0, mountAttr(1, 0, 0, 0)))
		r.err("ro nosuid", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_RDONLY|linux.MOUNT_ATTR_NOSUID, 0, 0, 0)))
		r.err("recursive noexec noatime shared", o.MountSetattr(linux.AT_FDCWD, "/m", linux.AT_RECURSIVE, mountAttr(linux.MOUNT_ATTR_NOEXEC|linux.MOUNT_ATTR_NOATIME, linux.MOUNT_ATTR__ATIME, linux.MS_SHARED, 0)))
		r.err("clear ro on n", o.MountSetattr(linux.AT_FDCWD, "/m/n", 0, mountAttr(linux.MOUNT_ATTR_NODIRATIME, linux.MOUNT_ATTR_RDONLY, linux.MS_SLAVE, 0)))
		r.err("strictatime", o.MountSetattr(linux.AT_FDCWD, "/m", 0, mountAttr(linux.MOUNT_ATTR_STRICTATIME|linux.MOUNT_ATTR_NOSYMFOLLOW, linux.MOUNT_ATTR__ATIME, linux.MS_UNBINDABLE, 0)))
		r.err("ro with writer", func() error {
			fd, err := o.Open("/m/n/f", linux.O_CREAT|linux.O_WRONLY)
			if err != nil {
				return err
			}
			defer o.Close(fd)
			return o.MountSetattr(linux.AT_FDCWD, "/m/n", 0, mountAttr(linux.MOUNT_ATTR_RDONLY, 0, 0, 0))
		}())
	},
	"openat2-validation": func(o apiOps, r *apiRec) {
		r.err("mkdir d", o.Mkdir("/d"))
		r.fd("size 16")(o.Openat2(linux.AT_FDCWD, "/d", openHow(oPath, 0, 0)[:16]))
		r.fd("size 32 zero tail")(o.Openat2(linux.AT_FDCWD, "/d", append(openHow(oPath, 0, 0), make([]byte, 8)...)))
		big := append(openHow(oPath, 0, 0), make([]byte, 8)...)
		big[30] = 1
		r.fd("size 32 nonzero tail")(o.Openat2(linux.AT_FDCWD, "/d", big))
		r.fd("size 5000")(o.Openat2(linux.AT_FDCWD, "/d", make([]byte, 5000)))
		r.fd("unknown flag")(o.Openat2(linux.AT_FDCWD, "/d", openHow(1<<40, 0, 0)))
		r.fd("unknown o_ bit")(o.Openat2(linux.AT_FDCWD, "/d", openHow(0o4, 0, 0)))
		r.fd("unknown resolve")(o.Openat2(linux.AT_FDCWD, "/d", openHow(0, 0, 0x40)))
		r.fd("beneath|in_root")(o.Openat2(linux.AT_FDCWD, "/d", openHow(0, 0, linux.RESOLVE_BENEATH|linux.RESOLVE_IN_ROOT)))
		r.fd("mode without creat")(o.Openat2(linux.AT_FDCWD, "/d", openHow(0, 0o644, 0)))
		r.fd("mode too big")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(linux.O_CREAT|linux.O_WRONLY, 0o10644, 0)))
		r.fd("o_path|o_rdwr")(o.Openat2(linux.AT_FDCWD, "/d", openHow(oPath|linux.O_RDWR, 0, 0)))
		r.fd("o_path|o_largefile")(o.Openat2(linux.AT_FDCWD, "/d", openHow(oPath|linux.O_LARGEFILE, 0, 0)))
		r.fd("o_directory|o_creat")(o.Openat2(linux.AT_FDCWD, "/d/g", openHow(oDir|linux.O_CREAT, 0, 0)))
		r.fd("tmpfile rdonly")(o.Openat2(linux.AT_FDCWD, "/d", openHow(linux.O_TMPFILE, 0, 0)))
		r.fd("cached creat")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(linux.O_CREAT|linux.O_WRONLY, 0o644, linux.RESOLVE_CACHED)))
		r.fd("cached trunc")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(linux.O_TRUNC|linux.O_WRONLY, 0, linux.RESOLVE_CACHED)))
		r.fd("cached dir|creat")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(oDir|linux.O_CREAT, 0, linux.RESOLVE_CACHED)))
		r.fd("creat")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(linux.O_CREAT|linux.O_WRONLY|linux.O_CLOEXEC, 0o644, 0)))
		r.fd("cached existing")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(0, 0, linux.RESOLVE_CACHED)))
		r.fd("plain rdonly")(o.Openat2(linux.AT_FDCWD, "/d/f", openHow(0, 0, 0)))
	},
	// A detached clone of a namespace file (open_tree lets an nsfs
	// dentry in from outside the namespace); moving the caller's own
	// mount namespace's file into its tree is a loop
	// (check_for_nsfs_mounts: ELOOP), a UTS namespace's file is not.
	"nsfs-open-tree": func(o apiOps, r *apiRec) {
		r.err("mkdir /proc", o.Mkdir("/proc"))
		r.err("mount proc", o.MountFS("proc", "/proc", "proc", 0, ""))
		for _, f := range []string{"/m", "/u"} {
			if fd := r.fd("create " + f)(o.Open(f, linux.O_CREAT|linux.O_RDONLY)); fd >= 0 {
				o.Close(fd)
			}
		}
		mfd := r.fd("open_tree clone mnt")(o.OpenTree(linux.AT_FDCWD, "/proc/thread-self/ns/mnt", linux.OPEN_TREE_CLONE))
		r.err("move_mount mnt", o.MoveMount(mfd, "", linux.AT_FDCWD, "/m", linux.MOVE_MOUNT_F_EMPTY_PATH))
		ufd := r.fd("open_tree clone uts")(o.OpenTree(linux.AT_FDCWD, "/proc/thread-self/ns/uts", linux.OPEN_TREE_CLONE))
		r.err("move_mount uts", o.MoveMount(ufd, "", linux.AT_FDCWD, "/u", linux.MOVE_MOUNT_F_EMPTY_PATH))
		o.Close(mfd)
		o.Close(ufd)
		r.err("umount uts", o.Umount2("/u", 0))
		r.err("umount proc", o.Umount2("/proc", 0))
	},
	"openat2-resolve": func(o apiOps, r *apiRec) {
		for _, d := range []string{"/r", "/r/a", "/r/a/b", "/r/mnt", "/out"} {
			r.err("mkdir "+d, o.Mkdir(d))
		}
		r.err("mount r/mnt", o.MountTmpfs("/r/mnt"))
		r.err("mkdir r/mnt/in", o.Mkdir("/r/mnt/in"))
		r.err("symlink abs", o.Symlink("/out", "/r/abs"))
		r.err("symlink rel", o.Symlink("a/b", "/r/rel"))
		r.err("symlink up", o.Symlink("../out", "/r/up"))
		r.err("symlink self", o.Symlink("/proc/self/cwd", "/r/magic"))
		dfd := r.fd("open r")(o.Open("/r", oPath|oDir))
		type c struct {
			path    string
			resolve uint64
		}
		for _, x := range []c{
			{"a/b", linux.RESOLVE_BENEATH}, {"a/b/../..", linux.RESOLVE_BENEATH}, {"a/../..", linux.RESOLVE_BENEATH},
			{"..", linux.RESOLVE_BENEATH}, {"/r", linux.RESOLVE_BENEATH}, {"abs", linux.RESOLVE_BENEATH},
			{"rel", linux.RESOLVE_BENEATH}, {"up", linux.RESOLVE_BENEATH}, {"mnt/in/../..", linux.RESOLVE_BENEATH},
			{"..", linux.RESOLVE_IN_ROOT}, {"../../a", linux.RESOLVE_IN_ROOT}, {"/a/b", linux.RESOLVE_IN_ROOT},
			{"abs", linux.RESOLVE_IN_ROOT}, {"up", linux.RESOLVE_IN_ROOT}, {"mnt/..", linux.RESOLVE_IN_ROOT},
			{"mnt", linux.RESOLVE_NO_XDEV}, {"mnt/in", linux.RESOLVE_NO_XDEV}, {"a/b", linux.RESOLVE_NO_XDEV},
			{"/r/a", linux.RESOLVE_NO_XDEV}, {"..", linux.RESOLVE_NO_XDEV}, {"abs", linux.RESOLVE_NO_XDEV},
			{"rel", linux.RESOLVE_NO_SYMLINKS}, {"a/b", linux.RESOLVE_NO_SYMLINKS}, {"rel", linux.RESOLVE_NO_MAGICLINKS},
			{"a/b", linux.RESOLVE_CACHED}, {"mnt/in/..", linux.RESOLVE_CACHED | linux.RESOLVE_NO_XDEV},
			{"rel", linux.RESOLVE_CACHED}, {"missing", linux.RESOLVE_CACHED},
		} {
			fd := r.fd("openat2 " + x.path + " " + resolveName(x.resolve))(o.Openat2(dfd, x.path, openHow(oPath, 0, x.resolve)))
			if fd >= 0 {
				o.Close(fd)
			}
		}
		r.fd("nofollow symlink no_symlinks")(o.Openat2(dfd, "rel", openHow(oPath|linux.O_NOFOLLOW, 0, linux.RESOLVE_NO_SYMLINKS)))
		r.fd("rel trailing slash no_symlinks")(o.Openat2(dfd, "rel/", openHow(oPath|linux.O_NOFOLLOW, 0, linux.RESOLVE_NO_SYMLINKS)))
	},
}

func resolveName(r uint64) string {
	var s []string
	for _, n := range []struct {
		v    uint64
		name string
	}{{linux.RESOLVE_NO_XDEV, "NO_XDEV"}, {linux.RESOLVE_NO_MAGICLINKS, "NO_MAGICLINKS"},
		{linux.RESOLVE_NO_SYMLINKS, "NO_SYMLINKS"}, {linux.RESOLVE_BENEATH, "BENEATH"},
		{linux.RESOLVE_IN_ROOT, "IN_ROOT"}, {linux.RESOLVE_CACHED, "CACHED"}} {
		if r&n.v != 0 {
			s = append(s, n.name)
		}
	}
	if len(s) == 0 {
		return "0"
	}
	out := s[0]
	for _, x := range s[1:] {
		out += "|" + x
	}
	return out
}
