// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// commFile is /proc/<pid>/comm open (proc_pid_set_comm_operations): the
// task it names and the one that opened it, which is the one writing
// (a descriptor handed to another task is not modelled).
type commFile struct {
	owner, opener *vfs.Task
	text          taskTextFile
}

// openComm: reading shows the command name unescaped and a newline
// (comm_show), made at the first read.
func (o *inodeOps) openComm(f *vfs.File, n node, t *vfs.Task) error {
	owner := o.ps.task(n.tid)
	if owner == nil {
		return linux.ESRCH
	}
	cf := &commFile{owner: owner, opener: t}
	cf.text.gen = func() []byte { return []byte(owner.Comm() + "\n") }
	f.Private = cf
	return nil
}

// write is comm_write: each write names the task afresh with its first
// 15 bytes, a newline included (echo name > comm leaves one), but only
// the task itself may rename itself (same_thread_group): another gets
// EINVAL. The whole write counts as taken.
func (cf *commFile) write(p []byte) (int, error) {
	if cf.opener != cf.owner {
		return 0, linux.EINVAL
	}
	cf.owner.SetComm(string(p[:min(len(p), vfs.TaskCommLen)]))
	return len(p), nil
}
