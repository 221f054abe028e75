// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"context"
	"io"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FuzzFatlabel gives fatlabel an image of any bytes (outside input: a
// disk image): reading the label and serial, and setting a label (which
// also checks and repairs what fsck.fat's reader would), must end with
// a status, never a panic. The seeds are the first 64 KiB of the images
// mkfs.fat makes of each FAT width. One kernel serves every input: the
// image is written to a file of its tmpfs root and fatlabel run on it.
func FuzzFatlabel(f *testing.F) {
	task := testkernel.Boot(f, nil)
	set := applet.NewSet()
	Register(set)
	for _, args := range [][]string{{"-F", "12", "-C", "/seed", "1440"}, {"-F", "16", "-C", "/seed", "20480"},
		{"-F", "32", "-C", "/seed", "40960"}} {
		task.Unlink("/seed")
		if st := mkfsApplet(applet.New(context.Background(), set, task, "mkfs.fat", args, nil, nil, io.Discard, io.Discard)); st != 0 {
			f.Fatalf("seed %q: status %d", args, st)
		}
		f.Add(readHead(f, task, "/seed", 64<<10))
	}
	f.Fuzz(func(t *testing.T, img []byte) {
		fd, err := task.Open("/f.img", linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		_, err = task.Write(fd, img)
		task.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"/f.img"}, {"-i", "/f.img"}, {"/f.img", "NEW"}} {
			fatlabelApplet(applet.New(context.Background(), set, task, "fatlabel", args, nil, nil, io.Discard, io.Discard))
		}
	})
}

// readHead is the first n bytes of the file name.
func readHead(tb testing.TB, task *vfs.Task, name string, n int) []byte {
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer task.Close(fd)
	buf := make([]byte, n)
	got, err := task.Read(fd, buf)
	if err != nil {
		tb.Fatal(err)
	}
	return buf[:got]
}
