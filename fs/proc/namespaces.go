// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// /proc/<pid>/cgroup and /proc/<pid>/timens_offsets: the task's place in
// its cgroup and time namespaces (proc_cgroup_show, timens_offsets_show
// and timens_offsets_write in fs/proc/base.c).

// timensFile is timens_offsets open: the task and the opener's
// credentials, which the write is checked against (file_ns_capable).
type timensFile struct {
	task   *vfs.Task
	opener *vfs.Cred
	text   taskTextFile
}

func (o *inodeOps) openNamespaceFile(f *vfs.File, n node, t *vfs.Task) error {
	owner := o.ps.task(n.tid)
	if owner == nil {
		return linux.ESRCH
	}
	if n.kind == kindCgroup {
		f.Private = &taskTextFile{gen: func() []byte { return []byte(owner.CgroupLines(t)) }}
		return nil
	}
	tf := &timensFile{task: owner, opener: t.Cred()}
	tf.text.gen = func() []byte { return []byte(owner.TimensOffsets()) }
	f.Private = tf
	return nil
}

func (tf *timensFile) write(p []byte, off int64) (int, error) {
	if err := tf.task.SetTimensOffsets(tf.opener, p, off); err != nil {
		return 0, err
	}
	return len(p), nil
}
