// SPDX-License-Identifier: Apache-2.0

package shell_test

import "testing"

func TestMkdir(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "basic", script: "mkdir /t /t/a && ls /t", stdout: "a\n"},
		{name: "exists", script: "mkdir /t; mkdir /t",
			stderr: "mkdir: cannot create directory '/t': File exists\n", exit: 1},
		{name: "missing parent", script: "mkdir /t/x",
			stderr: "mkdir: cannot create directory '/t/x': No such file or directory\n", exit: 1},
		{name: "missing operand", script: "mkdir",
			stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", exit: 1},
		{name: "bad option", script: "mkdir -z /t",
			stderr: "mkdir: invalid option -- 'z'\nTry 'mkdir --help' for more information.\n", exit: 1},
		{name: "parents", script: "mkdir -p /t/a/b/c && mkdir -p /t/a/b && stat -c %n /t/a/b/c", stdout: "/t/a/b/c\n"},
		{name: "parents through file", script: "mkdir /t; : > /t/f; mkdir -p /t/f/g/h",
			stderr: "mkdir: cannot create directory '/t/f': Not a directory\n", exit: 1},
		{name: "mode octal", script: "mkdir -m 1750 /t && stat -c %a /t", stdout: "1750\n"},
		{name: "mode symbolic", script: "mkdir -m u=rwx,go=x /t && stat -c %A /t", stdout: "drwx--x--x\n"},
		{name: "mode relative to umask", script: "umask 027; mkdir -m +w /t && stat -c %a /t", stdout: "777\n"},
		{name: "mode relative to umask", script: "umask 027; mkdir -m g+w /t && stat -c %a /t", stdout: "777\n"},
		{name: "invalid mode", script: "mkdir -m 9 /t",
			stderr: "mkdir: invalid mode '9'\n", exit: 1},
		{name: "verbose", script: "mkdir -pv /t/a",
			stdout: "mkdir: created directory '/t'\nmkdir: created directory '/t/a'\n"},
		{name: "quoted name", script: "mkdir /t; mkdir '/t/a b'; mkdir '/t/a b'",
			stderr: "mkdir: cannot create directory '/t/a b': File exists\n", exit: 1},
		{name: "quote in name", script: `mkdir /t "/t/it's"; mkdir "/t/it's"`,
			stderr: `mkdir: cannot create directory '/t/it\'s': File exists` + "\n", exit: 1},
	})
}

func TestRmdir(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "basic", script: "mkdir -p /t/d && rmdir /t/d && ls /t"},
		{name: "not empty", script: "mkdir -p /t/d/e; rmdir /t/d",
			stderr: "rmdir: failed to remove '/t/d': Directory not empty\n", exit: 1},
		{name: "file", script: "mkdir /t; : > /t/f; rmdir /t/f",
			stderr: "rmdir: failed to remove '/t/f': Not a directory\n", exit: 1},
		{name: "parents", script: "mkdir -p /t/a/b/c && rmdir -p /t/a/b/c; echo $?; ls -a /t 2>&1",
			stdout: "1\nls: cannot access '/t': No such file or directory\n",
			stderr: "rmdir: failed to remove directory '/': Device or resource busy\n", exit: 2},
		{name: "parents relative", script: "mkdir -p /t/a/b && cd /t && rmdir -p a/b && ls -a", stdout: ".\n..\n"},
		{name: "ignore non-empty", script: "mkdir -p /t/d/e; rmdir --ignore-fail-on-non-empty /t/d"},
	})
}

func TestRm(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "file", script: "mkdir /t; : > /t/f; rm /t/f && ls -A /t"},
		{name: "missing", script: "rm /nope",
			stderr: "rm: cannot remove '/nope': No such file or directory\n", exit: 1},
		{name: "force missing", script: "rm -f /nope"},
		{name: "directory", script: "mkdir /t; rm /t",
			stderr: "rm: cannot remove '/t': Is a directory\n", exit: 1},
		{name: "dir flag", script: "mkdir -p /t/e /t/x; rm -d /t/e; echo $?; rm -d /t",
			stdout: "0\n", stderr: "rm: cannot remove '/t': Directory not empty\n", exit: 1},
		{name: "recursive", script: "mkdir -p /t/a/b; : > /t/a/b/f; ln -s /t /t/a/l; rm -rf /t/a && ls -A /t"},
		{name: "combined flags", script: "mkdir -p /t/a; rm -fr /t/a /t/none && ls -A /t"},
		{name: "verbose", script: "mkdir -p /t/a; : > /t/a/f; rm -rv /t/a",
			stdout: "removed '/t/a/f'\nremoved directory '/t/a'\n"},
		{name: "dot", script: "mkdir -p /t/d; rm -r /t/d/..",
			stderr: "rm: refusing to remove '.' or '..' directory: skipping '/t/d/..'\n", exit: 1},
		{name: "root", script: "rm -r /",
			stderr: "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", exit: 1},
		{name: "no operand", script: "rm",
			stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", exit: 1},
		{name: "end of options", script: "mkdir /t; cd /t; : > ./-f; rm -- -f && ls -A"},
	})
}

