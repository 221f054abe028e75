// SPDX-License-Identifier: Apache-2.0

package fuse

// SyncSubmounts waits until the host's submounts follow the virtual
// tree as it is now.
func (s *Server) SyncSubmounts() {
	if s.subs != nil {
		s.subs.sync()
	}
}
