// SPDX-License-Identifier: Apache-2.0

package fuse

// SyncSubmounts waits until the host's submounts follow the virtual
// tree as it is now.
func (s *Server) SyncSubmounts() {
	if s.subs != nil {
		s.subs.sync()
	}
}

// WatchdogEnv names the environment variable that makes a process a
// watchdog.
const WatchdogEnv = watchdogEnv

// SetLookupHook has fn called at the start of each lookup of every
// export mounted from now on (before any is mounted).
func SetLookupHook(fn func(name string)) { testHookLookup = fn }

// AbortConnection aborts the FUSE connection of the mount whose device
// number is dev.
func AbortConnection(dev uint64) error { return abortConnections(map[uint64]bool{dev: true}) }
