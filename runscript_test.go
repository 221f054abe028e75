package linuxvfs_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs"
)

// TestRunScriptHonoursDeadline: a script asleep in the kernel (writing to
// a FIFO nobody reads) is woken with EINTR when its context ends, so
// RunScript returns instead of hanging.
func TestRunScriptHonoursDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := linuxvfs.RunScript(ctx, "mkfifo /p; echo x > /p; echo after", strings.NewReader(""), &out, &errb)
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
	case <-time.After(10 * time.Second):
		t.Fatal("RunScript still blocked 10 s after its deadline")
	}
}
