// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"github.com/linuxvfs/linuxvfs/userland"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/shell"
)

func TestRedirections(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "truncate and append", script: "echo a > /f; echo b >> /f; cat /f; echo c > /f; cat /f", stdout: "a\nb\nc\n"},
		{name: "input", script: "echo hi > /f; cat < /f", stdout: "hi\n"},
		{name: "stderr to file", script: "cat /nope 2>/err; echo $?; cat /err",
			stdout: "1\ncat: /nope: No such file or directory\n"},
		{name: "both", script: "{ echo out; cat /nope; } > /all 2>&1; cat /all",
			stdout: "out\ncat: /nope: No such file or directory\n"},
		{name: "umask applies", script: "umask 077; echo > /f; stat -c %a /f", stdout: "600\n"},
		{name: "failed redirection", script: "mkdir /d; echo x > /d; echo $?",
			stdout: "1\n", stderr: "sh: line 1: /d: Is a directory\n", linuxvfsOnly: true},
		{name: "failed input", script: "cat < /nope; echo $?",
			stdout: "1\n", stderr: "sh: line 1: /nope: No such file or directory\n", linuxvfsOnly: true},
		{name: "descriptors", script: "echo one > /f; echo two >> /f; exec 3</f; cat <&3; exec 3<&-; exec 4>/g; echo x >&4; exec 4>&-; cat /g",
			stdout: "one\ntwo\nx\n"},
		{name: "bad descriptor", script: "cat <&5; echo $?", stdout: "1\n",
			stderr: "sh: line 1: 5: Bad file descriptor\n", linuxvfsOnly: true},
		{name: "read write and clobber", script: "echo a > /f; cat <> /f; echo b >| /f; cat /f", stdout: "a\nb\n"},
		{name: "here document", script: "cat <<EOF > /f\nline $((1+1))\nEOF\ncat /f", stdout: "line 2\n"},
		{name: "pipeline", script: "printf 'b\\na\\n' | tail -n 1 | cat", stdout: "a\n"},
		{name: "variables in a pipeline's parts", script: "x=1; for o in -C; do echo \"$o $x\" | cat; done; set -u; echo $nope | cat; echo after",
			stdout: "-C 1\nafter\n", stderr: "sh: line 1: nope: unbound variable\n", linuxvfsOnly: true},
		// A pipeline part runs in the shell's task: a descriptor the shell
		// opened for a moment (to read a program's first bytes, to keep a
		// file of its own) must never be where the part looks for 3.
		{name: "no stray descriptor in a pipeline", script: "i=0; while [ $i -lt 100 ]; do echo x >&3 | cat; i=$((i+1)); done 2>/e; grep -c '3: Bad file descriptor' /e; echo \"$(grep -c 'write error' /e)\"",
			stdout: "100\n0\n"},
		{name: "unbound variable", script: "set -u\necho $1 ${y-d}\necho $z", stdout: "",
			stderr: "sh: line 2: $1: unbound variable\n", exit: 1, linuxvfsOnly: true},
	})
}

func TestCdPwd(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "logical", script: "mkdir -p /t/a/b; ln -s /t/a/b /t/l; cd /t/l; pwd; pwd -P; cd ..; pwd",
			stdout: "/t/l\n/t/a/b\n/t\n"},
		{name: "physical", script: "mkdir -p /t/a/b; ln -s /t/a/b /t/l; cd -P /t/l; pwd; cd ..; pwd",
			stdout: "/t/a/b\n/t/a\n"},
		{name: "relative files follow cd", script: "mkdir -p /t/a; cd /t/a; echo x > f; cat /t/a/f; cd ..; ls a", stdout: "x\nf\n"},
		{name: "dash", script: "mkdir /t; cd /t; cd /; cd -; pwd", stdout: "/t\n/t\n"},
		{name: "subshell", script: "mkdir /t; (cd /t; pwd); pwd; (cd /t; touch f); ls /t", stdout: "/t\n/\nf\n"},
		{name: "errors", script: "cd /nope; echo $?; touch /f; cd /f; echo $?",
			stdout: "1\n1\n", stderr: "sh: line 1: cd: /nope: No such file or directory\nsh: line 1: cd: /f: Not a directory\n",
			linuxvfsOnly: true},
		{name: "removed cwd", script: "mkdir -p /t/d; cd /t/d; rmdir /t/d; pwd; touch x; echo $?",
			stdout: "/t/d\n1\n", stderr: "touch: cannot touch 'x': No such file or directory\n"},
	})
}

func TestUmask(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "print", script: "umask; umask -S; umask -p", stdout: "0022\nu=rwx,g=rx,o=rx\numask 0022\n"},
		{name: "set and show", script: "umask -pS 027; umask -p 077; umask -pS", stdout: "u=rwx,g=rx,o=\numask -S u=rwx,g=,o=\n"},
		{name: "set octal", script: "umask 077; umask; mkdir /d; stat -c %a /d", stdout: "0077\n700\n"},
		{name: "set symbolic", script: "umask u=rwx,g=rx,o=; umask", stdout: "0027\n"},
		{name: "bad", script: "umask 9; echo $?", stdout: "1\n", stderr: "sh: line 1: umask: 9: octal number out of range\n",
			linuxvfsOnly: true},
	})
}

