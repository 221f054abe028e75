// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// userNSDoneWhen is issue 14's first done-when command: inside a new user
// and mount namespace, the root map, a refused umount of a locked /proc and
// a tmpfs mounted on /mnt.
const userNSDoneWhen = `cat /proc/self/uid_map; umount /proc; echo rc=$?; mount -t tmpfs t /mnt && findmnt -n -o FSTYPE,OPTIONS /mnt`

// TestUserNSDoneWhenMatchesHost runs the command under the host's own
// unshare(1) and under linuxvfs sh, and requires the same output and
// status. The host run needs a /mnt and a kernel allowing user
// namespaces; where either is missing the test says so and skips.
func TestUserNSDoneWhenMatchesHost(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for the host side")
	}
	if fi, err := os.Stat("/mnt"); err != nil || !fi.IsDir() {
		t.Skip("host has no /mnt")
	}
	host := exec.Command("unshare", "-Urm", "sh", "-c", userNSDoneWhen)
	host.Dir = "/"
	var hout, herr bytes.Buffer
	host.Stdout, host.Stderr = &hout, &herr
	hcode := 0
	if err := host.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Skipf("host unshare: %v", err)
		}
		hcode = ee.ExitCode()
	}
	if strings.Contains(herr.String(), "unshare failed") {
		t.Skipf("host refuses user namespaces here: %s", herr.String())
	}
	var out, errb strings.Builder
	code := run(context.Background(), []string{"sh", "-c", `unshare -Urm sh -c '` + userNSDoneWhen + `'`}, strings.NewReader(""), &out, &errb)
	if code != hcode || out.String() != hout.String() || errb.String() != herr.String() {
		t.Errorf("linuxvfs: status %d\nstdout:\n%s\nstderr:\n%s\nhost: status %d\nstdout:\n%s\nstderr:\n%s",
			code, out.String(), errb.String(), hcode, hout.String(), herr.String())
	}
}
