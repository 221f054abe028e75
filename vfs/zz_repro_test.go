package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

func TestZZRepro(t *testing.T) {
	task := newScKernel(t)
	fd, _ := task.Open("f", linux.O_CREAT|linux.O_WRONLY, 0o644)
	task.Close(fd)
	t.Log("unlink:", task.Unlink("f"))
	_, err := task.Stat("f")
	t.Log("stat f after unlink:", err)
	fd, err = task.Open("f", linux.O_CREAT|linux.O_WRONLY|linux.O_EXCL, 0o644)
	t.Log("O_EXCL create after unlink:", fd, err)
}
