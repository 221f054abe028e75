// SPDX-License-Identifier: Apache-2.0

package vfs

// LiveSockets returns how many AF_UNIX sockets are not released yet, and
// how many of them are in flight.
func LiveSockets(k *Kernel) (live, inflight int) {
	k.sleepers.mu.Lock()
	for s := range k.sleepers.all {
		if _, ok := s.(*sockFile); ok {
			live++
		}
	}
	k.sleepers.mu.Unlock()
	u := k.unix()
	u.gcMu.Lock()
	inflight = len(u.inflight) + len(u.userInflight)
	u.gcMu.Unlock()
	return live, inflight
}
