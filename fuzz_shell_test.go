// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/shell"
)

// Bounds of one FuzzRunScript run: its deadline, the grace after it in
// which the script must have returned, the output kept, and the heap at
// which the run is stopped early (a script may fill a ramfs, which has no
// limit, as it may on Linux).
const (
	scriptDeadline = 2 * time.Second
	scriptGrace    = 20 * time.Second
	scriptOutput   = 1 << 20
	scriptHeap     = 1 << 30
)

// FuzzRunScript runs arbitrary text as a `linuxvfs sh` script on a booted
// system whose tmpfs mounts are small, with a deadline: the shell must
// not panic and must return soon after its deadline, whatever the script
// does (loop, sleep, wait on a FIFO, fill a filesystem).
func FuzzRunScript(f *testing.F) {
	files, err := filepath.Glob("testdata/diff/*/*.sh")
	if err != nil || len(files) == 0 {
		f.Fatalf("no scenarios: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 4096 { // the big ones carry images; they mutate slowly
			f.Add(string(b))
		}
	}
	f.Add("while :; do :; done")
	f.Add("mkfifo /p; cat /p")
	f.Add("mkdir /r; mount -t ramfs r /r; cat /dev/zero > /r/f")
	f.Add("x() { x | x & }; x")
	f.Fuzz(func(t *testing.T, script string) {
		task, err := linuxvfs.Boot()
		if err != nil {
			t.Fatal(err)
		}
		defer task.Exit()
		shrinkTmpfs(t, task)
		ctx, cancel := context.WithTimeout(context.Background(), scriptDeadline)
		defer cancel()
		stopHeap := cancelOnHeap(ctx, cancel, scriptHeap)
		defer stopHeap()
		stop := context.AfterFunc(ctx, task.Kernel().Interrupt)
		defer stop()
		done := make(chan struct{})
		go func() {
			defer close(done)
			out := &cappedBuffer{max: scriptOutput}
			cfg := shell.Config{Task: task, Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Set: userland.Programs()}
			_, err := shell.Run(ctx, cfg, script)
			if err != nil && ctx.Err() == nil {
				t.Errorf("Run: %v", err)
			}
		}()
		select {
		case <-done:
		case <-time.After(scriptDeadline + scriptGrace):
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			panic(fmt.Sprintf("script timed out: still running %v after its deadline\n%s", scriptGrace, buf))
		}
	})
}

// shrinkTmpfs makes every tmpfs of the booted system, and every one the
// script mounts, small.
func shrinkTmpfs(t *testing.T, task interface {
	Mount(source, target, fstype string, flags uint64, data string) error
}) {
	for _, dir := range []string{"/", "/dev", "/tmp", "/run"} {
		if err := task.Mount("", dir, "", linux.MS_REMOUNT, "size=8m,nr_inodes=4k"); err != nil {
			t.Fatalf("remount %s: %v", dir, err)
		}
	}
}

// cancelOnHeap cancels ctx's run when the live heap grows past limit.
func cancelOnHeap(ctx context.Context, cancel func(), limit uint64) (stop func()) {
	tick := time.NewTicker(20 * time.Millisecond)
	quit := make(chan struct{})
	go func() {
		defer tick.Stop()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			select {
			case <-quit:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				metrics.Read(s)
				if s[0].Value.Uint64() > limit {
					cancel()
				}
			}
		}
	}()
	return func() { close(quit) }
}

// cappedBuffer keeps the first max bytes written to it and then fails
// writes, as a full pipe would.
type cappedBuffer struct {
	b   strings.Builder
	max int
}

var errOutputFull = errors.New("output full")

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.b.Len()+len(p) > c.max {
		return 0, errOutputFull
	}
	return c.b.Write(p)
}
