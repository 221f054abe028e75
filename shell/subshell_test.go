// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
)

// TestSubshellIsForked checks that ( ... ) runs on a clone of the task:
// descriptors it closes stay open in the parent, its working directory
// keeps no mount busy once it ended, and no clone outlives Run, whether
// the subshell ended normally, by exit, or by errexit of its parent.
func TestSubshellIsForked(t *testing.T) {
	cases := []struct{ name, script, stdout string }{
		{"fd", "echo x > /tmp/f; exec 3</tmp/f; (exec 3<&-); cat <&3", "x\n"},
		{"busy", "mkdir /m; mount -t tmpfs t /m; (cd /m; exec 4</dev/null); umount /m && echo ok", "ok\n"},
		{"nested", "( (exit 4); echo $? ); echo $?", "4\n0\n"},
		{"errexit", "set -e; (cd /tmp; false); echo no", ""},
		{"nested errexit", "set -e; ( (false); echo no ); echo no", ""},
		{"pipeline", "(echo a; echo b) | (cat; cat)", "a\nb\n"},
		{"function body", "f() ( cd /tmp; pwd ); f; pwd", "/tmp\n/\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			task, err := userland.Boot()
			if err != nil {
				t.Fatal(err)
			}
			defer task.Exit()
			before := len(task.Kernel().Tasks())
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var out, errb strings.Builder
			_, err = shell.Run(ctx, shell.Config{Task: task, Stdin: strings.NewReader(""),
				Stdout: &out, Stderr: &errb, Set: userland.Programs()}, tc.script)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if out.String() != tc.stdout {
				t.Errorf("stdout %q, want %q (stderr %q)", out.String(), tc.stdout, errb.String())
			}
			if after := len(task.Kernel().Tasks()); after != before {
				t.Errorf("%d tasks after Run, %d before", after, before)
			}
		})
	}
}

// TestXtraceHidesRewriting checks that set -x shows the script's commands
// only, not the internal ones the shell runs for subshells and umask.
func TestXtraceHidesRewriting(t *testing.T) {
	o := runScript(t, "set -x; umask 077; exec 3>/tmp/x; (cd /tmp)")
	want := "+ umask 077\n+ exec\n+ cd /tmp\n"
	if o.stderr != want {
		t.Errorf("trace %q, want %q", o.stderr, want)
	}
}
