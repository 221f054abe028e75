// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The user namespace files of /proc/<pid>: uid_map, gid_map, projid_map
// and setgroups (proc_uid_map_operations and friends in fs/proc/base.c,
// their work in kernel/user_namespace.c).

// userNSFile is one of them open: the namespace the task was in when it
// was opened and the opener's credentials (file->f_cred), which decide
// how the lower IDs are shown and whether a map may be written.
type userNSFile struct {
	ns     *vfs.UserNamespace
	opener *vfs.Cred
	text   taskTextFile
}

// openUserNSFile is proc_id_map_open / proc_setgroups_open: opening
// setgroups for writing needs CAP_SYS_ADMIN over the namespace.
func (o *inodeOps) openUserNSFile(f *vfs.File, n node, t *vfs.Task) error {
	owner := o.ps.task(n.tid)
	if owner == nil {
		return linux.ESRCH
	}
	ns := owner.Cred().Namespace()
	opener := t.Cred()
	if n.kind == kindSetgroups && f.Flags()&linux.O_ACCMODE != linux.O_RDONLY {
		if err := vfs.MayOpenSetgroups(ns, opener); err != nil {
			return err
		}
	}
	uf := &userNSFile{ns: ns, opener: opener}
	uf.text.gen = func() []byte {
		if n.kind == kindSetgroups {
			return []byte(vfs.SetgroupsText(ns))
		}
		return []byte(vfs.IDMapText(ns, vfs.IDMapKinds[n.fd], opener))
	}
	f.Private = uf
	return nil
}

func (uf *userNSFile) write(n node, p []byte, off int64) (int, error) {
	if n.kind == kindSetgroups {
		return vfs.WriteSetgroups(uf.ns, p, off)
	}
	return vfs.WriteIDMap(uf.ns, vfs.IDMapKinds[n.fd], uf.opener, uf.opener, p, off)
}
