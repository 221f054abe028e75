// SPDX-License-Identifier: Apache-2.0

package mqueue

import "github.com/linuxvfs/linuxvfs/vfs"

// Sleeping reports how many tasks sleep in send and in receive on the
// queue open at fd of t.
func Sleeping(t *vfs.Task, fd int) (senders, receivers int) {
	p, err := t.FdTarget(fd)
	if err != nil {
		panic(err)
	}
	q := p.Dentry.Inode().FileOps.(*queue)
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.senders), len(q.receivers)
}
