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
