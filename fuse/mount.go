// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"fmt"
	"os"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"
	"golang.org/x/sys/unix"
)

// mountSubFUSE mounts efs, a submount, at name in the host directory
// dfd (whose path is path's parent) and serves it. It mounts by itself,
// with the new mount API, rather than through go-fuse, which would stat
// the mount point first: a walk through the export above, a request to
// this very server (see watchdog.go), as is the attaching walk of
// move_mount, which only a path can do. The device number comes from the
// detached mount, before it is attached, and asks nothing; wd hears of
// the connection before the poll probe, made on the detached mount.
func mountSubFUSE(efs *exportFS, dfd int, name, path string, opts *Options, wd *watchdog) (*fuseMount, error) {
	dev, err := unix.Open("/dev/fuse", unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		efs.release()
		return nil, err
	}
	mfd, err := newFUSEMount(dev, opts)
	if err != nil {
		unix.Close(dev)
		efs.release()
		return nil, err
	}
	devno, err := cachedDev(mfd)
	if err != nil {
		unix.Close(mfd)
		unix.Close(dev)
		efs.release()
		return nil, err
	}
	// go-fuse serves an open /dev/fuse named /dev/fd/N as it is, and
	// answers FUSE_INIT (sent when the superblock was made) before
	// NewServer returns. The descriptor is go-fuse's from here.
	raw, err := gofuse.NewServer(efs, fmt.Sprintf("/dev/fd/%d", dev), mountOptions(opts))
	if err != nil {
		unix.Close(mfd)
		efs.release()
		return nil, err
	}
	fm := serveFUSE(raw, efs, path)
	fm.dev = devno
	wd.note(devno, true)
	probePoll(mfd)
	err = unix.MoveMount(mfd, "", dfd, name, unix.MOVE_MOUNT_F_EMPTY_PATH)
	// Once attached, the mount stays without mfd; if not, closing it
	// drops the mount, and the connection ends with its superblock.
	unix.Close(mfd)
	if err != nil {
		<-fm.ended
		wd.note(devno, false)
		return nil, err
	}
	return fm, nil
}

// pollProbeName is the name go-fuse answers itself, in every directory,
// with a file whose FUSE_POLL it answers ENOSYS (its pollHackName).
const pollProbeName = ".go-fuse-epoll-hack"

// probePoll polls a file of the FUSE mount whose root dir is open on,
// so that the host learns at once that the export has no poll (ENOSYS:
// fc->no_poll, and FUSE_POLL is not sent again). Until then a file this
// process opens in its own export would be registered with the Go
// runtime's netpoller by an epoll_ctl that waits for the FUSE_POLL
// answer outside a system call's bookkeeping: a garbage collection then
// waits for that thread, and every goroutine, the server's too, for the
// collection (go-fuse's WaitMount does the same, through a path). It is
// itself a request to this server (see watchdog.go), made once the
// watchdog knows the connection.
func probePoll(dir int) {
	fd, err := unix.Openat(dir, pollProbeName, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	_, _ = unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN | unix.POLLPRI | unix.POLLOUT}}, 0)
	unix.Close(fd)
}

// newFUSEMount makes a FUSE superblock served through the /dev/fuse
// descriptor dev, with the options go-fuse's direct mount would give,
// and returns a detached mount of it.
func newFUSEMount(dev int, opts *Options) (int, error) {
	fsfd, err := unix.Fsopen("fuse", unix.FSOPEN_CLOEXEC)
	if err != nil {
		return -1, err
	}
	defer unix.Close(fsfd)
	params := [][2]string{
		{"source", fsName(opts)},
		{"subtype", "linuxvfs"},
		{"fd", fmt.Sprint(dev)},
		{"rootmode", fmt.Sprintf("%o", unix.S_IFDIR)},
		{"user_id", fmt.Sprint(os.Geteuid())},
		{"group_id", fmt.Sprint(os.Getegid())},
		{"max_read", fmt.Sprint(mountOptions(opts).MaxWrite)},
	}
	for _, p := range params {
		if err := unix.FsconfigSetString(fsfd, p[0], p[1]); err != nil {
			return -1, fmt.Errorf("fsconfig %s=%s: %w", p[0], p[1], err)
		}
	}
	flags := []string{"allow_other"}
	if opts.ReadOnly {
		flags = append(flags, "ro")
	}
	if opts.DefaultPermissions {
		flags = append(flags, "default_permissions")
	}
	for _, f := range flags {
		if err := unix.FsconfigSetFlag(fsfd, f); err != nil {
			return -1, fmt.Errorf("fsconfig %s: %w", f, err)
		}
	}
	if err := unix.FsconfigCreate(fsfd); err != nil {
		return -1, fmt.Errorf("fsconfig create: %w", err)
	}
	return unix.Fsmount(fsfd, unix.FSMOUNT_CLOEXEC, unix.MOUNT_ATTR_NOSUID|unix.MOUNT_ATTR_NODEV)
}
