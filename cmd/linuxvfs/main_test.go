// SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"linuxvfs": main})
}

// TestScripts runs the golden tests in testdata/*.txtar against the
// linuxvfs binary.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"status": cmdStatus, "partdisk": cmdPartdisk},
	})
}

// cmdStatus is "status CODE PROG [ARGS...]": exec PROG and require exit
// status CODE; its output is kept for stdout/stderr/cmp as with exec.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad CODE %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// TestRunUsage checks run's handling of command lines without a process.
func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{args: []string{"help"}, code: 0, stdout: "usage: linuxvfs"},
		{args: []string{"frob"}, code: 2, stderr: `linuxvfs: unknown command "frob"`},
		{args: []string{"sh", "-c"}, code: 2, stderr: "-c: option requires an argument"},
		{args: []string{"sh", "--frob"}, code: 2, stderr: "--frob: invalid option"},
		{args: []string{"sh"}, stdin: "echo $#; exit 5", code: 5, stdout: "0\n"},
		{args: []string{"sh", "-s", "a", "b"}, stdin: "echo $2", code: 0, stdout: "b\n"},
		{args: []string{"sh", "-c", "echo $0 $1", "n", "x"}, code: 0, stdout: "n x\n"},
	} {
		var out, errb strings.Builder
		code := run(context.Background(), tc.args, strings.NewReader(tc.stdin), &out, &errb)
		if code != tc.code || !strings.HasPrefix(out.String(), tc.stdout) || !strings.Contains(errb.String(), tc.stderr) {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want %d, %q..., ...%q...",
				tc.args, code, out.String(), errb.String(), tc.code, tc.stdout, tc.stderr)
		}
	}
	if _, err := os.Stat("frob"); err == nil {
		t.Error("a file appeared in the host's working directory")
	}
}
