// SPDX-License-Identifier: Apache-2.0

// Package procps is linuxvfs's procps-ng 4.0: ps, pgrep, pkill, sysctl
// and free, with sysvinit's pidof, reading the virtual kernel's /proc as
// the real tools read the host's. The virtual kernel counts no CPU time
// and gives no process a terminal: those columns show zeros and "?".
package procps

import (
	"io"
	"slices"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// cmd is a running procps program.
type cmd struct{ *applet.Cmd }

type program func(c *cmd) int

var programs = map[string]program{
	"ps": psApplet, "pgrep": pgrepApplet, "pkill": pkillApplet, "pidof": pidofApplet, "sysctl": sysctlApplet, "free": freeApplet, "uptime": uptimeApplet,
}

// Register adds the procps programs to set.
func Register(set *applet.Set) {
	for name, p := range programs {
		set.Register(p.run, name)
	}
}

func (p program) run(c *applet.Cmd) int { return p(&cmd{c}) }

// readAll reads a file to its end.
func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }

func sortStrings(s []string) { slices.Sort(s) }
