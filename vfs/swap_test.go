// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// swapImage is a disk of pages pages with a version 1 swap header, its
// last page and bad pages as given.
func swapImage(pages int, last uint32, bad ...uint32) []byte {
	b := make([]byte, pages*4096)
	le := binary.LittleEndian
	le.PutUint32(b[1024:], 1)
	le.PutUint32(b[1028:], last)
	le.PutUint32(b[1032:], uint32(len(bad)))
	for i, n := range bad {
		le.PutUint32(b[1024+512+4*i:], n)
	}
	copy(b[4096-10:], "SWAPSPACE2")
	return b
}

// swapLines are /proc/swaps's lines after the header, as t reads them.
func swapLines(t *vfs.Task) []string {
	lines := strings.Split(strings.TrimSuffix(t.ProcSwaps(), "\n"), "\n")
	if !strings.HasPrefix(lines[0], "Filename\t\t\t\tType") {
		return []string{"bad header: " + lines[0]}
	}
	return lines[1:]
}

func TestSwaponSwapoff(t *testing.T) {
	k, task := bootBlock(t, &memDisk{b: swapImage(16, 15, 3)})
	if err := task.Mknodat(linux.AT_FDCWD, "/dev/alias", linux.S_IFBLK|0o600, linux.Mkdev(7, 0)); err != nil {
		t.Fatal(err)
	}
	errIs(t, "unknown flag", task.Swapon("/dev/d", 1<<20), linux.EINVAL)
	task.SetCred(vfs.UserCred(1000, 1000))
	errIs(t, "unprivileged swapon", task.Swapon("/dev/d", 0), linux.EPERM)
	errIs(t, "unprivileged swapoff", task.Swapoff("/dev/d"), linux.EPERM)
	task.SetCred(vfs.RootCred())
	errIs(t, "missing", task.Swapon("/dev/x", 0), linux.ENOENT)
	errIs(t, "no disk", task.Swapon("/dev/none", 0), linux.ENXIO)
	errIs(t, "directory", task.Swapon("/dev", 0), linux.EISDIR)
	errIs(t, "swapon", task.Swapon("/dev/d", 0), nil)
	errIs(t, "again", task.Swapon("/dev/d", 0), linux.EBUSY)
	errIs(t, "another node", task.Swapon("/dev/alias", 0), linux.EBUSY)
	errIs(t, "mount over swap", task.Mount("/dev/d", "/a", "blk", 0, ""), linux.EBUSY)
	fd, err := task.Open("/dev/d", linux.O_RDWR, 0)
	errIs(t, "open", err, nil)
	_, err = task.Pwrite(fd, []byte("x"), 0)
	errIs(t, "write to a swap device", err, linux.ETXTBSY)
	task.Close(fd)
	// 16 pages less the header and one bad page, 4 KiB each.
	lines := swapLines(task)
	if len(lines) != 1 || lines[0] != "/dev/d"+strings.Repeat(" ", 34)+"partition\t56\t\t0\t\t-2" {
		t.Errorf("/proc/swaps: %q", lines)
	}
	if total, free := k.SwapPages(); total != 14 || free != 14 {
		t.Errorf("SwapPages: %d %d, want 14 14", total, free)
	}
	errIs(t, "swapoff by another node", task.Swapoff("/dev/alias"), nil)
	errIs(t, "swapoff again", task.Swapoff("/dev/d"), linux.EINVAL)
	errIs(t, "swapoff missing", task.Swapoff("/dev/x"), linux.ENOENT)
	if lines := swapLines(task); len(lines) != 0 {
		t.Errorf("/proc/swaps after swapoff: %q", lines)
	}
	errIs(t, "mount once off", task.Mount("/dev/d", "/a", "blk", 0, ""), linux.EINVAL) // no BLK! magic: the disk is free
}

func TestSwaponHeaders(t *testing.T) {
	for _, c := range []struct {
		name string
		img  []byte
		want error
	}{
		{"valid", swapImage(16, 15), nil},
		{"no signature", make([]byte, 16*4096), linux.EINVAL},
		{"last page beyond the device", swapImage(16, 16), linux.EINVAL},
		{"last page zero", swapImage(16, 0), linux.EINVAL},
		{"bad page zero", swapImage(16, 15, 0), linux.EINVAL},
		{"only the header", swapImage(2, 1, 1), linux.EINVAL},
		{"version 2", func() []byte { b := swapImage(16, 15); b[1024] = 2; return b }(), linux.EINVAL},
		{"big-endian", func() []byte {
			b := swapImage(16, 15)
			binary.BigEndian.PutUint32(b[1024:], 1)
			binary.BigEndian.PutUint32(b[1028:], 15)
			return b
		}(), nil},
	} {
		_, task := bootBlock(t, &memDisk{b: c.img})
		errIs(t, c.name, task.Swapon("/dev/d", 0), c.want)
	}
}

