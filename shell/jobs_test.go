// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
)

// waitName polls until /proc/$1/status names program $2: a forked job
// execs its program a moment after $! is known, on Linux as here.
const waitName = `waitname() { for i in $(seq 200); do grep -q "Name:.$2\$" /proc/$1/status && return; sleep 0.05; done; }
`

// TestJobPIDs checks that $! is the job's process in the kernel, as
// /proc, jobs and kill know it, and that $$ and $PPID are the shell's.
func TestJobPIDs(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "unset before a job", script: `echo "[$!] ${!:-none} ${#!}"`, stdout: "[] none 0\n"},
		{name: "the program's process", script: waitName + `sleep 100 & p=$!; waitname $p sleep
grep ^Name /proc/$p/status
awk -v s=$$ '$1 == "PPid:" { print ($2 == s) ? "child of the shell" : "other" }' /proc/$p/status
[ "$(jobs -p)" = "$p" ] && echo jobs
(echo $!) | grep -qx "$p" && echo subshell
kill $p; wait $p; echo $?; test -d /proc/$p || echo gone`,
			stdout: "Name:\tsleep\nchild of the shell\njobs\nsubshell\n143\ngone\n"},
		{name: "a compound job is a shell", script: `{ sleep 100; } & p=$!; awk -v s=$$ '$1 == "PPid:" { print ($2 == s) ? "child" : "other" }' /proc/$p/status; kill $p; wait $p; echo $?`,
			stdout: "child\n143\n"},
		{name: "a subshell's job", script: `(sleep 100 & echo $! > /tmp/p); [ "$(cat /tmp/p)" != "$!" ] && echo untouched; kill $(cat /tmp/p)`,
			stdout: "untouched\n"},
		{name: "$$ and $PPID", script: `me="$$ $PPID"; (echo "$$ $PPID") | grep -qxF "$me" && echo subshell
[ "$(echo $$ $PPID)" = "$me" ] && echo substitution
[ "$PPID" = "$(awk '$1 == "PPid:" { print $2 }' /proc/$$/status)" ] && echo ppid
[ "$(sh -c 'echo $PPID')" = $$ ] && echo child`,
			stdout: "subshell\nsubstitution\nppid\nchild\n"},
	})
}

// TestJobStatus checks what wait reports for jobs that end, exit or are
// killed, and for what is no job.
func TestJobStatus(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "exit statuses", script: `exit 3 & wait $!; echo $?; false & wait $!; echo $?; (exit 7) & wait $!; echo $?; ! true & wait $!; echo $?`,
			stdout: "3\n1\n7\n0\n"},
		{name: "errexit ends the job only", script: `set -e; { false; echo no; } & wait $! || echo $?; echo on`, stdout: "1\non\n"},
		{name: "signals", script: `sleep 100 & kill $!; wait $!; echo $?; sleep 100 & kill -9 $!; wait $! 2>/dev/null; echo $?
sleep 100 & kill -s HUP %1; wait %1 2>/dev/null; echo $?; sleep 100 & kill -n 10 $!; wait $! 2>/dev/null; echo $?`,
			stdout: "143\n137\n129\n138\n"},
		{name: "a busy job", script: `cat /dev/zero > /dev/null & kill $!; wait $!; echo $?; (while :; do :; done) & kill $!; wait $!; echo $?`,
			stdout: "143\n143\n"},
		{name: "wait twice", script: `sleep 100 & kill $!; wait $!; wait $!; echo $?`, stdout: "143\n"},
		{name: "no job", script: `wait 99999999 2>/dev/null; echo $?; wait %3 2>/dev/null; echo $?; wait -n; echo $?; wait; echo $?`,
			stdout: "127\n127\n127\n0\n"},
		{name: "wait -n", script: `sleep 100 & exit 4 & wait -n; echo $?; kill %1; wait`, stdout: "4\n"},
		{name: "INT and QUIT are ignored", script: waitName + `sleep 100 & waitname $! sleep; kill -INT $!; kill -QUIT $!; kill -0 $! && echo alive; kill $!`,
			stdout: "alive\n"},
		{name: "foreground program", script: `rm -f /tmp/fg; { for i in $(seq 200); do [ -s /tmp/fg ] && break; sleep 0.05; done; kill $(cat /tmp/fg); } &
sh -c 'echo $$ > /tmp/fg; exec sleep 100'; echo $?`, stdout: "143\n", stderr: "Terminated\n"},
		// The shell Run starts is pid 1, which drops the signals it has
		// no handler for (SIGNAL_UNKILLABLE); bash -c in the kernel is not.
		{name: "the shell itself, pid 1", script: `kill $$; kill -9 $$; echo alive`, stdout: "alive\n", linuxvfsOnly: true},
		{name: "a child shell", script: `sh -c 'kill $$; echo no'; echo $?`, stdout: "143\n", stderr: "Terminated\n"},
		{name: "messages", script: "kill 99999999; wait 99999999; kill -s FOO 1; kill abc; wait abc; kill %2",
			stderr: "sh: line 1: kill: (99999999) - No such process\nsh: line 1: wait: pid 99999999 is not a child of this shell\n" +
				"sh: line 1: kill: FOO: invalid signal specification\nsh: line 1: kill: abc: arguments must be process or job IDs\n" +
				"sh: line 1: wait: `abc': not a pid or valid job spec\nsh: line 1: kill: %2: no such job\n",
			exit: 1, linuxvfsOnly: true},
		// The builtins whose options are letters alone share one scan:
		// letters may be grouped, "--" ends them, the first unknown one
		// is reported with the builtin's usage and status 2. (The real
		// bash agrees but for its name, /bin/bash rather than sh.)
		{name: "bad options", script: "umask -Sx; echo $?; wait -nq; echo $?; disown -ah -z; echo $?; jobs -l -- -x; echo $?; cd -Lz /; echo $?; umask -S -- 027; umask",
			stdout: "2\n2\n2\n1\n2\nu=rwx,g=rx,o=\n0027\n",
			stderr: "sh: line 1: umask: -x: invalid option\numask: usage: umask [-p] [-S] [mode]\n" +
				"sh: line 1: wait: -q: invalid option\nwait: usage: wait [-fn] [-p var] [id ...]\n" +
				"sh: line 1: disown: -z: invalid option\ndisown: usage: disown [-h] [-ar] [jobspec ... | pid ...]\n" +
				"sh: line 1: jobs: -x: no such job\n" +
				"sh: line 1: cd: -z: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n",
			linuxvfsOnly: true},
	})
}

