// SPDX-License-Identifier: Apache-2.0

//go:build unix

package shell

import (
	"os"
	"syscall"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// sysStat gives the interpreter's -O and -G tests the *syscall.Stat_t they
// expect from FileInfo.Sys on Unix.
func sysStat(st *vfs.Statx) any {
	return &syscall.Stat_t{Uid: st.UID, Gid: st.GID}
}

// hostPipeKey identifies the host pipe s is an end of (its device and
// inode numbers), if it is one.
func hostPipeKey(s any) ([2]uint64, bool) {
	f, ok := s.(*os.File)
	if !ok {
		return [2]uint64{}, false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return [2]uint64{}, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return [2]uint64{}, false
	}
	return [2]uint64{uint64(st.Dev), st.Ino}, true
}