func TestSwapPriorities(t *testing.T) {
	_, task := bootBlock(t, &memDisk{b: swapImage(16, 15)})
	k := task.Kernel()
	for i := 1; i <= 3; i++ {
		if err := k.AddDisk(linux.Mkdev(7, uint32(i)), &memDisk{b: swapImage(16, 15)}); err != nil {
			t.Fatal(err)
		}
		name := "/dev/d" + string(rune('0'+i))
		if err := task.Mknodat(linux.AT_FDCWD, name, linux.S_IFBLK|0o600, linux.Mkdev(7, uint32(i))); err != nil {
			t.Fatal(err)
		}
	}
	errIs(t, "d", task.Swapon("/dev/d", 0), nil)
	errIs(t, "d1", task.Swapon("/dev/d1", vfs.SwapFlagPrefer|5), nil)
	errIs(t, "d2", task.Swapon("/dev/d2", 0), nil)
	errIs(t, "d3", task.Swapon("/dev/d3", 0), nil)
	prios := func() string {
		var out []string
		for _, l := range swapLines(task) {
			f := strings.Fields(l)
			out = append(out, f[0]+"="+f[len(f)-1])
		}
		return strings.Join(out, " ")
	}
	if got, want := prios(), "/dev/d=-2 /dev/d1=5 /dev/d2=-3 /dev/d3=-4"; got != want {
		t.Errorf("priorities: %s, want %s", got, want)
	}
	// Those below a default priority taken away move up; the freed
	// slot is the next area's.
	errIs(t, "off d", task.Swapoff("/dev/d"), nil)
	errIs(t, "d again", task.Swapon("/dev/d", 0), nil)
	if got, want := prios(), "/dev/d=-4 /dev/d1=5 /dev/d2=-2 /dev/d3=-3"; got != want {
		t.Errorf("priorities after swapoff and swapon: %s, want %s", got, want)
	}
	for _, d := range []string{"/dev/d", "/dev/d1", "/dev/d2", "/dev/d3"} {
		errIs(t, "off "+d, task.Swapoff(d), nil)
	}
}

func TestSwaponRefusesTmpfsFiles(t *testing.T) {
	_, task := bootBlock(t, &memDisk{b: swapImage(16, 15)})
	fd, err := task.Open("/swapfile", linux.O_CREAT|linux.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := task.Pwrite(fd, swapImage(16, 15), 0); err != nil {
		t.Fatal(err)
	}
	task.Close(fd)
	errIs(t, "tmpfs file", task.Swapon("/swapfile", 0), linux.EINVAL)
	if err := task.Mknodat(linux.AT_FDCWD, "/fifo", linux.S_IFIFO|0o600, 0); err != nil {
		t.Fatal(err)
	}
	errIs(t, "FIFO", task.Swapon("/fifo", 0), linux.EINVAL)
	fd, err = task.Open("/swapfile", linux.O_RDWR, 0)
	errIs(t, "reopen", err, nil)
	_, err = task.Pwrite(fd, []byte("x"), 0)
	errIs(t, "write after a refused swapon", err, nil)
	task.Close(fd)
}

// TestBdevExclusiveOpen: O_EXCL without O_CREAT claims a block device
// as a mount does: either excludes the other, a second O_EXCL open, and
// swapon; plain opens do not.
func TestBdevExclusiveOpen(t *testing.T) {
	_, task := bootBlock(t, &memDisk{b: append([]byte("BLK!"), make([]byte, 16*4096-4)...)})
	plain, err := task.Open("/dev/d", linux.O_RDONLY, 0)
	errIs(t, "plain open", err, nil)
	excl, err := task.Open("/dev/d", linux.O_RDONLY|linux.O_EXCL, 0)
	errIs(t, "exclusive open beside a plain one", err, nil)
	_, err = task.Open("/dev/d", linux.O_RDONLY|linux.O_EXCL, 0)
	errIs(t, "second exclusive open", err, linux.EBUSY)
	errIs(t, "mount while held", task.Mount("/dev/d", "/a", "blk", 0, ""), linux.EBUSY)
	errIs(t, "swapon while held", task.Swapon("/dev/d", 0), linux.EBUSY)
	task.Close(excl)
	errIs(t, "mount once let go", task.Mount("/dev/d", "/a", "blk", 0, ""), nil)
	_, err = task.Open("/dev/d", linux.O_RDONLY|linux.O_EXCL, 0)
	errIs(t, "exclusive open of a mounted device", err, linux.EBUSY)
	errIs(t, "umount", task.Umount("/a"), nil)
	excl, err = task.Open("/dev/d", linux.O_RDWR|linux.O_EXCL, 0)
	errIs(t, "exclusive open after umount", err, nil)
	task.Close(excl)
	task.Close(plain)
}
