// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A sysctl is a file under /proc/sys/fs: a number the kernel model keeps,
// read as a line and set by root writing one (proc_dointvec and friends).
type sysctl struct {
	name string
	get  func(k *vfs.Kernel) int
	set  func(k *vfs.Kernel, v uint64) error
}

// fsSysctls are the files of /proc/sys/fs the model has, in name order.
var fsSysctls = []sysctl{
	{"mount-max", func(k *vfs.Kernel) int { return k.MountMax() }, func(k *vfs.Kernel, v uint64) error {
		if v < 1 || v > 1<<31-1 {
			return linux.EINVAL
		}
		k.SetMountMax(int(v))
		return nil
	}},
	{"pipe-max-size", func(k *vfs.Kernel) int { return k.PipeMaxSize() }, func(k *vfs.Kernel, v uint64) error {
		return k.SetPipeMaxSize(v)
	}},
}

// sysctlText is the file's content.
func (o *inodeOps) sysctlText(i int) string {
	return strconv.Itoa(fsSysctls[i].get(o.ps.k)) + "\n"
}

// writeSysctl sets sysctl i from what was written: a decimal number, with
// blanks around it; anything else is EINVAL.
func (o *inodeOps) writeSysctl(i int, p []byte) (int, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(string(p)), 10, 64)
	if err != nil {
		return 0, linux.EINVAL
	}
	if err := fsSysctls[i].set(o.ps.k, v); err != nil {
		return 0, err
	}
	return len(p), nil
}
