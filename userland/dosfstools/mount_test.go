// SPDX-License-Identifier: Apache-2.0

package dosfstools_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/userland"
)

// TestImagesMount makes filesystems of every FAT width and of odd
// shapes and mounts each through a loop device: fs/fat must take them,
// and statfs must count the clusters mkfs.fat reported.
func TestImagesMount(t *testing.T) {
	for _, tc := range []struct{ size, args string }{
		{"1440K", ""}, {"32M", "-n DATA"}, {"20M", "-F 32"}, {"600M", ""}, {"40M", "-S 4096"},
		{"20M", "-f 1 -R 16 -a"}, {"20M", "-F 12 -s 16"}, {"4M", "-s 1 -r 16"}, {"70M", "-A"},
		{"20M", "-F 32 -s 2 -b 0 -R 2"}, {"20M", "--mbr"},
	} {
		t.Run(tc.size+" "+tc.args, func(t *testing.T) {
			script := fmt.Sprintf(`truncate -s %s /f.img
mkfs.fat -v %s /f.img | sed -n 's/.*provides \([0-9]*\) cluster.*/\1/p'
mount -r -o loop /f.img /mnt && stat -f -c %%b /mnt
`, tc.size, tc.args)
			var out, errw bytes.Buffer
			status, err := userland.RunScript(context.Background(), script, nil, &out, &errw)
			if err != nil || status != 0 {
				t.Fatalf("status %d, %v: %s%s", status, err, out.String(), errw.String())
			}
			lines := strings.Fields(out.String())
			if len(lines) != 2 || lines[0] != lines[1] {
				t.Errorf("clusters made and counted by statfs: %q (stderr %q)", lines, errw.String())
			}
		})
	}
}
