// SPDX-License-Identifier: Apache-2.0

package vfs

import "sync"

// taskSet is the kernel's task list, for the few operations that act on
// every task (chroot_fs_refs after pivot_root).
type taskSet struct {
	mu    sync.Mutex
	tasks map[*Task]struct{}
}

func (s *taskSet) add(t *Task) {
	s.mu.Lock()
	if s.tasks == nil {
		s.tasks = make(map[*Task]struct{})
	}
	s.tasks[t] = struct{}{}
	s.mu.Unlock()
}

func (s *taskSet) remove(t *Task) {
	s.mu.Lock()
	delete(s.tasks, t)
	s.mu.Unlock()
}

func (s *taskSet) all() []*Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Task, 0, len(s.tasks))
	for t := range s.tasks {
		out = append(out, t)
	}
	return out
}

// chrootFSRefs is chroot_fs_refs: every task whose root or working
// directory is old moves to nw. Kernel.namespaceMu is held, so nw cannot
// be unmounted before the tasks hold it; an fs_struct its last task is
// dropping at the same time is left alone (update on a dead one).
func (k *Kernel) chrootFSRefs(old, nw Path) {
	seen := map[*FSStruct]bool{}
	for _, t := range k.tasks.all() {
		fs := t.fsStruct()
		if seen[fs] {
			continue
		}
		seen[fs] = true
		s := fs.load()
		if s.root != old && s.pwd != old {
			continue
		}
		fs.update(func(s *fsState) {
			if s.root == old {
				s.root = nw
			}
			if s.pwd == old {
				s.pwd = nw
			}
		})
	}
}

// exitHooks are what filesystems asked to run when a task exits.
type exitHooks struct {
	mu    sync.Mutex
	hooks []func(t *Task)
}

// OnTaskExit registers f to run after each task's exit, as procfs needs
// to forget a dead task's cached /proc/<pid> (proc_flush_pid from
// release_task).
func (k *Kernel) OnTaskExit(f func(t *Task)) {
	k.exitHooks.mu.Lock()
	k.exitHooks.hooks = append(k.exitHooks.hooks, f)
	k.exitHooks.mu.Unlock()
}

func (k *Kernel) runExitHooks(t *Task) {
	k.exitHooks.mu.Lock()
	hooks := k.exitHooks.hooks
	k.exitHooks.mu.Unlock()
	for _, f := range hooks {
		f(t)
	}
}
