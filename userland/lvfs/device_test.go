// SPDX-License-Identifier: Apache-2.0

package lvfs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/userland"
)

// TestDevice: a device added by hand appears in every devtmpfs mount with
// the mode and owner asked for, cannot be opened without a driver, and
// goes with its directories when removed; bad requests get messages.
func TestDevice(t *testing.T) {
	script := `device add -m 640 -o 5:6 input/event0 13:64; echo "add $?"
stat -c '%n %F %t:%T %a %u:%g' /dev/input/event0
mkdir /d2; mount -t devtmpfs x /d2; ls /d2/input
cat /dev/input/event0; echo "open $?"
device list | grep event0
device add input/event0 1:1; echo "again $?"
device del input/event0; echo "del $?"
ls /dev/input; ls /d2 | grep -c input
device del nope; echo "nope $?"
device add x 1; echo "number $?"
device add -b -c disk sdz 8:0; stat -c '%F %a' /dev/sdz
device frob; echo "frob $?"`
	want := `add 0
/dev/input/event0 character special file d:40 640 5:6
event0
open 1
input/event0 char 13:64 0640 5:6 misc
again 1
del 0
0
nope 1
number 1
block special file 600
frob 1
`
	wantErr := `cat: /dev/input/event0: No such device or address
device: 'input/event0': File exists
ls: cannot access '/dev/input': No such file or directory
device: 'nope': No such device
device: invalid device number '1'
Try 'device --help' for more information.
device: unknown command 'frob'
Try 'device --help' for more information.
`
	var out, errb strings.Builder
	if _, err := userland.RunScript(context.Background(), script, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if out.String() != want || errb.String() != wantErr {
		t.Fatalf("stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
}
