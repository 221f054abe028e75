// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The pids controller (kernel/cgroup/pids.c): where it is active, a
// cgroup counts the tasks in its subtree, and a fork that would take the
// count past the pids.max of the cgroup or of an ancestor fails EAGAIN.

// pidsSS is pids's index in subsystems.
const pidsSS = 6

// pidsLimitMax is PIDS_MAX, one past the largest number of PIDs.
const pidsLimitMax = 4194304 + 1

// pidsState is struct pids_cgroup's part here: the limit ("max":
// pidsLimitMax), the highest count seen, and the forks refused because of
// this cgroup's limit.
type pidsState struct {
	max, peak    int
	limitEvents  int
	forkRejected bool
}

// subtreeTasks counts the tasks in c and below it; mu is held.
func (c *cgroup) subtreeTasks() int {
	n := c.nrTasks
	for _, ch := range c.children {
		n += ch.subtreeTasks()
	}
	return n
}

// chargePids is pids_try_charge for a new task in c: every cgroup from c
// up with the controller active must stay within its limit. A refusal is
// counted in the cgroup whose limit it was, and logged the first time a
// fork in c is refused. mu is held.
func (c *cgroup) chargePids() error {
	for a := c; a != nil && !a.isRoot(); a = a.parent {
		if !a.hasCSS(pidsSS) {
			continue
		}
		if a.subtreeTasks()+1 > a.pids.max {
			a.pids.limitEvents++
			if !c.pids.forkRejected {
				c.pids.forkRejected = true
				c.h.k.Printk(vfs.KernInfo + "cgroup: fork rejected by pids controller in " + c.CgroupPath())
			}
			return linux.EAGAIN
		}
	}
	for a := c; a != nil && !a.isRoot(); a = a.parent {
		a.pids.peak = max(a.pids.peak, a.subtreeTasks()+1)
	}
	return nil
}

func showPidsMax(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	if x.c.pids.max == pidsLimitMax {
		return "max\n", nil
	}
	return strconv.Itoa(x.c.pids.max) + "\n", nil
}

// writePidsMax is pids_max_write: "max", or a number as kstrtoll reads
// it (its errors), from 0 below PIDS_MAX (EINVAL otherwise), white space
// around either stripped. Lowering it below the count kills nothing:
// only later forks fail.
func writePidsMax(x call, s string) error {
	s = vfs.Strstrip(s)
	v := pidsLimitMax
	if s != "max" {
		n, err := vfs.Kstrtoll(s, 0)
		if err != nil {
			return err
		}
		if n < 0 || n >= pidsLimitMax {
			return linux.EINVAL
		}
		v = int(n)
	}
	x.c.h.mu.Lock()
	x.c.pids.max = v
	x.c.h.mu.Unlock()
	return nil
}

func showPidsCurrent(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return strconv.Itoa(x.c.subtreeTasks()) + "\n", nil
}

func showPidsPeak(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return strconv.Itoa(max(x.c.pids.peak, x.c.subtreeTasks())) + "\n", nil
}

// showPidsEvents counts the refusals of the cgroup's limit and, unless
// the hierarchy was mounted with pids_localevents, of those below it.
func showPidsEvents(x call) (string, error) {
	h := x.c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	n := x.c.pids.limitEvents
	if h.flags&pidsLocalEvents == 0 {
		n = x.c.subtreeLimitEvents()
	}
	return "max " + strconv.Itoa(n) + "\n", nil
}

func (c *cgroup) subtreeLimitEvents() int {
	n := c.pids.limitEvents
	for _, ch := range c.children {
		n += ch.subtreeLimitEvents()
	}
	return n
}

func showPidsEventsLocal(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return "max " + strconv.Itoa(x.c.pids.limitEvents) + "\n", nil
}
