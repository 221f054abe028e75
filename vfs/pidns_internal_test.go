// SPDX-License-Identifier: Apache-2.0

package vfs

import "testing"

// SetnsPid is setns(2) into a PID namespace without a file.
func SetnsPid(t *Task, ns *PidNamespace) error { return t.install(ns) }

// Numbers go up from the last one handed out; past pid_max they start
// again at RESERVED_PIDS, skipping those in use.
func TestPidNumbersWrap(t *testing.T) {
	k := NewKernel()
	ns, err := k.createPidNS(nil, k.initPidNS)
	if err != nil {
		t.Fatal(err)
	}
	ns.tasks[reservedPids] = &Task{}
	ns.cursor = pidMax - 1
	var got []int32
	for range 3 {
		nr, ok := ns.freeNr()
		if !ok {
			t.Fatal("no number")
		}
		ns.tasks[nr] = &Task{}
		ns.cursor = nr + 1
		got = append(got, nr)
	}
	if got[0] != pidMax-1 || got[1] != reservedPids+1 || got[2] != reservedPids+2 {
		t.Errorf("numbers %v", got)
	}
	full := &PidNamespace{tasks: map[int32]*Task{}}
	for nr := int32(1); nr < pidMax; nr++ {
		full.tasks[nr] = &Task{}
	}
	if _, ok := full.freeNr(); ok {
		t.Error("a full namespace gave a number")
	}
}

// A namespace's nsfs number is freed with its last reference: its tasks',
// its children's and that of the task that made it.
func TestPidNamespaceFreed(t *testing.T) {
	k := NewKernel()
	ns, err := k.createPidNS(nil, k.initPidNS)
	if err != nil {
		t.Fatal(err)
	}
	child, _ := k.createPidNS(nil, ns)
	inum := int(ns.inum - procDynamicFirst)
	ns.put()
	if !k.nsInums.has(inum) {
		t.Fatal("freed while a child namespace holds it")
	}
	child.put()
	if k.nsInums.has(inum) || k.nsInums.has(int(child.inum-procDynamicFirst)) {
		t.Error("not freed with the last reference")
	}
}
