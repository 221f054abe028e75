// SPDX-License-Identifier: Apache-2.0

package vfs

import "time"

// What /proc/<pid>/stat asks of a task beyond its numbers and names.

// StartTime is how long after boot the task was made (start_boottime),
// on the kernel's own clock, before any time namespace's offset.
func (t *Task) StartTime() time.Duration { return t.started }

// Ancestor is the first task of t's line of parents: the init task the
// kernel booted with, or t itself when it has no parent; nil for a
// kernel thread, which is in no session (as Linux's, in session 0).
// With no setsid(2) or setpgid(2) modelled, every task stays in its
// ancestor's session and process group, which that ancestor leads.
func (t *Task) Ancestor() *Task {
	for t.parent != nil {
		t = t.parent
	}
	if t.kthread.Load() {
		return nil
	}
	return t
}

// IsKernelThread says t is a task of the kernel's own (PF_KTHREAD).
func (t *Task) IsKernelThread() bool { return t.kthread.Load() }

// LastPid is the number the namespace gave last (idr_get_cursor - 1, as
// /proc/loadavg shows it).
func (ns *PidNamespace) LastPid() int32 {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	return ns.cursor - 1
}
