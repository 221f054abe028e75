// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The userspace mount table. util-linux keeps the options the kernel does
// not (x-*, loop, user, ...) in /run/mount/utab. linuxvfs records nothing
// in it, but touches the files as mount(8) and umount(8) do, since
// scripts see them: without -n, both make /run/mount when there is no
// regular utab yet (and /run exists); a mount whose options utab keeps,
// and any move, then write utab under the lock file utab.lock, and fail
// (exit 16) when that cannot be created.
const (
	utabDir  = "/run/mount"
	utabFile = "/run/mount/utab"
	utabLock = "/run/mount/utab.lock"
)

// ensureUtabDir makes /run/mount unless utab is already a regular file.
func ensureUtabDir(t *vfs.Task) {
	if st, err := t.Lstat(utabFile); err == nil && applet.IsReg(uint32(st.Mode)) {
		return
	}
	_ = t.Mkdir(utabDir, 0o755)
}

// keepsUtab is whether a successful job writes utab: a move of a path, or
// a mount or remount with a userspace option utab records.
func (j *mountJob) keepsUtab() bool {
	if j.propagationOnly() {
		return false
	}
	if j.flags&linux.MS_MOVE != 0 {
		return j.sourcePath() != ""
	}
	const recorded = uUser | uNetdev | uXComment | uLoop | uUhelper | uHelper
	for _, it := range j.groups.user {
		name, _, _ := optName(it)
		if w, ok := userspaceWord(name); ok && !w.clears && w.bit&recorded != 0 {
			return true
		}
	}
	return false
}

// writeUtab takes the lock (creating utab.lock, mode 0644) and writes
// utab back: empty, created if missing.
func writeUtab(t *vfs.Task) error {
	lock, err := t.Open(utabLock, linux.O_RDONLY|linux.O_CREAT, 0o644)
	if err != nil {
		return err
	}
	if st, err := t.Fstat(lock); err == nil && st.Mode&0o644 != 0o644 {
		_ = t.Fchmod(lock, 0o644)
	}
	t.Close(lock)
	if _, err := t.Lstat(utabFile); err == nil {
		return nil
	}
	f, err := t.Open(utabFile, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_ = t.Fchmod(f, 0o644)
	return t.Close(f)
}
