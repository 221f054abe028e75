// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"testing"
)

func TestLs(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "sorted", script: "mkdir /t; cd /t; touch b a B .h; ls", stdout: "B\na\nb\n"},
		{name: "all", script: "mkdir /t; cd /t; touch a .h; ls -a; ls -A", stdout: ".\n..\n.h\na\n.h\na\n"},
		{name: "files then dirs", script: "mkdir -p /t/d; touch /t/f /t/d/x; ls /t/d /t/f",
			stdout: "/t/f\n\n/t/d:\nx\n"},
		{name: "missing", script: "ls /nope",
			stderr: "ls: cannot access '/nope': No such file or directory\n", exit: 2},
		{name: "bad option", script: "ls -j",
			stderr: "ls: invalid option -- 'j'\nTry 'ls --help' for more information.\n", exit: 2},
		{name: "directory", script: "mkdir -p /t/d; ls -d /t/d /t", stdout: "/t\n/t/d\n"},
		{name: "recursive", script: "mkdir -p /t/a/b; touch /t/a/f; ls -R /t",
			stdout: "/t:\na\n\n/t/a:\nb\nf\n\n/t/a/b:\n"},
		{name: "long", script: "mkdir /t; printf 12345 > /t/f; ln -s f /t/l; mknod /t/c c 1 3; touch -d '2000-01-02 03:04' /t/f /t/c; touch -h -d '2000-01-02 03:04' /t/l; ls -l /t",
			stdout: "total 4\n" +
				"crw-r--r-- 1 root root 1, 3 Jan  2  2000 c\n" +
				"-rw-r--r-- 1 root root    5 Jan  2  2000 f\n" +
				"lrwxrwxrwx 1 root root    1 Jan  2  2000 l -> f\n"},
		{name: "numeric ids", script: "mkdir /t; touch -d @0 /t/f; chown 7:8 /t/f; ls -n /t/f",
			stdout: "-rw-r--r-- 1 7 8 0 Jan  1  1970 /t/f\n"},
		{name: "inode", script: "mkdir /t; touch /t/a; ls -i /t | wc -w", stdout: "2\n"},
		{name: "reverse", script: "mkdir /t; touch /t/a /t/b; ls -r /t", stdout: "b\na\n"},
		{name: "by size", script: "mkdir /t; printf 1 > /t/a; printf 123 > /t/b; ls -S /t", stdout: "b\na\n"},
		{name: "classify", script: "mkdir -p /t/d; ln -s d /t/l; mknod /t/p p; touch /t/x; chmod +x /t/x; ls -F /t",
			stdout: "d/\nl@\np|\nx*\n"},
		{name: "symlink operand", script: "mkdir -p /t/d; touch /t/d/x; ln -s d /t/l; touch -h -d @0 /t/l /t/d/x; ls /t/l; ls -l /t/l /t/l/",
			stdout: "x\nlrwxrwxrwx 1 root root  1 Jan  1  1970 /t/l -> d\n\n/t/l/:\ntotal 0\n-rw-r--r-- 1 root root 0 Jan  1  1970 x\n"},
		{name: "version", script: "ls --version; ls --vers --bogus", stdout: "ls (linuxvfs) " + applet.Version + "\n" + "ls (linuxvfs) " + applet.Version + "\n"},
		{name: "help", script: "ls --help | head -1; ls --bogus --help", stdout: "Usage: ls [OPTION]... [FILE]...\n",
			stderr: "ls: unrecognized option '--bogus'\nTry 'ls --help' for more information.\n", exit: 2},
		{name: "help first", script: "ls --help -j | grep -c -- --dereference-command-line-symlink-to-dir", stdout: "1\n"},
		{name: "strftime", script: "mkdir /t; touch -d '2024-03-05 06:07:08.25' /t/f; ls -l --time-style='+%a %A %b %B %d %e %j %u %w %U %W %V %G %g %C %y %Y %H %I %k %l %M %S %N %3N %p %P %s %z %:z %Z %F %T %D %R %r %c %x %X %q %5d %-d %_d %^a %#p %Ez %%' /t/f",
			stdout: "-rw-r--r-- 1 root root 0 Tue Tuesday Mar March 05  5 065 2 2 09 10 10 2024 24 20 24 2024 06 06  6  6 07 08 250000000 250 AM am 1709618828 +0000 +00:00 UTC 2024-03-05 06:07:08 03/05/24 06:07 06:07:08 AM Tue Mar  5 06:07:08 2024 03/05/24 06:07:08 1 00005 5  5 TUE am +0000 % /t/f\n"},
	})
}

