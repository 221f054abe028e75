// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
)

// dashCases are failures whose words and statuses differ between bash and
// dash; the want outcomes are dash 0.5.12's (Debian's /bin/sh). They use
// only names absent on both systems, so that each case can also be run
// with the host's /bin/sh when it is dash.
var dashCases = []scriptCase{
	{name: "not found", script: "nosuch; echo $?", stdout: "127\n", stderr: "sh: 1: nosuch: not found\n"},
	{name: "path not found", script: "/nonexist/x; echo $?", stdout: "127\n", stderr: "sh: 1: /nonexist/x: not found\n"},
	{name: "cd", script: "cd /nonexist; echo $?", stdout: "2\n", stderr: "sh: 1: cd: can't cd to /nonexist\n"},
	{name: "create", script: "echo hi > /nonexist/x; echo $?", stdout: "2\n",
		stderr: "sh: 1: cannot create /nonexist/x: Directory nonexistent\n"},
	{name: "create program", script: "cat /dev/null > /nonexist/x; echo $?", stdout: "2\n",
		stderr: "sh: 1: cannot create /nonexist/x: Directory nonexistent\n"},
	{name: "special builtin", script: "(: > /nonexist/x; echo no); echo $?; command : > /nonexist/x; echo $?", stdout: "2\n2\n",
		stderr: "sh: 1: cannot create /nonexist/x: Directory nonexistent\nsh: 1: cannot create /nonexist/x: Directory nonexistent\n"},
	{name: "open", script: "cat < /nonexist; echo $?", stdout: "2\n", stderr: "sh: 1: cannot open /nonexist: No such file\n"},
	{name: "write error", script: "echo x > /dev/full; echo $?; printf y > /dev/full; echo $?", stdout: "1\n1\n",
		stderr: "sh: 1: echo: echo: I/O error\nsh: 1: printf: printf: I/O error\n"},
	{name: "exit", script: "exit abc", stderr: "sh: 1: exit: Illegal number: abc\n", exit: 2},
	{name: "subshell exit", script: "(exit -1); echo $?", stdout: "2\n", stderr: "sh: 1: exit: Illegal number: -1\n"},
	{name: "return", script: "f() { return x; }\nf; echo no", stderr: "sh: 1: return: Illegal number: x\n", exit: 2},
	{name: "exec", script: "exec nosuch; echo no", stderr: "sh: 1: exec: nosuch: not found\n", exit: 127},
	{name: "nounset", script: "set -u; echo $zz; echo no", stderr: "sh: 1: zz: parameter not set\n", exit: 2},
	{name: "syntax", script: "echo \"abc", stderr: "sh: 1: Syntax error: Unterminated quoted string\n", exit: 2},
	{name: "cd options", script: "cd -x /; echo $?; cd / nosuch; pwd; unset HOME; cd; echo $?", stdout: "2\n/\n0\n",
		stderr: "sh: 1: cd: Illegal option -x\n"},
	{name: "umask", script: "umask abc; echo $?; umask 99; echo $?", stdout: "2\n2\n",
		stderr: "sh: 1: umask: Illegal mode: abc\nsh: 1: umask: Illegal number: 99\n"},
	{name: "umask -S", script: "umask -S 027; umask -S; umask -p; echo $?", stdout: "u=rwx,g=rx,o=\n2\n",
		stderr: "sh: 1: umask: Illegal option -p\n"},
	{name: "ulimit", script: "ulimit -S -n 1024; ulimit -H -n 4096; ulimit -n; ulimit -Hn; ulimit -n abc; echo $?; ulimit -x; echo $?; " +
		"ulimit -n 1 2; echo $?; ulimit -S -n 5000; echo $?; (ulimit -n 50); x=$(ulimit -n 60); ulimit -n 70 | :; ulimit -n; ulimit -H -n 2000 -c; echo $?",
		stdout: "1024\n4096\n2\n2\n2\n2\n1024\n2\n",
		stderr: "sh: 1: ulimit: bad number\nsh: 1: ulimit: Illegal option -x\nsh: 1: ulimit: too many arguments\n" +
			"sh: 1: ulimit: error setting limit (Invalid argument)\nsh: 1: ulimit: too many arguments\n"},
	{name: "type", script: "type nosuch; echo $?; command -v nosuch; echo $?", stdout: "nosuch: not found\n127\n127\n"},
	{name: "echo", script: `echo 'a\nb' '\101\0102\x43\E'; echo -e x; echo -n -n y; echo 'z\cw' v; echo .`,
		stdout: "a\nb AB\\x43\\E\n-e x\n-n yz.\n"},
	{name: "read", script: "read -r; echo $?; read 1x < /dev/null; echo $?; unset -v a 2b; echo no", stdout: "2\n2\n",
		stderr: "sh: 1: read: arg count\nsh: 1: read: 1x: bad variable name\nsh: 1: unset: 2b: bad variable name\n", exit: 2},
	{name: "unset parameter", script: "(echo ${a?}); a=; (echo ${a:?}); (echo ${a:?oops}); f() { echo ${1?}; }; f",
		stderr: "sh: 1: a: parameter not set\nsh: 1: a: parameter not set or null\nsh: 1: a: oops\nsh: 1: 1: parameter not set\n", exit: 2},
	{name: "syntax end", script: "if true; then echo", stderr: "sh: 1: Syntax error: end of file unexpected (expecting \"fi\")\n", exit: 2},
	{name: "syntax word", script: "\nfi", stderr: "sh: 2: Syntax error: \"fi\" unexpected\n", exit: 2},
	{name: "syntax backquote", script: "echo `echo", stderr: "sh: 1: Syntax error: EOF in backquote substitution\n", exit: 2},
	{name: "line", script: "true\n\nnosuch", stderr: "sh: 3: nosuch: not found\n", exit: 127},
}

func TestDashPersonality(t *testing.T) {
	for _, tc := range dashCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := outcome{tc.stdout, tc.stderr, tc.exit}
			if got := runDash(t, tc.script); got != want {
				t.Errorf("linuxvfs:\n%s", diffOutcome(want, got))
			}
			if ref, ok := hostDash(tc.script); ok && ref != want {
				t.Errorf("the host's dash disagrees with the table:\n%s", diffOutcome(want, ref))
			}
		})
	}
}

// runDash runs script as `sh -c` with the dash personality.
func runDash(t *testing.T, script string) outcome {
	t.Helper()
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, errb strings.Builder
	cfg := shell.Config{Task: task, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Set: userland.Programs(), CommandLine: true, Personality: shell.PersonalityOf("sh")}
	code, err := shell.Run(ctx, cfg, script)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return outcome{out.String(), errb.String(), code}
}

// hostDash runs script with the host's /bin/sh if that is dash.
func hostDash(script string) (outcome, bool) {
	if target, err := exec.Command("readlink", "-f", "/bin/sh").Output(); err != nil ||
		!strings.HasSuffix(strings.TrimSpace(string(target)), "/dash") {
		return outcome{}, false
	}
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.Args[0] = "sh"
	cmd.Dir = "/"
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		return outcome{}, false
	}
	return outcome{out.String(), errb.String(), code}, true
}