func TestMv(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "rename", script: "mkdir /t; echo a > /t/a; mv /t/a /t/b && cat /t/b && ls /t", stdout: "a\nb\n"},
		{name: "into dir", script: "mkdir -p /t/d; : > /t/a; : > /t/b; mv /t/a /t/b /t/d && ls /t/d", stdout: "a\nb\n"},
		{name: "target not dir", script: "mkdir /t; : > /t/a; : > /t/b; mv /t/a /t/b /t/c",
			stderr: "mv: target '/t/c': No such file or directory\n", exit: 1},
		{name: "missing", script: "mv /a /b",
			stderr: "mv: cannot stat '/a': No such file or directory\n", exit: 1},
		{name: "missing dest operand", script: "mv /a",
			stderr: "mv: missing destination file operand after '/a'\nTry 'mv --help' for more information.\n", exit: 1},
		{name: "no clobber", script: "mkdir /t; echo a > /t/a; echo b > /t/b; mv -n /t/a /t/b; cat /t/a /t/b", stdout: "a\nb\n"},
		{name: "no target dir", script: "mkdir -p /t/d /t/e; mv -T /t/d /t/e && ls /t", stdout: "e\n"},
		{name: "no target dir not empty", script: "mkdir -p /t/d /t/e/x; mv -T /t/d /t/e",
			stderr: "mv: cannot move '/t/d' to '/t/e': Directory not empty\n", exit: 1},
		{name: "verbose", script: "mkdir /t; : > /t/a; mv -v /t/a /t/b", stdout: "renamed '/t/a' -> '/t/b'\n"},
		{name: "target directory flag", script: "mkdir -p /t/d; : > /t/a; mv -t /t/d /t/a && ls /t/d", stdout: "a\n"},
	})
}

func TestCp(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "file", script: "mkdir /t; echo hi > /t/a; cp /t/a /t/b && cat /t/b", stdout: "hi\n"},
		{name: "into dir", script: "mkdir -p /t/d; echo hi > /t/a; cp /t/a /t/d && cat /t/d/a", stdout: "hi\n"},
		{name: "omit dir", script: "mkdir -p /t/d; cp /t/d /t/e",
			stderr: "cp: -r not specified; omitting directory '/t/d'\n", exit: 1},
		{name: "recursive", script: "mkdir -p /t/d/e; echo x > /t/d/e/f; cp -R /t/d /t/c && cat /t/c/e/f", stdout: "x\n"},
		{name: "archive keeps mode", script: "mkdir /t; : > /t/a; chmod 4751 /t/a; cp -a /t/a /t/b; cp /t/a /t/c; stat -c %a /t/b /t/c",
			stdout: "4751\n751\n"},
		{name: "preserve times", script: "mkdir /t; touch -d @1000000000 /t/a; cp -p /t/a /t/b; stat -c %Y /t/b", stdout: "1000000000\n"},
		{name: "no target dir", script: "mkdir -p /t/d /t/e; echo x > /t/d/f; cp -rT /t/d /t/e && ls /t/e", stdout: "f\n"},
		{name: "no clobber", script: "mkdir /t; echo a > /t/a; echo b > /t/b; cp -n /t/a /t/b; cat /t/b", stdout: "b\n"},
		{name: "same file", script: "mkdir /t; : > /t/a; cp /t/a /t/a",
			stderr: "cp: '/t/a' and '/t/a' are the same file\n", exit: 1},
		{name: "verbose", script: "mkdir /t; : > /t/a; cp -v /t/a /t/b", stdout: "'/t/a' -> '/t/b'\n"},
	})
}

