// SPDX-License-Identifier: Apache-2.0

package shell_test

import "testing"

func TestCat(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "files", script: "printf 'a\\n' > /a; printf b > /b; cat /a /b", stdout: "a\nb"},
		{name: "stdin", script: "echo hi | cat", stdout: "hi\n"},
		{name: "dash", script: "echo x > /a; echo y | cat /a - /a", stdout: "x\ny\nx\n"},
		{name: "number", script: "printf 'a\\nb\\n' | cat -n", stdout: "     1\ta\n     2\tb\n"},
		{name: "missing", script: "cat /nope",
			stderr: "cat: /nope: No such file or directory\n", exit: 1},
		{name: "directory", script: "mkdir /d; cat /d",
			stderr: "cat: /d: Is a directory\n", exit: 1},
		{name: "name needing quotes", script: "cat '/a b'",
			stderr: "cat: '/a b': No such file or directory\n", exit: 1},
	})
}

func TestHeadTail(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "head", script: "printf '1\\n2\\n3\\n' > /f; head -n 2 /f", stdout: "1\n2\n"},
		{name: "head obsolete", script: "printf '1\\n2\\n3\\n' | head -1", stdout: "1\n"},
		{name: "head negative", script: "printf '1\\n2\\n3\\n' | head -n -1", stdout: "1\n2\n"},
		{name: "head bytes", script: "printf 'abcdef' | head -c 2", stdout: "ab"},
		{name: "tail", script: "printf '1\\n2\\n3\\n' > /f; tail -n 2 /f", stdout: "2\n3\n"},
		{name: "tail from", script: "printf '1\\n2\\n3\\n' | tail -n +2", stdout: "2\n3\n"},
		{name: "headers", script: "echo a > /a; echo b > /b; head /a /b", stdout: "==> /a <==\na\n\n==> /b <==\nb\n"},
		{name: "missing", script: "head /nope",
			stderr: "head: cannot open '/nope' for reading: No such file or directory\n", exit: 1},
		{name: "bad count", script: "head -n x /f",
			stderr: "head: invalid number of lines: 'x'\n", exit: 1},
	})
}

func TestWcTee(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "wc all", script: "printf 'a b\\nc\\n' > /f; wc /f", stdout: "2 3 6 /f\n"},
		{name: "wc lines", script: "printf 'a b\\nc\\n' > /f; wc -l /f", stdout: "2 /f\n"},
		{name: "wc stdin", script: "printf 'a b\\nc\\n' | wc", stdout: "      2       3       6\n"},
		{name: "wc total", script: "echo a > /a; echo bb > /b; wc -c /a /b", stdout: "2 /a\n3 /b\n5 total\n"},
		{name: "wc missing", script: "wc /nope",
			stderr: "wc: /nope: No such file or directory\n", exit: 1},
		{name: "tee", script: "echo hi | tee /a; echo again | tee -a /a > /b; cat /a /b", stdout: "hi\nhi\nagain\nagain\n"},
		{name: "tee error", script: "echo hi | tee /no/f",
			stdout: "hi\n", stderr: "tee: /no/f: No such file or directory\n", exit: 1},
	})
}

func TestNames(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "basename", script: "basename /a/b.txt .txt; basename /a/b/; basename /; basename -a /x/y z/w", stdout: "b\nb\n/\ny\nw\n"},
		{name: "dirname", script: "dirname /a/b a / a/b/ //x", stdout: "/a\n.\n/\na\n/\n"},
		{name: "basename missing", script: "basename",
			stderr: "basename: missing operand\nTry 'basename --help' for more information.\n", exit: 1},
	})
}

func TestPrintf(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "reuse", script: `printf '%s-%d\n' a 1 b 2 c`, stdout: "a-1\nb-2\nc-0\n"},
		{name: "flags", script: `printf '%5.2s|%-4d|%04d|%+d|%x|%#o|%u\n' abcdef 7 42 5 255 8 -1`,
			stdout: "   ab|7   |0042|+5|ff|010|18446744073709551615\n"},
		{name: "escapes", script: `printf '%c|%%|%b|\x41\101\n' hello 'a\tb\c' x`, stdout: "h|%|a\tb"},
		{name: "quote", script: `printf '%q %q %q\n' 'a b' "it's" ''`, stdout: `a\ b it\'s ''` + "\n"},
		{name: "floats", script: `printf '%.3f %e %g\n' 3.14159 12345.678 0.0001`, stdout: "3.142 1.234568e+04 0.0001\n"},
		{name: "star", script: `printf '%*d|%-*s|\n' 5 42 4 ab`, stdout: "   42|ab  |\n"},
		{name: "char code", script: `printf '%d %d\n' "'A" 0x1f`, stdout: "65 31\n"},
		{name: "invalid number", script: `printf '%d\n' 12x; echo $?`, stdout: "12\n1\n",
			stderr: "sh: line 1: printf: 12x: invalid number\n", linuxvfsOnly: true},
		{name: "variable", script: `printf -v v '%s|%03d' "a'b" 7; echo "$v"`, stdout: "a'b|007\n"},
		{name: "to file", script: `printf 'x%.0s' 1 2 3 > /f; cat /f`, stdout: "xxx"},
	})
}

func TestTextTools(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "sort", script: "printf 'b\\na\\n10\\n9\\na\\n' > /f; sort /f; sort -rnu /f",
			stdout: "10\n9\na\na\nb\n10\n9\nb\n"},
		{name: "uniq", script: "printf 'a\\na\\nb\\n' | uniq -c", stdout: "      2 a\n      1 b\n"},
		{name: "cut", script: "printf 'a:b:c\\nxyz\\n' | cut -d: -f2-; echo abcdef | cut -c2,4-",
			stdout: "b:c\nxyz\nbdef\n"},
		{name: "grep", script: "printf 'one\\ntwo\\nthree\\n' > /f; grep -n 't\\(w\\|h\\)' /f; grep -c o /f; grep -v o /f; grep -q four /f; echo $?",
			stdout: "2:two\n3:three\n2\nthree\n1\n"},
		{name: "grep missing", script: "grep x /nope", stderr: "grep: /nope: No such file or directory\n", exit: 2},
		{name: "tr", script: "echo hello | tr a-z A-Z; echo hello | tr -d l; echo 'a  b' | tr -s ' '", stdout: "HELLO\nheo\na b\n"},
		{name: "seq", script: "seq 3; seq -s, 2 2 6; seq -w 9 10", stdout: "1\n2\n3\n2,4,6\n09\n10\n"},
		{name: "du", script: "mkdir -p /t/d; printf %5000s x > /t/f; du /t; du -sb /t/f; du -sh /t",
			stdout: "0\t/t/d\n8\t/t\n5000\t/t/f\n8.0K\t/t\n"},
		{name: "ls blocks", script: "mkdir /t; printf %5000s x > /t/f; ls -s /t", stdout: "total 8\n8 f\n"},
		{name: "ln relative", script: "mkdir -p /t/a/b /t/c; touch /t/a/b/f; ln -sr /t/a/b/f /t/c/l; readlink /t/c/l", stdout: "../a/b/f\n"},
		{name: "type", script: "f() { :; }; type f cd if; command -v cd ls; type nope; echo $?",
			stdout: "f is a function\ncd is a shell builtin\nif is a shell keyword\ncd\n/usr/bin/ls\n1\n",
			stderr: "sh: line 1: type: nope: not found\n", linuxvfsOnly: true},
	})
}
