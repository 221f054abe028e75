// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bytes"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// mkfsDryRun is what "mkfs -V -V ARGS" prints in ours: the builder's
// command line, or "" for the missing device.
func mkfsDryRun(args []string, posix bool) string {
	stop := mkfsParse(append([]string{"-V", "-V"}, args...), posix)
	fstype := "ext2"
	for _, o := range stop.Opts {
		if o.ID == 't' {
			fstype = o.Value
		}
	}
	argv, ok := mkfsBuilderArgs("mkfs", fstype, stop)
	if !ok {
		return ""
	}
	return strings.Join(argv, " ")
}

// TestMkfsBuilderArgsAgainstHost runs the host's mkfs in its dry-run
// mode (-V -V: the builder's command line is printed, nothing runs) on
// random command lines, with and without POSIXLY_CORRECT, and requires
// the same builder command line.
func TestMkfsBuilderArgsAgainstHost(t *testing.T) {
	bin, err := exec.LookPath("mkfs")
	if err != nil {
		t.Skip("no mkfs(8) on this machine")
	}
	words := []string{"-V", "-t", "vfat", "-tminix", "--type=x", "--type", "--ty", "--verb", "--ver",
		"--verbose=1", "--nope", "--=x", "-x", "-xV", "-Vx", "-Vt", "-xt", "-n", "L", "a", "b", "--", "-"}
	rapid.Check(t, func(rt *rapid.T) {
		args := rapid.SliceOfN(rapid.SampledFrom(words), 0, 7).Draw(rt, "args")
		posix := rapid.Bool().Draw(rt, "POSIXLY_CORRECT")
		cmd := exec.Command(bin, append([]string{"-V", "-V"}, args...)...)
		cmd.Args[0] = "mkfs"
		cmd.Env = []string{"LC_ALL=C", "PATH=/nowhere"}
		if posix {
			cmd.Env = append(cmd.Env, "POSIXLY_CORRECT=1")
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run()
		want := ""
		if lines := strings.Split(stdout.String(), "\n"); len(lines) > 1 {
			want = strings.TrimSuffix(lines[1], " ")
		} else if !strings.Contains(stderr.String(), "no device specified") {
			rt.Fatalf("%q: the host says %q %q", args, stdout.String(), stderr.String())
		}
		if got := mkfsDryRun(args, posix); got != want {
			rt.Fatalf("%q (POSIXLY_CORRECT %v):\n ours  %q\n host  %q", args, posix, got, want)
		}
	})
}

// TestMkfsBuilderArgs checks the cases a dry run cannot show, as the
// host behaves (seen with a builder that prints its arguments).
func TestMkfsBuilderArgs(t *testing.T) {
	for _, tc := range []struct {
		args, want []string
	}{
		// A cluster's unknown first letter at the very start: the
		// builder gets mkfs's own argv[0] too.
		{[]string{"-xV", "img"}, []string{"mkfs.ext2", "mkfs", "-xV", "img"}},
		{[]string{"-x"}, []string{"mkfs.ext2", "-x"}},
		{[]string{"-t", "vfat", "img", "-n", "L"}, []string{"mkfs.vfat", "-n", "L"}},
		{[]string{"img"}, []string{"mkfs.ext2", "img"}},
		{[]string{"--", "-n"}, []string{"mkfs.ext2", "-n"}},
	} {
		stop := mkfsParse(tc.args, false)
		fstype := "ext2"
		if len(stop.Opts) > 0 && stop.Opts[0].ID == 't' {
			fstype = stop.Opts[0].Value
		}
		if got, _ := mkfsBuilderArgs("mkfs", fstype, stop); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("mkfs %q runs %q, want %q", tc.args, got, tc.want)
		}
	}
	if _, ok := mkfsBuilderArgs("mkfs", "ext2", mkfsParse([]string{"-t", "vfat", "--"}, false)); ok {
		t.Errorf("mkfs -t vfat -- found a device")
	}
}
