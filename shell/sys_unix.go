// SPDX-License-Identifier: Apache-2.0

//go:build unix

package shell

import (
	"syscall"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// sysStat gives the interpreter's -O and -G tests the *syscall.Stat_t they
// expect from FileInfo.Sys on Unix.
func sysStat(st *vfs.Statx) any {
	return &syscall.Stat_t{Uid: st.UID, Gid: st.GID}
}
