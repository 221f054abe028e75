// SPDX-License-Identifier: Apache-2.0

package shell_test

import "testing"

// Regressions for cp, mv and ln found by the randomized differential
// test; outputs captured from coreutils 9.1 on Linux.
func TestFixCpMvLn(t *testing.T) {
	runCases(t, []scriptCase{
		{
			name:   "ln-sf-onto-itself",
			script: "mkdir /t; echo x > /t/a; ln -sf /t/a /t/a; echo $?; cat /t/a",
			stdout: "1\nx\n",
			stderr: "ln: '/t/a' and '/t/a' are the same file\n",
		},
		{
			name:   "ln-f-hard-link-again",
			script: "mkdir /t; echo x > /t/a; ln /t/a /t/b; ln -f /t/a /t/b; ls /t; ln -f /t/a /t/a; echo $?",
			stdout: "a\nb\n1\n",
			stderr: "ln: '/t/a' and '/t/a' are the same file\n",
		},
		{
			name:   "ln-sf-parent-not-dir",
			script: "mkdir /t; touch /t/f; ln -sf x /t/f/l",
			stderr: "ln: failed to access '/t/f/l': Not a directory\n",
			exit:   1,
		},
		{
			name:   "ln-sf-through-symlink-to-dir",
			script: "mkdir -p /t/d; ln -s /t/d /t/d/l; ln -sf l /t/d/l; echo $?; readlink /t/d/l; ls /t/d",
			stdout: "0\nl\nl\n",
		},
		{
			name:   "ln-target-names",
			script: "mkdir -p /t/d; cd /t; ln -sv x; ln -s d/ d2; ln -sfn x d2; readlink d2; ln -sfv a b d//",
			stdout: "'./x' -> 'x'\nx\n'd/a' -> 'a'\n'd/b' -> 'b'\n",
		},
		{
			name:   "mv-symlink-onto-target",
			script: "mkdir /t; echo x > /t/m; ln -s /t/m /t/l; mv /t/l /t/m; echo $?; cat /t/m; readlink /t/l",
			stdout: "1\nx\n/t/m\n",
			stderr: "mv: '/t/l' and '/t/m' are the same file\n",
		},
		{
			name:   "mv-T-symlink-onto-target-dir",
			script: "mkdir -p /t/d; ln -s /t/d /t/l; mv -T /t/l /t/d; echo $?; mv /t/l /t/d; readlink /t/d/l",
			stdout: "1\n/t/d\n",
			stderr: "mv: '/t/l' and '/t/d' are the same file\n",
		},
		{
			name:   "mv-symlink-hard-links",
			script: "mkdir /t; cd /t; touch f; ln f l; ln -s f s; mv s f; mv s l; ls",
			stdout: "f\nl\n",
			stderr: "mv: 's' and 'f' are the same file\n",
		},
		{
			name:   "mv-onto-dangling-symlink-slash",
			script: "mkdir -p /t/d; echo x > /t/a; ln -s /t/nope /t/l; mv /t/a /t/l/; mv /t/d /t/l/; mv -T /t/d /t/l/; ls /t",
			stdout: "a\nd\nl\n",
			stderr: "mv: cannot move '/t/a' to '/t/l/': Not a directory\n" +
				"mv: cannot overwrite non-directory '/t/l/' with directory '/t/d'\n" +
				"mv: cannot overwrite non-directory '/t/l/' with directory '/t/d'\n",
			exit: 0,
		},
		{
			name:   "cp-dest-names",
			script: "mkdir -p /t/d/x; cp -r /t/d/x /t/d/x//; cp -r /t/d/x/.. /t/d/; find /t | sort",
			stdout: "/t\n/t/d\n/t/d/x\n/t/d/x/x\n",
			stderr: "cp: cannot copy a directory, '/t/d/x', into itself, '/t/d/x/x'\n" +
				"cp: '/t/d/x/..' and '/t/d/.' are the same file\n",
		},
		{
			name:   "cp-r-onto-symlink-to-source",
			script: "mkdir -p /t/s/d /t/x; ln -s /t/s/d /t/x/d; cp -r /t/s/d /t/x",
			stderr: "cp: '/t/s/d' and '/t/x/d' are the same file\n",
			exit:   1,
		},
		{
			name:   "cp-r-dotdot-into-symlink",
			script: "mkdir -p /t/d/y/z /t/x; ln -s /t/x /t/l; cp -r /t/d/y/z/.. /t/l; echo $?; ls /t/x",
			stdout: "0\nz\n",
		},
		{
			name:   "cp-r-into-itself-modes",
			script: "mkdir -p /t/d/y; chmod 0 /t/d/y; cp -r /t/d /t/d/y; stat -c '%a %n' /t/d/y/d/y",
			stdout: "0 /t/d/y/d/y\n",
			stderr: "cp: cannot copy a directory, '/t/d', into itself, '/t/d/y/d'\n",
		},
		{
			name:   "cp-r-dot-into-itself-modes",
			script: "mkdir -p /t/d/y; chmod 555 /t/d; cp -r /t/. /t/d/y; stat -c '%a %n' /t/d /t/d/y /t/d/y/d /t/d/y/d/y",
			stdout: "555 /t/d\n755 /t/d/y\n555 /t/d/y/d\n755 /t/d/y/d/y\n",
			stderr: "cp: cannot copy a directory, '/t/.', into itself, '/t/d/y/.'\n",
		},
		{
			name:   "cp-r-symlink-slash-into-subtree",
			script: "mkdir -p /t/d/x; ln -s /t/d /t/l; cp -r /t/l/ /t/d/c; echo $?; find /t/d | sort",
			stdout: "1\n/t/d\n/t/d/c\n/t/d/c/x\n/t/d/x\n",
			stderr: "cp: will not create hard link '/t/d/c/c' to directory '/t/d/c'\n",
		},
		{
			name:   "cp-r-source-dir-twice",
			script: "mkdir -p /t/a/b /t/x; cp -r /t/a /t/a /t/x; echo $?; find /t/x | sort",
			stdout: "0\n/t/x\n/t/x/a\n/t/x/a/b\n",
			stderr: "cp: warning: source directory '/t/a' specified more than once\n",
		},
	})
}