func TestStat(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "format", script: "mkdir /t; printf abc > /t/f; stat -c '%n %s %F %a %A %h %u %g %U %G' /t/f",
			stdout: "/t/f 3 regular file 644 -rw-r--r-- 1 0 0 root root\n"},
		{name: "printf", script: `mkdir /t; stat --printf '%n\t%F\n' /t`, stdout: "/t\tdirectory\n"},
		{name: "widths", script: "mkdir /t; printf abc > /t/f; stat -c '[%5s][%-5s][%05s][%#a]' /t/f",
			stdout: "[    3][3    ][00003][0644]\n"},
		{name: "symlink", script: "mkdir /t; ln -s 'a b' /t/l; stat -c '%N %F' /t/l; stat -L -c %F /t/l",
			stdout: "'/t/l' -> 'a b' symbolic link\n",
			stderr: "stat: cannot statx '/t/l': No such file or directory\n", exit: 1},
		{name: "times", script: "mkdir /t; touch -d @1234567890 /t/f; stat -c '%X %Y %y' /t/f",
			stdout: "1234567890 1234567890 2009-02-13 23:31:30.000000000 +0000\n"},
		{name: "devices", script: "mkdir /t; mknod /t/b b 8 17; stat -c '%t %T %Hr %Lr' /t/b", stdout: "8 11 8 17\n"},
		{name: "missing", script: "stat /nope",
			stderr: "stat: cannot statx '/nope': No such file or directory\n", exit: 1},
		{name: "default", script: "mkdir /t; printf abc > /t/f; touch -d @0 /t/f; stat /t/f | head -n 2; stat /t/f | head -n 6 | tail -n 3",
			stdout: "  File: /t/f\n  Size: 3         \tBlocks: 8          IO Block: 4096   regular file\n" +
				"Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n" +
				"Access: 1970-01-01 00:00:00.000000000 +0000\nModify: 1970-01-01 00:00:00.000000000 +0000\n"},
		{name: "default device", script: "mknod /c c 1 3; stat /c | head -n 3 | tail -n 1 | wc -w", stdout: "9\n"},
	})
}

func TestChmod(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "octal", script: "touch /f; chmod 640 /f; stat -c %a /f", stdout: "640\n"},
		{name: "symbolic", script: "touch /f; chmod u+x,g-r,o=w /f; stat -c %A /f", stdout: "-rwx----w-\n"},
		{name: "copy class", script: "touch /f; chmod g=u /f; stat -c %a /f", stdout: "664\n"},
		{name: "X", script: "mkdir -p /d; touch /d/f; chmod -R a+X /d; stat -c %a /d /d/f", stdout: "755\n644\n"},
		{name: "dash mode", script: "touch /f; chmod -r /f; stat -c %a /f", stdout: "200\n"},
		{name: "dash mode umask", script: "umask 022; touch /f; chmod 0 /f; chmod -w /f; chmod +w /f; stat -c %a /f", stdout: "200\n"},
		{name: "invalid", script: "touch /f; chmod x+y /f",
			stderr: "chmod: invalid mode: 'x+y'\nTry 'chmod --help' for more information.\n", exit: 1},
		{name: "missing operand", script: "chmod 644",
			stderr: "chmod: missing operand after '644'\nTry 'chmod --help' for more information.\n", exit: 1},
		{name: "verbose", script: "touch /f; chmod -v 600 /f; chmod -c 600 /f",
			stdout: "mode of '/f' changed from 0644 (rw-r--r--) to 0600 (rw-------)\n"},
		{name: "recursive skips links", script: "mkdir -p /d; touch /d/f /g; ln -s /g /d/l; chmod -R 700 /d; stat -c %a /d/f /g",
			stdout: "700\n644\n"},
		{name: "reference", script: "touch /f /g; chmod 600 /f; chmod --reference=/f /g; stat -c %a /g", stdout: "600\n"},
	})
}

func TestChown(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "user and group", script: "touch /f; chown 1:2 /f; stat -c '%u %g' /f", stdout: "1 2\n"},
		{name: "root names", script: "touch /f; chown 5:5 /f; chown root:root /f; stat -c '%u %g' /f", stdout: "0 0\n"},
		{name: "group only", script: "touch /f; chown :9 /f; stat -c '%u %g' /f", stdout: "0 9\n"},
		{name: "user colon", script: "touch /f; chown 3:4 /f; chown root: /f; stat -c '%u %g' /f", stdout: "0 0\n"},
		{name: "no deref", script: "touch /f; ln -s /f /l; chown -h 6 /l; stat -c '%u' /f /l", stdout: "0\n6\n"},
		{name: "recursive", script: "mkdir -p /d/e; touch /d/e/f; chown -R 7 /d; stat -c %u /d /d/e/f", stdout: "7\n7\n"},
		{name: "invalid user", script: "touch /f; chown nosuchuser /f",
			stderr: "chown: invalid user: 'nosuchuser'\n", exit: 1},
		{name: "chgrp", script: "touch /f; chgrp 12 /f; stat -c '%u %g' /f", stdout: "0 12\n"},
		{name: "chgrp invalid", script: "touch /f; chgrp nosuchgroup /f",
			stderr: "chgrp: invalid group: 'nosuchgroup'\n", exit: 1},
		{name: "chgrp missing", script: "chgrp 1 /nope",
			stderr: "chgrp: cannot access '/nope': No such file or directory\n", exit: 1},
	})
}

func TestFind(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "name", script: "mkdir -p /t/a; touch /t/a/x.go /t/y.txt; find /t -name '*.go'", stdout: "/t/a/x.go\n"},
		{name: "type", script: "mkdir -p /t/a/b; touch /t/a/f; find /t -type d", stdout: "/t\n/t/a\n/t/a/b\n"},
		{name: "maxdepth", script: "mkdir -p /t/a/b; find /t -maxdepth 1", stdout: "/t\n/t/a\n"},
		{name: "not and or", script: "mkdir /t; touch /t/a /t/b /t/c; find /t ! -name a -type f -o -name a -print",
			stdout: "/t/a\n"},
		{name: "missing", script: "find /nope",
			stderr: "find: '/nope': No such file or directory\n", exit: 1},
	})
}
