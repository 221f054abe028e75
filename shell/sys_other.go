// SPDX-License-Identifier: Apache-2.0

//go:build !unix

package shell

import "github.com/linuxvfs/linuxvfs/vfs"

// sysStat has nothing to offer where syscall.Stat_t does not exist.
func sysStat(st *vfs.Statx) any { return nil }

// hostPipeKey: host pipes cannot be told apart here.
func hostPipeKey(any) ([2]uint64, bool) { return [2]uint64{}, false }
