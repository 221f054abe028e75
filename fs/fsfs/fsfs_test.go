// SPDX-License-Identifier: Apache-2.0

package fsfs_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/fsfs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/iofs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestMountMapFS(t *testing.T) {
	src := fstest.MapFS{
		"hello":       {Data: []byte("hello from Go\n"), Mode: 0o644},
		"dir/inner":   {Data: []byte(strings.Repeat("x", 10000)), Mode: 0o600},
		"dir/up":      {Data: []byte("../../secret"), Mode: fs.ModeSymlink | 0o777},
		"dir/sub/bin": {Data: []byte("#!/bin/sh\n"), Mode: 0o755},
	}
	k := testkernel.New(t)
	must(t, fsfs.Register(k, "gofs", src))
	task := testkernel.Init(t, k, "/mnt")
	fd, err := task.Open("/secret", linux.O_WRONLY|linux.O_CREAT, 0o644)
	must(t, err)
	_, err = task.Write(fd, []byte("virtual\n"))
	must(t, err)
	must(t, task.Close(fd))
	must(t, task.Mount("none", "/mnt", "gofs", 0, ""))
	if !strings.Contains(task.Mountinfo(), " /mnt rw,relatime - gofs none ro\n") {
		t.Errorf("mountinfo:\n%s", task.Mountinfo())
	}
	st, err := task.Stat("/mnt/dir/sub/bin")
	must(t, err)
	if st.Mode != linux.S_IFREG|0o755 || st.Size != 10 {
		t.Errorf("stat = %+v", st)
	}
	fsys := iofs.New(task)
	defer fsys.Close()
	if b, err := fs.ReadFile(fsys, "mnt/dir/up"); err != nil || string(b) != "virtual\n" {
		t.Errorf("through the link: %q, %v; want the virtual /secret", b, err)
	}
	if _, err := task.Open("/mnt/new", linux.O_WRONLY|linux.O_CREAT, 0o644); err != linux.EROFS {
		t.Errorf("create = %v, want EROFS", err)
	}
	if err := task.Chmod("/mnt/hello", 0o600); err != linux.EROFS {
		t.Errorf("chmod = %v, want EROFS", err)
	}
	sub, err := fsys.Sub("mnt")
	must(t, err)
	must(t, fstest.TestFS(sub, "hello", "dir/inner", "dir/sub/bin"))
}
