// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// BenchmarkDeviceAddRemove is one device added and removed through the
// device model and the kdevtmpfs worker (node made, node removed) with N
// other devices present: the cost per round trip should not grow with N.
// There is no kernel side: the host kernel adds devices only for hardware
// (or through modules), which a benchmark cannot drive.
func BenchmarkDeviceAddRemove(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprintf("present=%d", n), func(b *testing.B) {
			t, err := linuxvfs.Boot()
			if err != nil {
				b.Fatal(err)
			}
			defer t.Exit()
			k := t.Kernel()
			for i := range n {
				// Spread over directories as /dev/input, /dev/disk do.
				d := &vfs.Device{Name: fmt.Sprintf("d%d/n%d", i%100, i), Dev: linux.Mkdev(240, uint32(i))}
				if err := k.DeviceAdd(d); err != nil {
					b.Fatal(err)
				}
			}
			d := &vfs.Device{Name: "d0/probe", Dev: linux.Mkdev(241, 0)}
			b.ResetTimer()
			for range b.N {
				if err := k.DeviceAdd(d); err != nil {
					b.Fatal(err)
				}
				if err := k.DeviceDel(d.Name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
