// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"slices"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestBadOptionMessages: Linux 6.18's words for a bad hidepid= or subset=,
// each ending in a newline of its own (dmesg shows an empty line after
// it); found by FuzzMountData.
func TestBadOptionMessages(t *testing.T) {
	for _, c := range []struct{ data, log string }{
		{"hidepid=7", "proc: unknown value of hidepid - 7\n"},
		{"hidepid=nope", "proc: unknown value of hidepid - nope\n"},
		{"subset=0", "proc: unsupported subset option - 0\n"},
		{"gid=x", "proc: Bad value for 'gid'"},
		{"hidepid", "proc: Bad value for 'hidepid'"},
	} {
		task := testkernel.Boot(t, []vfs.FilesystemType{proc.Type{}})
		k := task.Kernel()
		if err := task.Mkdir("/p", 0o555); err != nil {
			t.Fatal(err)
		}
		if err := task.Mount("proc", "/p", "proc", 0, c.data); err != linux.EINVAL {
			t.Errorf("%s: mount = %v, want EINVAL", c.data, err)
		}
		if log := k.Dmesg(); !slices.Equal(log, []string{c.log}) {
			t.Errorf("%s: kernel log %q, want %q", c.data, log, c.log)
		}
	}
}