func TestLn(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "symbolic", script: "mkdir /t; ln -s target /t/l && readlink /t/l", stdout: "target\n"},
		{name: "hard", script: "mkdir /t; : > /t/a; ln /t/a /t/b && stat -c %h /t/a", stdout: "2\n"},
		{name: "exists", script: "mkdir /t; : > /t/a; ln -s x /t/a",
			stderr: "ln: failed to create symbolic link '/t/a': File exists\n", exit: 1},
		{name: "force", script: "mkdir /t; : > /t/a; ln -sf x /t/a && readlink /t/a", stdout: "x\n"},
		{name: "force onto dir", script: "mkdir -p /t/d; ln -sfn x /t/d; ls /t/d",
			stdout: "x\n"},
		{name: "no deref", script: "mkdir -p /t/d; ln -s d /t/l; ln -sfn e /t/l && readlink /t/l", stdout: "e\n"},
		{name: "no target dir", script: "mkdir -p /t/d; ln -sT x /t/d",
			stderr: "ln: failed to create symbolic link '/t/d': File exists\n", exit: 1},
		{name: "hard missing dir", script: "mkdir /t; : > /t/a; ln /t/a /t/x/b",
			stderr: "ln: failed to create hard link '/t/x/b' => '/t/a': No such file or directory\n", exit: 1},
		{name: "one operand", script: "mkdir /t; cd /t; ln -s /t/x && readlink x", stdout: "/t/x\n"},
		{name: "verbose", script: "mkdir /t; ln -sv x /t/l", stdout: "'/t/l' -> 'x'\n"},
	})
}

func TestReadlink(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "plain", script: "mkdir /t; ln -s a/b /t/l; readlink /t/l", stdout: "a/b\n"},
		{name: "not link", script: "mkdir /t; readlink /t", exit: 1},
		{name: "verbose error", script: "readlink -v /nope",
			stderr: "readlink: /nope: No such file or directory\n", exit: 1},
		{name: "canonicalize", script: "mkdir -p /t/a; ln -s a /t/l; cd /t; readlink -f l/../l/./x", stdout: "/t/a/x\n"},
		{name: "existing", script: "mkdir -p /t/a; readlink -e /t/a/x", exit: 1},
		{name: "missing", script: "readlink -m /t/a/../b/c", stdout: "/t/b/c\n"},
		{name: "no newline", script: "mkdir /t; ln -s x /t/l; readlink -n /t/l", stdout: "x"},
		{name: "realpath", script: "mkdir -p /t/a; ln -s a /t/l; realpath /t/l /t/l/x", stdout: "/t/a\n/t/a/x\n"},
	})
}

func TestTouch(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "create", script: "mkdir /t; touch /t/a && stat -c '%s %a' /t/a", stdout: "0 644\n"},
		{name: "no create", script: "mkdir /t; touch -c /t/a; ls -A /t"},
		{name: "epoch", script: "mkdir /t; touch -d @86400 /t/a && stat -c '%X %Y' /t/a", stdout: "86400 86400\n"},
		{name: "date", script: "mkdir /t; touch -d '2001-02-03 04:05:06' /t/a && stat -c %y /t/a",
			stdout: "2001-02-03 04:05:06.000000000 +0000\n"},
		{name: "stamp", script: "mkdir /t; touch -t 200102030405.06 /t/a && stat -c %Y /t/a", stdout: "981173106\n"},
		{name: "mtime only", script: "mkdir /t; touch -d @5 /t/a; touch -m -d @7 /t/a; stat -c '%X %Y' /t/a", stdout: "5 7\n"},
		{name: "reference", script: "mkdir /t; touch -d @9 /t/a; touch -r /t/a /t/b; stat -c %Y /t/b", stdout: "9\n"},
		{name: "bad date", script: "touch -d yesterday-ish /t",
			stderr: "touch: invalid date format 'yesterday-ish'\n", exit: 1},
		{name: "missing dir", script: "touch /t/a",
			stderr: "touch: cannot touch '/t/a': No such file or directory\n", exit: 1},
		{name: "no operand", script: "touch",
			stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n", exit: 1},
	})
}

func TestMknod(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "fifo", script: "mkdir /t; mknod /t/p p && stat -c %F /t/p", stdout: "fifo\n"},
		{name: "char", script: "mkdir /t; mknod -m 600 /t/c c 4 5 && stat -c '%F %a %t %T' /t/c",
			stdout: "character special file 600 4 5\n"},
		{name: "missing numbers", script: "mknod /c c",
			stderr: "mknod: missing operand after 'c'\nSpecial files require major and minor device numbers.\nTry 'mknod --help' for more information.\n", exit: 1},
		{name: "bad type", script: "mknod /x q 1 2",
			stderr: "mknod: invalid device type 'q'\nTry 'mknod --help' for more information.\n", exit: 1},
		{name: "type word", script: "mknod /c character 1 2 && stat -c %F /c", stdout: "character special file\n"},
		{name: "fifo numbers", script: "mknod /p p 1 2",
			stderr: "mknod: extra operand '1'\nFifos do not have major and minor device numbers.\nTry 'mknod --help' for more information.\n", exit: 1},
		{name: "mkfifo", script: "mkdir /t; mkfifo -m 640 /t/p && stat -c '%F %a' /t/p", stdout: "fifo 640\n"},
	})
}
