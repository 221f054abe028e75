// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"github.com/linuxvfs/linuxvfs/userland"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/shell"
)

// scriptCase is one table test: a script and everything it must print.
type scriptCase struct {
	name   string
	script string
	stdout string
	stderr string
	exit   int
	// linuxvfsOnly marks expectations the real kernel does not share
	// (linuxvfs has no user database, its programs are not the host's, ...): they are not checked
	// against it with LINUXVFS_REFERENCE.
	linuxvfsOnly bool
}

type outcome struct {
	stdout, stderr string
	exit           int
}

// runScript runs script with shell.Run on a freshly booted kernel. A
// run cut short by its time limit is run again with a far longer one (a
// busy machine is slow, not wrong); a second time-out is reported as a
// time-out, never compared as an outcome.
func runScript(t *testing.T, script string) outcome {
	t.Helper()
	for _, limit := range []time.Duration{10 * time.Second, 3 * time.Minute} {
		if o, ok := runScriptWithin(t, script, limit); ok {
			return o
		}
	}
	t.Fatalf("timed out twice (10 s, then 3 min): the script hangs")
	return outcome{}
}

// runScriptWithin runs script once; ok is false if the limit ended it.
func runScriptWithin(t *testing.T, script string, limit time.Duration) (outcome, bool) {
	t.Helper()
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var out, errb strings.Builder
	code, err := shell.Run(ctx, shell.Config{Task: task, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Set: userland.Programs()}, script)
	if ctx.Err() != nil {
		return outcome{}, false
	}
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return outcome{out.String(), errb.String(), code}, true
}

// runCases runs each case in linuxvfs. With LINUXVFS_REFERENCE set (and
// root, for the sandbox) it also runs the script in the real kernel to
// check that the table says what Linux and coreutils really do.
func runCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := outcome{tc.stdout, tc.stderr, tc.exit}
			if got := runScript(t, tc.script); got != want {
				t.Errorf("linuxvfs:\n%s", diffOutcome(want, got))
			}
			if os.Getenv("LINUXVFS_REFERENCE") == "" || tc.linuxvfsOnly {
				return
			}
			if ok, reason := kerneltest.Available(); !ok {
				t.Skip(reason)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			res, err := kerneltest.Run(ctx, tc.script)
			if err != nil {
				t.Fatalf("kernel: %v", err)
			}
			if ref := (outcome{res.Stdout, res.Stderr, res.Exit}); ref != want {
				t.Errorf("the real kernel disagrees with the table:\n%s", diffOutcome(want, ref))
			}
		})
	}
}

func diffOutcome(want, got outcome) string {
	var b strings.Builder
	if want.exit != got.exit {
		b.WriteString("exit: want " + strconv.Itoa(want.exit) + ", got " + strconv.Itoa(got.exit) + "\n")
	}
	if want.stdout != got.stdout {
		b.WriteString("stdout: want\n" + want.stdout + "---- got\n" + got.stdout + "----\n")
	}
	if want.stderr != got.stderr {
		b.WriteString("stderr: want\n" + want.stderr + "---- got\n" + got.stderr + "----\n")
	}
	return b.String()
}
