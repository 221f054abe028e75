// SPDX-License-Identifier: Apache-2.0

// Package kerneltest runs shell scripts against the real Linux kernel in an
// isolated, throw-away environment. It is the reference half of linuxvfs's
// differential tests: the same script is run here and in linuxvfs, and the
// two results are compared.
//
// Each script runs as root inside a private mount namespace, chrooted into a
// fresh tmpfs laid out like linuxvfs's default system (linuxvfs.Boot): the
// root is a tmpfs (source "tmpfs", mode 1777) with proc on /proc, sysfs on
// /sys, devtmpfs on /dev, a tmpfs on /tmp and one on /run, mounted in that
// order, all private, and an empty directory /mnt. After them come the harness binds: read-only bind mounts of the
// host's /usr, /etc and /lib* (plus the usr-merge symlinks /bin, /sbin,
// ...), so that bash and the tools run; HostBinds lists them so that
// comparisons can filter them out. Nothing the script does is visible to the
// host or to the next script.
//
// Isolation needs root and a working `unshare -m`; on other systems (or
// other operating systems) Available reports why the package cannot be used.
package kerneltest

import (
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
)

// Result is the outcome of one script.
type Result struct {
	Stdout, Stderr string
	// Exit is the exit status of the script (128+N if killed by signal N).
	Exit int
}

// ErrUnavailable is returned by Run when the real-kernel sandbox cannot be
// used on this machine; Available gives the reason.
var ErrUnavailable = errors.New("kerneltest: real-kernel sandbox unavailable")

// Env is the exact environment a script sees.
var Env = []string{
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"LC_ALL=C",
	"TZ=UTC",
	"HOME=/",
}

// Umask is the umask a script starts with.
const Umask = 0o022

// BindMount identifies one harness bind mount as mountinfo shows it.
type BindMount struct {
	Mountpoint string // as the script sees it, e.g. "/usr"
	Dev        string // mountinfo's major:minor of the bound filesystem, e.g. "254:0"
	Root       string // mountinfo's root field (the bound directory in its filesystem), e.g. "/usr"
}

// HostDevtmpfs drops from a devtmpfs mount's options what only the host
// shows: the size and nr_inodes tmpfs computed when the host booted
// (devtmpfs's internal tmpfs is made before the kernel frees its init
// memory, so its size is not the default and shows). linuxvfs's devtmpfs
// shows only mode=755.
func HostDevtmpfs(m mountinfo.Mount) mountinfo.Mount {
	if m.FSType != "devtmpfs" {
		return m
	}
	drop := func(opts string) string {
		var kept []string
		for _, o := range strings.Split(opts, ",") {
			if !strings.HasPrefix(o, "size=") && !strings.HasPrefix(o, "nr_inodes=") {
				kept = append(kept, o)
			}
		}
		return strings.Join(kept, ",")
	}
	m.SuperOptions = drop(m.SuperOptions)
	m.Options = drop(m.Options) // /proc/mounts lines carry them there
	return m
}

// Hide returns a mountinfo.Hide that drops the harness binds from a mount
// table printed in the sandbox: every mount whose mount point is a harness
// bind or lies under one (HostBinds), and every mount anywhere that shows
// a harness bind's directory (HostBindMounts: copies made by rbind of /,
// by cloning the namespace, or the old root's binds after pivot_root).
// Apply it to the kernel side only: linuxvfs has no harness binds, and its
// own mounts under /usr or /etc would be hidden too.
func Hide() (mountinfo.Hide, error) {
	bm, err := HostBindMounts()
	if err != nil {
		return nil, err
	}
	hs := []mountinfo.Hide{mountinfo.HideMountpoints(HostBinds()...)}
	for _, b := range bm {
		hs = append(hs, mountinfo.HideBindsOf(b.Dev, b.Root))
	}
	return mountinfo.AnyOf(hs...), nil
}
