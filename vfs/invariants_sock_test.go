// SPDX-License-Identifier: Apache-2.0

package vfs

import "fmt"

// holdSocketFiles counts the mount references that sockets reached from
// open files hold: the path a socket is bound to, the files in flight in
// its queue and the connections its listener has not accepted, and so on
// from those. A socket only a cycle in flight reaches is not counted:
// the collector must have freed it, so in Exact mode such a leftover
// fails the check.
func (c *checker) holdSocketFiles(seen map[*File]bool) {
	var work []*File
	for f := range seen {
		work = append(work, f)
	}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		sf := sockOf(f)
		if sf == nil {
			continue
		}
		sf.mu.Lock()
		if sf.bindMnt != nil {
			c.hold(sf.bindMnt, fmt.Sprintf("socket bound to %q", sf.addr))
		}
		var more []*File
		for _, m := range sf.queue {
			more = append(more, m.rights...)
		}
		more = append(more, sf.pending...)
		sf.mu.Unlock()
		for _, g := range more {
			if !seen[g] {
				seen[g] = true
				c.hold(g.mnt, "a file in flight or an embryo")
				work = append(work, g)
			}
		}
	}
}
