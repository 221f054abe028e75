// SPDX-License-Identifier: Apache-2.0

package shell

import "testing"

// TestJobTableForgets checks that a shell remembers a bounded number of
// collected jobs, the newest, and every job still in its table.
func TestJobTableForgets(t *testing.T) {
	var tab jobTable
	parent := &proc{}
	var first *job
	for i := range 2 * keptJobs {
		j := tab.start(&proc{parent: parent}, "true &")
		if i == 0 {
			first = j
			continue // running: never forgotten
		}
		close(j.done)
		tab.remove(j)
	}
	last := tab.jobs[len(tab.jobs)-1]
	tab.start(&proc{parent: parent}, "true &")
	if n := len(tab.jobs); n != keptJobs+2 {
		t.Errorf("%d jobs remembered, want %d", n, keptJobs+2)
	}
	if tab.jobs[0] != first {
		t.Error("a running job was forgotten")
	}
	if len(tab.jobs) < 2 || tab.jobs[len(tab.jobs)-2] != last {
		t.Error("the newest collected job was forgotten")
	}
	if got := tab.table(parent); len(got) != 2 || got[0].n != 1 || got[1].n != 2 {
		t.Errorf("table %v, want the running jobs 1 and 2", got)
	}
}
