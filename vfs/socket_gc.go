// SPDX-License-Identifier: Apache-2.0

package vfs

// Files in flight and the collection of unreachable sockets
// (net/unix/garbage.c). A socket's file sent over a socket is held by
// the buffer carrying it; a socket sent into its own queue, or a ring of
// sockets each queued on the next, holds itself up after every
// descriptor is closed. The collector finds such groups: sockets all of
// whose references are in flight, and that no queue outside the group
// reaches. It drops the rights queued on them, which releases them.
//
// Linux runs its collector from a work queue, some time after a socket
// is released; here it runs at once, whenever a socket's last reference
// that is not in flight goes (File.DecRef), so that closing the last
// descriptor of a cycle frees it, and with it the files it carried,
// before close returns.

// attach is unix_inflight for each file passed: a socket among them is
// in flight once more.
func (u *unixTable) attach(files []*File) {
	if !anySocket(files) {
		return
	}
	u.gcMu.Lock()
	for _, f := range files {
		if sf := sockOf(f); sf != nil {
			u.inflight[sf]++
			sf.inflight.Add(1)
		}
	}
	u.gcMu.Unlock()
}

// detach is unix_notinflight: the files left their queue.
func (u *unixTable) detach(files []*File) {
	if !anySocket(files) {
		return
	}
	u.gcMu.Lock()
	u.detachLocked(files)
	u.gcMu.Unlock()
}

func (u *unixTable) detachLocked(files []*File) {
	for _, f := range files {
		sf := sockOf(f)
		if sf == nil {
			continue
		}
		if u.inflight[sf]--; u.inflight[sf] == 0 {
			delete(u.inflight, sf)
		}
		sf.inflight.Add(-1)
	}
}

func anySocket(files []*File) bool {
	for _, f := range files {
		if f != nil && sockOf(f) != nil {
			return true
		}
	}
	return false
}

// dropInFlight lets go of files in flight that will not be received.
func (u *unixTable) dropInFlight(files []*File) {
	u.detach(files)
	putFiles(files)
}

// purge drops the rights of buffers thrown away (skb_queue_purge).
func (u *unixTable) purge(queue []*skb) {
	for _, m := range queue {
		u.dropInFlight(m.rights)
	}
}

// queuedSockets calls fn for each socket in flight in sf's queue and in
// the queues of its embryos, which the collector counts as the
// listener's (scan_children).
func (sf *sockFile) queuedSockets(fn func(*sockFile)) {
	sf.mu.Lock()
	each := func(q []*skb) {
		for _, m := range q {
			for _, f := range m.rights {
				if s := sockOf(f); s != nil {
					fn(s)
				}
			}
		}
	}
	each(sf.queue)
	pending := append([]*File(nil), sf.pending...)
	sf.mu.Unlock()
	for _, e := range pending {
		es := sockOf(e)
		es.mu.Lock()
		each(es.queue)
		es.mu.Unlock()
	}
}

// takeRights empties the rights of sf's queue and its embryos' queues.
func (sf *sockFile) takeRights() []*File {
	var out []*File
	take := func(s *sockFile) {
		s.mu.Lock()
		for _, m := range s.queue {
			out = append(out, m.rights...)
			m.rights = nil
		}
		s.mu.Unlock()
	}
	take(sf)
	sf.mu.Lock()
	pending := append([]*File(nil), sf.pending...)
	sf.mu.Unlock()
	for _, e := range pending {
		take(sockOf(e))
	}
	return out
}

// collectGarbage is unix_gc. Candidates are the sockets whose references
// are all in flight; one that is held from a queue outside the
// candidates is alive, and so is every candidate queued, directly or
// not, on a live one. The rest only hold each other: their queued
// rights are dropped.
func (u *unixTable) collectGarbage() {
	u.gcMu.Lock()
	cands := map[*sockFile]int64{}
	for sf, n := range u.inflight {
		if sf.file.refs.Load() == int64(n) {
			cands[sf] = int64(n)
		}
	}
	if len(cands) == 0 {
		u.gcMu.Unlock()
		return
	}
	internal := map[*sockFile]int64{}
	edges := map[*sockFile][]*sockFile{}
	for c := range cands {
		c.queuedSockets(func(s *sockFile) {
			if _, ok := cands[s]; ok {
				internal[s]++
				edges[c] = append(edges[c], s)
			}
		})
	}
	alive := map[*sockFile]bool{}
	var work []*sockFile
	for c, n := range cands {
		if n > internal[c] {
			alive[c] = true
			work = append(work, c)
		}
	}
	for len(work) > 0 {
		c := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range edges[c] {
			if !alive[s] {
				alive[s] = true
				work = append(work, s)
			}
		}
	}
	var drop []*File
	for c := range cands {
		if !alive[c] {
			drop = append(drop, c.takeRights()...)
		}
	}
	u.detachLocked(drop)
	u.gcMu.Unlock()
	putFiles(drop)
}
