// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"bytes"
	"context"
	"errors"
	"github.com/linuxvfs/linuxvfs/userland"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// TestRunScriptHonoursDeadline: a script asleep in the kernel (writing to
// a FIFO nobody reads) is woken with EINTR when its context ends, so
// RunScript returns instead of hanging.
func TestRunScriptHonoursDeadline(t *testing.T) {
	// Long enough for a loaded machine to boot and reach the FIFO (200 ms
	// was not, under -race at load 15): the script then sleeps for good,
	// so only the deadline can end it.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := userland.RunScript(ctx, "mkfifo /p; echo x > /p; echo after", strings.NewReader(""), &out, &errb)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("RunScript = %v, want the context's error", err)
		}
		if !strings.Contains(errb.String(), "/p: Interrupted system call") {
			t.Fatalf("stderr %q", errb.String())
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("RunScript still blocked 2 min after its deadline")
	}
}

// TestExitWithLoopMountStillMounted: a script that leaves a filesystem
// mounted from an autoclear loop device returns. The namespace dies with
// the task, the filesystem with it, and the loop device lets go of its
// backing file, whose mount is released while the namespace lock is held
// (the release is deferred, not waited for).
func TestExitWithLoopMountStillMounted(t *testing.T) {
	image, err := testimage.Squashfs(map[string]string{"top": "top file\n"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	script := "mkdir /w /a\n" + testimage.Script(image, "/w/img", 8192) +
		"mount -o loop /w/img /a\ncat /a/top\n"
	var out, errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := userland.RunScript(context.Background(), script, strings.NewReader(""), &out, &errb)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil || out.String() != "top file\n" {
			t.Fatalf("RunScript = %v, stdout %q, stderr %q", err, out.String(), errb.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("RunScript did not return: the namespace's death deadlocked")
	}
}

// TestRunScriptStopsCopyLoop: a script copying /dev/zero never sleeps, so
// waking sleepers does not end it; once its context ends, reads and
// writes fail with EINTR as under a fatal signal, and cat gives up (found
// by FuzzRunScript, with a ramfs as the sink). Its message cannot get out:
// standard error is a file of the interrupted kernel too.
func TestRunScriptStopsCopyLoop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := userland.RunScript(ctx, "cat /dev/zero > /dev/null; echo after", strings.NewReader(""), &out, &errb)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(out.String(), "after") {
			t.Fatalf("RunScript = %v, stdout %q, stderr %q", err, out.String(), errb.String())
		}
	case <-time.After(20 * time.Second):
		buf := make([]byte, 1<<20)
		t.Fatalf("RunScript timed out: still copying 20 s after its deadline\n%s", buf[:runtime.Stack(buf, true)])
	}
}
