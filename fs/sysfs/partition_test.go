// SPDX-License-Identifier: Apache-2.0

package sysfs_test

import (
	"slices"
	"sync/atomic"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestPartitions: a partition's directory is inside its disk's, as
// add_partition makes it; /sys/block lists disks only, /sys/class/block
// and /sys/dev/block link to partitions too; the uevent says partition
// with its number and name.
func TestPartitions(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	k := task.Kernel()
	disk := &vfs.Device{Name: "vda", Class: "block", Block: true, Dev: linux.Mkdev(254, 0)}
	part := &vfs.Device{Name: "vda1", Class: "block", Block: true, Dev: linux.Mkdev(254, 1), Parent: disk,
		PartNo: 1, PartName: "root", Attrs: []vfs.DeviceAttr{{Name: "start", Show: func(*vfs.Task) string { return "2048\n" }}}}
	for _, d := range []*vfs.Device{disk, part} {
		if err := k.DeviceAdd(d); err != nil {
			t.Fatal(err)
		}
	}
	if got := listDir(t, task, "/sys/block"); slices.Contains(got, "vda1") || !slices.Contains(got, "vda") {
		t.Errorf("/sys/block: %v", got)
	}
	if got := listDir(t, task, "/sys/devices/virtual/block"); slices.Contains(got, "vda1") {
		t.Errorf("/sys/devices/virtual/block: %v", got)
	}
	if got := listDir(t, task, "/sys/block/vda"); !slices.Contains(got, "vda1") {
		t.Errorf("/sys/block/vda: %v", got)
	}
	got := listDir(t, task, "/sys/block/vda/vda1")
	slices.Sort(got)
	want := []string{"dev", "holders", "power", "start", "subsystem", "uevent"}
	if !slices.Equal(got, want) {
		t.Errorf("/sys/block/vda/vda1: %v, want %v", got, want)
	}
	for link, target := range map[string]string{
		"/sys/class/block/vda1":         "../../devices/virtual/block/vda/vda1",
		"/sys/dev/block/254:1":          "../../devices/virtual/block/vda/vda1",
		"/sys/block/vda/vda1/subsystem": "../../../../../class/block",
	} {
		if got, err := task.Readlink(link); err != nil || got != target {
			t.Errorf("readlink %s: %q, %v; want %q", link, got, err, target)
		}
	}
	wantUevent := "MAJOR=254\nMINOR=1\nDEVNAME=vda1\nDEVTYPE=partition\nPARTN=1\nPARTNAME=root\n"
	if got, err := readFile(task, "/sys/dev/block/254:1/uevent"); err != nil || got != wantUevent {
		t.Errorf("uevent: %q, %v", got, err)
	}
	if got, err := readFile(task, "/sys/class/block/vda1/start"); err != nil || got != "2048\n" {
		t.Errorf("start: %q, %v", got, err)
	}
}
