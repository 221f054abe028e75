// SPDX-License-Identifier: Apache-2.0

package vfs

import "sync"

// driverInits are the steps subsystems asked to run at driver_init, when
// the initial namespace exists and before the initcalls make sockfs and
// pipefs (devtmpfs_init is the one Linux has there).
type driverInits struct {
	mu    sync.Mutex
	steps []func() error
	done  bool
}

// AddDriverInit registers step to run when the kernel's mount tree is
// made (InitMountTree), in the order registered; if that has happened,
// it runs now.
func (k *Kernel) AddDriverInit(step func() error) error {
	k.drivers.mu.Lock()
	if !k.drivers.done {
		k.drivers.steps = append(k.drivers.steps, step)
		k.drivers.mu.Unlock()
		return nil
	}
	k.drivers.mu.Unlock()
	return step()
}

func (k *Kernel) runDriverInits() error {
	k.drivers.mu.Lock()
	steps := k.drivers.steps
	k.drivers.steps, k.drivers.done = nil, true
	k.drivers.mu.Unlock()
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// KernelThread makes a task for the kernel's own work (kthread_create):
// root credentials, the initial namespaces, rootfs's root as its root and
// working directory, umask 0 (the kernel applies modes as given). It
// shows in /proc as Linux's kernel threads do, a child of kthreadd.
func (k *Kernel) KernelThread() *Task {
	k.kthreaddOnce.Do(k.startKthreadd)
	return k.newKernelTask(k.kthreadd)
}

// newKernelTask is a kernel thread's task, parent's child.
func (k *Kernel) newKernelTask(parent *Task) *Task {
	root := Path{k.initNS.root, k.initNS.root.root}
	t := k.newTask(parent, RootCred(), k.initNS, root, root, 0)
	t.kthread.Store(true)
	return t
}

// startKthreadd makes kthreadd, the parent of every other kernel thread,
// itself the child of none (its parent is the idle task, number 0, which
// /proc does not show). Linux starts it right after init, as number 2;
// linuxvfs, which has few threads, starts it with the first one (at
// driver_init, so that it is number 2 too when init is 1), and not at
// all in a kernel that needs none: kthreadd never exits, and would keep
// the initial namespaces alive after every task of such a kernel has.
func (k *Kernel) startKthreadd() {
	t := k.newKernelTask(nil)
	t.SetComm("kthreadd")
	k.kthreadd = t
}