func TestTestBuiltin(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "files", script: `mkdir /d; touch /f; ln -s /f /l; for o in -e -f -d -L -s -r -w -x; do test $o /d && echo "d$o"; test $o /l && echo "l$o"; done`,
			stdout: "d-e\nl-e\nl-f\nd-d\nl-L\nd-s\nd-r\nl-r\nd-w\nl-w\nd-x\n", exit: 1},
		{name: "trailing slash", script: "touch /f; test -e /f/; echo $?", stdout: "1\n"},
		{name: "strings and numbers", script: `[ a = a ] && [ a != b ] && [ 2 -lt 10 ] && [ -n x ] && [ -z "" ] && echo ok`, stdout: "ok\n"},
		{name: "logic", script: `[ ! -e /nope -a \( 1 -eq 1 -o 1 -eq 2 \) ] && echo ok`, stdout: "ok\n"},
		{name: "missing bracket", script: "[ 1 = 1; echo $?", stdout: "2\n", stderr: "sh: line 1: [: missing `]'\n", linuxvfsOnly: true},
		{name: "integer error", script: "test x -eq 1; echo $?", stdout: "2\n",
			stderr: "sh: line 1: test: x: integer expression expected\n", linuxvfsOnly: true},
		{name: "devices", script: "mknod /p p; mknod /c c 1 1; mknod /b b 1 1; test -p /p && test -c /c && test -b /b && echo ok", stdout: "ok\n"},
		{name: "newer", script: "touch -d @1 /a; touch -d @2 /b; test /b -nt /a && test /a -ot /b && test /a -ef /a && echo ok", stdout: "ok\n"},
	})
}

func TestShell(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "not found", script: "nosuchcmd; echo $?", stdout: "127\n", stderr: "sh: line 1: nosuchcmd: command not found\n", linuxvfsOnly: true},
		{name: "path not found", script: "/bin/nope; echo $?", stdout: "127\n", stderr: "sh: line 1: /bin/nope: No such file or directory\n", linuxvfsOnly: true},
		{name: "glob", script: "mkdir /t; touch /t/b /t/a /t/c.x; echo /t/*; echo /t/*.x; echo /t/*.none", stdout: "/t/a /t/b /t/c.x\n/t/c.x\n/t/*.none\n"},
		{name: "builtins", script: "true; echo $?; false; echo $?; printf '%s-%d\\n' a 1 b 2; echo -n x; echo", stdout: "0\n1\na-1\nb-2\nx\n"},
		{name: "nested sh", script: "sh -c 'cd /; umask 077; echo $0 $1' name arg; umask", stdout: "name arg\n0022\n"},
		{name: "sh script file", script: "echo 'echo from $0' > /s; sh /s", stdout: "from /s\n"},
		{name: "exit status", script: "exit 3", exit: 3},
		{name: "syntax error", script: "echo (", stderr: "sh: line 1: syntax error near unexpected token `newline'\nsh: line 1: `echo ('\n",
			exit: 2, linuxvfsOnly: true},
		{name: "functions", script: "f() { mkdir -p \"/t/$1\"; }; f x; f y; ls /t", stdout: "x\ny\n"},
	})
}

// TestConfig checks Name, Args and the defaults of Config.
func TestConfig(t *testing.T) {
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	var out, errb strings.Builder
	cfg := shell.Config{Task: task, Stdout: &out, Stderr: &errb, Name: "myname", Args: []string{"a", "b c"}}
	code, err := shell.Run(context.Background(), cfg, `echo "$0" "$#" "$2"; nope`)
	if err != nil || code != 127 {
		t.Fatalf("Run = %d, %v", code, err)
	}
	if got, want := out.String(), "myname 2 b c\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if got, want := errb.String(), "myname: line 1: nope: command not found\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if _, err := shell.Run(context.Background(), shell.Config{}, "true"); err == nil {
		t.Error("Run without a Task succeeded")
	}
}

// TestCancel checks that Run stops when its context ends.
func TestCancel(t *testing.T) {
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := shell.Run(ctx, shell.Config{Task: task}, "while true; do :; done"); err == nil {
		t.Error("Run with a cancelled context returned no error")
	}
}

// TestInteractive drives Interactive with a script on "standard input".
func TestInteractive(t *testing.T) {
	task, err := userland.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	var out, errb strings.Builder
	in := strings.NewReader("mkdir /t\nif true; then\necho yes\nfi\necho (\ncd /t; pwd\nexit 4\necho never\n")
	code, err := shell.Interactive(context.Background(), shell.Config{Task: task, Stdin: in, Stdout: &out, Stderr: &errb, Set: userland.Programs()})
	if err != nil || code != 4 {
		t.Fatalf("Interactive = %d, %v", code, err)
	}
	if got, want := out.String(), "yes\n/t\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if !strings.HasPrefix(errb.String(), "# # > > # ") || !strings.Contains(errb.String(), "syntax error") {
		t.Errorf("stderr %q: want prompts and a syntax error", errb.String())
	}
}