func TestKillList(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "table", script: "kill -l | head -n 2; kill -l | tail -n 1",
			stdout: " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n" +
				"63) SIGRTMAX-1\t64) SIGRTMAX\t\n"},
		{name: "names and numbers", script: "kill -l 9 143 0 34 50 EXIT term SIGUSR2 rtmax-2; kill -L 1",
			stdout: "KILL\nTERM\nEXIT\nRTMIN\nRTMAX-14\n0\n15\n12\n62\nHUP\n"},
	})
}

// TestJobsList checks jobs' lines and job specifications.
func TestJobsList(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "lines", script: `sleep 100 & (sleep 100) > /dev/null & { sleep 100; } & jobs; jobs %1 %-; jobs -p %% | grep -qx $! && echo current; kill %1 %2 %3; wait`,
			stdout: "[1]   Running                 sleep 100 &\n[2]-  Running                 ( sleep 100 ) > /dev/null &\n[3]+  Running                 { sleep 100; } &\n" +
				"[1]   Running                 sleep 100 &\n[2]-  Running                 ( sleep 100 ) > /dev/null &\ncurrent\n"},
		{name: "numbers restart", script: `true & wait; sleep 100 & jobs; kill %1`, stdout: "[1]+  Running                 sleep 100 &\n"},
		{name: "none in a subshell", script: `sleep 100 & (jobs; wait %1 2>/dev/null; echo $?); kill %1`, stdout: "127\n"},
		{name: "a substitution sees them", script: `sleep 100 & [ "$(jobs -p)" = $! ] && echo yes; kill $!`, stdout: "yes\n"},
		{name: "disown", script: `sleep 100 & disown; jobs; kill $!; wait $!; echo $?; disown 2>/dev/null; echo $?`, stdout: "0\n1\n"},
		{name: "no job control", script: `sleep 100 & fg; bg; suspend; kill %1`,
			stderr:       "sh: line 1: fg: no job control\nsh: line 1: bg: no job control\nsh: line 1: suspend: cannot suspend: no job control\n",
			linuxvfsOnly: true},
		{name: "by name", script: `sleep 100 & { sleep 100; } & jobs %sl %?slee; kill %1 %2`,
			stdout: "[1]-  Running                 sleep 100 &\n", stderr: "sh: line 1: jobs: slee: ambiguous job spec\nsh: line 1: jobs: %?slee: no such job\n",
			linuxvfsOnly: true},
	})
}

// TestJobInput checks that a job reads /dev/null unless redirected.
func TestJobInput(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "dev null", script: "echo in > /f; exec < /f; cat & wait; echo end", stdout: "end\n"},
		{name: "redirected", script: "echo in > /f; cat < /f & wait", stdout: "in\n"},
	})
}

// TestJobTrace checks that set -x shows a job's commands, not the
// rewriting behind it.
func TestJobTrace(t *testing.T) {
	o := runScript(t, "set -x; true & wait $!")
	lines := strings.Split(strings.TrimSuffix(o.stderr, "\n"), "\n")
	slices.Sort(lines) // the job's line and the shell's come in any order
	if want := []string{"+ true", "+ wait " + lastField(lines)}; !slices.Equal(lines, want) {
		t.Errorf("trace %q, want %q", o.stderr, want)
	}
}

func lastField(lines []string) string {
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "+ wait "); ok {
			return rest
		}
	}
	return "?"
}

// TestJobsEndTheirTasks checks that a job's task exits with the job:
// once wait returned, the kernel has the tasks it had before.
func TestJobsEndTheirTasks(t *testing.T) {
	for _, script := range []string{
		"sleep 0 & wait",
		"(exit 3) & wait $!",
		"sleep 100 & kill $!; wait $!",
		"{ true & wait; } & wait",
		"x=$(true & wait); sleep 0 | cat & wait",
	} {
		t.Run(script, func(t *testing.T) {
			task, err := userland.Boot()
			if err != nil {
				t.Fatal(err)
			}
			defer task.Exit()
			before := len(task.Kernel().Tasks())
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var out, errb strings.Builder
			if _, err := shell.Run(ctx, shell.Config{Task: task, Stdout: &out, Stderr: &errb, Set: userland.Programs()}, script); err != nil {
				t.Fatalf("Run: %v", err)
			}
			if after := len(task.Kernel().Tasks()); after != before {
				t.Errorf("%d tasks after Run, %d before (stderr %q)", after, before, errb.String())
			}
		})
	}
}
