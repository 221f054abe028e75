// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

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

// attachRights is unix_attach_fds: the rights of msg go in flight,
// charged to the sending user, who may have no more than its RLIMIT_NOFILE
// files in flight before (ETOOMANYREFS, too_many_unix_fds) unless
// CAP_SYS_RESOURCE or CAP_SYS_ADMIN; each socket among them is in flight
// once more (unix_add_edges).
func (u *unixTable) attachRights(msg *skb) error {
	if len(msg.rights) == 0 {
		return nil
	}
	c := msg.cred
	u.gcMu.Lock()
	defer u.gcMu.Unlock()
	if u.userInflight[c.UID] > msg.nofile && !c.HasCap(linux.CAP_SYS_RESOURCE) && !c.HasCap(linux.CAP_SYS_ADMIN) {
		return linux.ETOOMANYREFS
	}
	msg.owner, msg.cred = c.UID, nil
	u.userInflight[c.UID] += len(msg.rights)
	for _, f := range msg.rights {
		if sf := sockOf(f); sf != nil {
			u.inflight[sf]++
			sf.inflight.Add(1)
		}
	}
	return nil
}

// unsent lets go of the rights a send did not queue: in flight already
// if it was charged for them, else only held.
func (u *unixTable) unsent(msg *skb) {
	if msg.cred == nil {
		u.dropInFlight(msg.rights, msg.owner)
		return
	}
	putFiles(msg.rights)
}

// detach is unix_notinflight (unix_del_edges): the files left their
// queue, and their sender is no longer charged for them.
func (u *unixTable) detach(files []*File, owner uint32) {
	if len(files) == 0 {
		return
	}
	u.gcMu.Lock()
	u.detachLocked(files, owner)
	u.gcMu.Unlock()
}

func (u *unixTable) detachLocked(files []*File, owner uint32) {
	if u.userInflight[owner] -= len(files); u.userInflight[owner] == 0 {
		delete(u.userInflight, owner)
	}
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

// dropInFlight lets go of files in flight that will not be received.
func (u *unixTable) dropInFlight(files []*File, owner uint32) {
	u.detach(files, owner)
	putFiles(files)
}

// purge drops the rights of buffers thrown away (skb_queue_purge).
func (u *unixTable) purge(queue []*skb) {
	for _, m := range queue {
		u.dropInFlight(m.rights, m.owner)
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

// takeRights empties the rights of sf's queue and its embryos' queues,
// returned as buffers that hold only them.
func (sf *sockFile) takeRights() []*skb {
	var out []*skb
	take := func(s *sockFile) {
		s.mu.Lock()
		for _, m := range s.queue {
			if m.rights != nil {
				out = append(out, &skb{rights: m.rights, owner: m.owner})
				m.rights = nil
			}
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
	var drop []*skb
	for c := range cands {
		if !alive[c] {
			drop = append(drop, c.takeRights()...)
		}
	}
	for _, m := range drop {
		u.detachLocked(m.rights, m.owner)
	}
	u.gcMu.Unlock()
	for _, m := range drop {
		putFiles(m.rights)
	}
}
