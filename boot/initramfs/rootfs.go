// SPDX-License-Identifier: Apache-2.0

package initramfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The calls below are the init_* helpers of fs/init.c the kernel uses
// while unpacking: their errors are ignored, as the kernel ignores them,
// except where a failed open or link changes what happens to the data.

// linkKey identifies an inode across the entries of one archive: the
// kernel's link hash matches (ino, major, minor) and the file type.
type linkKey struct {
	ino, major, minor uint32
	typ               uint32
}

// dirTime is a directory whose mtime is set once the unpacking ends, when
// nothing more is created in it (dir_add).
type dirTime struct {
	name  string
	mtime int64
}

// cleanPath removes what stands at name if its type differs from mode's
// (clean_path); mode 0 removes anything there.
func (u *unpacker) cleanPath(name string, mode uint32) {
	st, err := u.t.Lstat(name)
	if err != nil || (uint32(st.Mode)^mode)&linux.S_IFMT == 0 {
		return
	}
	if uint32(st.Mode)&linux.S_IFMT == linux.S_IFDIR {
		_ = u.t.Rmdir(name)
	} else {
		_ = u.t.Unlink(name)
	}
}

// maybeLink makes name a hard link to the first entry of the archive with
// the same inode, if there was one (maybe_link): 1 when linked, 0 when
// name is the first (and is remembered), -1 when link(2) failed.
func (u *unpacker) maybeLink(name string) int {
	h := &u.hdr
	if h.nlink < 2 {
		return 0
	}
	key := linkKey{h.ino, h.major, h.minor, h.mode & linux.S_IFMT}
	old, ok := u.links[key]
	if !ok {
		u.links[key] = name
		return 0
	}
	u.cleanPath(name, 0)
	if u.t.Link(old, name) != nil {
		return -1
	}
	return 1
}

// create makes what a named entry describes (the body of do_name).
func (u *unpacker) create(name string) {
	h := &u.hdr
	u.cleanPath(name, h.mode)
	switch h.mode & linux.S_IFMT {
	case linux.S_IFREG:
		u.openFile(name)
	case linux.S_IFDIR:
		_ = u.t.Mkdir(name, h.mode&0o7777)
		u.ownAndMode(name)
		if u.opts.preserveMtime() {
			u.dirs = append(u.dirs, dirTime{name, h.mtime})
		}
	case linux.S_IFBLK, linux.S_IFCHR, linux.S_IFIFO, linux.S_IFSOCK:
		if u.maybeLink(name) != 0 {
			return
		}
		_ = u.t.Mknodat(linux.AT_FDCWD, name, h.mode, linux.Mkdev(h.rdevMajor, h.rdevMinor))
		u.ownAndMode(name)
		u.utime(linux.AT_FDCWD, name, 0)
	}
}

// ownAndMode applies the entry's owner and mode through the path, after
// creation, so that the umask has no say (init_chown, init_chmod).
func (u *unpacker) ownAndMode(name string) {
	_ = u.t.Chown(name, u.hdr.uid, u.hdr.gid)
	_ = u.t.Chmod(name, u.hdr.mode&0o7777)
}

// utime sets atime and mtime to the entry's mtime, not following a
// symlink, when the kernel preserves mtimes (do_utime, do_utime_path).
func (u *unpacker) utime(dirfd int, name string, flags int) {
	if !u.opts.preserveMtime() {
		return
	}
	ts := vfs.Timespec{Sec: u.hdr.mtime}
	_ = u.t.Utimensat(dirfd, name, &[2]vfs.Timespec{ts, ts}, flags|linux.AT_SYMLINK_NOFOLLOW)
}

// openFile opens a regular file for its data: truncated unless it is a
// further link to an inode already written. Without an open file the data
// is skipped.
func (u *unpacker) openFile(name string) {
	ml := u.maybeLink(name)
	if ml < 0 {
		return
	}
	flags := uint32(linux.O_WRONLY | linux.O_CREAT | linux.O_LARGEFILE)
	if ml == 0 {
		flags |= linux.O_TRUNC
	}
	h := &u.hdr
	fd, err := u.t.Open(name, flags, h.mode&0o7777)
	if err != nil {
		return
	}
	u.fd, u.sum = fd, 0
	_ = u.t.Fchownat(fd, "", h.uid, h.gid, linux.AT_EMPTY_PATH)
	_ = u.t.Fchmod(fd, h.mode&0o7777)
	if h.bodyLen != 0 {
		_ = u.t.Ftruncate(fd, int64(h.bodyLen))
	}
	u.phase = phaseBody
}

// write writes p to the open file, retrying short writes (xwrite), and
// adds the bytes written to the checksum of a 070702 entry.
func (u *unpacker) write(p []byte) {
	done := 0
	for done < len(p) {
		n, err := u.t.Write(u.fd, p[done:])
		if n > 0 && u.crc {
			for _, c := range p[done : done+n] {
				u.sum += uint32(c)
			}
		}
		done += n
		if err == linux.EINTR || err == linux.EAGAIN {
			continue
		}
		if err != nil || n == 0 {
			break
		}
	}
	if done != len(p) {
		u.fail("write error")
	}
}

// finishFile stamps the file's mtime and closes it.
func (u *unpacker) finishFile() {
	u.utime(u.fd, "", linux.AT_EMPTY_PATH)
	_ = u.t.Close(u.fd)
	u.fd = -1
}

// symlink replaces whatever is at name by a symlink (do_symlink): owner
// set on the link itself; a symlink has no mode to set.
func (u *unpacker) symlink(name, target string) {
	u.cleanPath(name, 0)
	_ = u.t.Symlink(target, name)
	_ = u.t.Lchown(name, u.hdr.uid, u.hdr.gid)
	u.utime(linux.AT_FDCWD, name, 0)
}

// dirTimes sets the mtimes of the directories made, the last made first
// (dir_utime walks a list built by list_add).
func (u *unpacker) dirTimes() {
	for i := len(u.dirs) - 1; i >= 0; i-- {
		d := u.dirs[i]
		ts := vfs.Timespec{Sec: d.mtime}
		_ = u.t.Utimensat(linux.AT_FDCWD, d.name, &[2]vfs.Timespec{ts, ts}, linux.AT_SYMLINK_NOFOLLOW)
	}
	u.dirs = nil
}
