// SPDX-License-Identifier: Apache-2.0

package fuse

import "golang.org/x/sys/unix"

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

// FusectlConnections lists the entries of the FUSE control filesystem
// as the watchdog finds it, with its usual place taken to be dir.
func FusectlConnections(dir string) ([]string, error) {
	old := fusectlDir
	fusectlDir = dir
	defer func() { fusectlDir = old }()
	ctl, err := openFusectl()
	if err != nil {
		return nil, err
	}
	defer unix.Close(ctl)
	return readDirAt(ctl, ".")
}
