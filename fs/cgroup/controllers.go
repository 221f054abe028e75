// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// mask is a set of controllers, bit i for subsystems[i] (ss_mask).
type mask uint32

// subsystem is what the unified hierarchy knows of a controller: its
// name and whether it can live in a threaded subtree.
type subsystem struct {
	name     string
	threaded bool
}

// subsystems are the controllers a v2 hierarchy can have, in the kernel's
// subsystem order (include/linux/cgroup_subsys.h), which is the order of
// every list of them. perf_event is implicit: on every cgroup, never in
// cgroup.controllers.
var subsystems = []subsystem{
	{"cpuset", true}, {"cpu", true}, {"io", false}, {"memory", false},
	{"perf_event", true}, {"hugetlb", false}, {"pids", true}, {"rdma", false}, {"misc", false},
}

const (
	perfEvent    = 4
	implicitMask = mask(1) << perfEvent
)

// threadedMask is cgrp_dfl_threaded_ss_mask.
var threadedMask = func() mask {
	var m mask
	for i, s := range subsystems {
		if s.threaded {
			m |= 1 << i
		}
	}
	return m
}()

// DefaultControllers are what a new kernel's hierarchy offers: every
// controller, as on a system with no v1 hierarchy mounted.
var DefaultControllers = []string{"cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"}

// subsysIndex finds a controller by name.
func subsysIndex(name string) (int, bool) {
	for i, s := range subsystems {
		if s.name == name {
			return i, true
		}
	}
	return 0, false
}

// maskOf is the set named by names (EINVAL for a name it does not know,
// or an implicit controller, which no hierarchy offers by name).
func maskOf(names []string) (mask, error) {
	var m mask
	for _, n := range names {
		i, ok := subsysIndex(n)
		if !ok || mask(1)<<i&implicitMask != 0 {
			return 0, linux.EINVAL
		}
		m |= 1 << i
	}
	return m, nil
}

// String is cgroup_print_ss_mask: the names, space-separated, with a
// newline after the last; nothing for an empty set.
func (m mask) String() string {
	var names []string
	for i, s := range subsystems {
		if m&(1<<i) != 0 {
			names = append(names, s.name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return strings.Join(names, " ") + "\n"
}
