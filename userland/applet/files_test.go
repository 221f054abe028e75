// SPDX-License-Identifier: Apache-2.0

package applet_test

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A File closed and its number reused by the next open must not read the
// new file: the interpreter's stdin copier may still call Read.
func TestFileReadAfterCloseDoesNotReachReusedFd(t *testing.T) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	writeFile(t, task, "/tmp/a", "old\n")
	writeFile(t, task, "/tmp/b", "new\n")
	fa, err := applet.OpenFile(task, "/tmp/a", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := fa.Close(); err != nil {
		t.Fatal(err)
	}
	fb, err := applet.OpenFile(task, "/tmp/b", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	if fb.Fd != fa.Fd {
		t.Fatalf("fd %d not reused (got %d); the test needs the lowest free number", fa.Fd, fb.Fd)
	}
	if n, err := fa.Read(make([]byte, 8)); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("Read after Close = %d, %v; want os.ErrClosed", n, err)
	}
	if got, _ := io.ReadAll(fb); string(got) != "new\n" {
		t.Fatalf("the new file read %q", got)
	}
}

func writeFile(t *testing.T, task *vfs.Task, name, data string) {
	t.Helper()
	f, err := applet.OpenFile(task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
}
