// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"io"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
)

// The in-process part of `linuxvfs sh -c true` (issue 15 item 5): what
// cmd/linuxvfs's runScript does once the process is up, without the
// package initialisation and the runtime's start, which the process-level
// measurement in docs/performance.md adds.

// BenchmarkStartBoot is linuxvfs.Boot alone (the default system) and the
// init task's exit.
func BenchmarkStartBoot(b *testing.B) {
	b.ReportAllocs()
	for next := startCPULoop(b); next(); {
		t, err := linuxvfs.Boot()
		if err != nil {
			b.Fatal(err)
		}
		t.Exit()
	}
}

// BenchmarkStartShTrue is Boot and the programs' files, then `sh -c true`
// as cmd/linuxvfs runs it (dash personality), then the exit.
func BenchmarkStartShTrue(b *testing.B) {
	b.ReportAllocs()
	for next := startCPULoop(b); next(); {
		t, err := linuxvfs.Boot()
		if err != nil {
			b.Fatal(err)
		}
		set := userland.Programs()
		if err := set.Install(t); err != nil {
			b.Fatal(err)
		}
		cfg := shell.Config{Stdout: io.Discard, Stderr: io.Discard, Set: set,
			Personality: shell.Dash, CommandLine: true, Task: t}
		ctx, cancel := userland.MachineContext(context.Background(), t.Kernel())
		code, err := userland.ShellStatus(t.Kernel(), func() (int, error) { return shell.Run(ctx, cfg, "true") })
		cancel()
		if err != nil || code != 0 {
			b.Fatalf("sh -c true: %d, %v", code, err)
		}
		t.Exit()
	}
}

// startCPULoop runs b.N iterations and reports the process's CPU time per
// iteration beside the wall time.
func startCPULoop(b *testing.B) func() bool {
	i := -1
	c := newCPUTimer(b)
	c.start()
	return func() bool {
		i++
		if i < b.N {
			return true
		}
		c.stop()
		c.report(0, "")
		return false
	}
}
