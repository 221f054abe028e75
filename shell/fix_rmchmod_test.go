// SPDX-License-Identifier: Apache-2.0

package shell_test

import "testing"

// TestFixRmChmod covers rm, chmod, chown, truncate, mkdir and rmdir
// details found by differential testing against coreutils 9.1.
func TestFixRmChmod(t *testing.T) {
	runCases(t, []scriptCase{
		// truncate -s prefixes: < > / % + -
		{name: "truncate round up", script: "mkdir /t; echo abc > /t/g; truncate -s %8 /t/g; stat -c %s /t/g", stdout: "8\n"},
		{name: "truncate prefixes", script: `mkdir /t; echo abc > /t/g
truncate -s %8 /t/g; stat -c %s /t/g
truncate -s /3 /t/g; stat -c %s /t/g
truncate -s "<2" /t/g; stat -c %s /t/g
truncate -s ">5" /t/g; stat -c %s /t/g
truncate -s " % 4K" /t/g; stat -c %s /t/g
truncate -s K /t/g; stat -c %s /t/g
truncate -s -5000 /t/g; stat -c %s /t/g
truncate -s +3 /t/g; stat -c %s /t/g`,
			stdout: "8\n6\n2\n5\n4096\n1024\n0\n3\n"},
		{name: "truncate division by zero", script: "mkdir /t; truncate -s %0 /t/g",
			stderr: "truncate: division by zero\n", exit: 1},
		{name: "truncate multiple modifiers", script: "mkdir /t; truncate -s %-3 /t/g",
			stderr: "truncate: multiple relative modifiers specified\nTry 'truncate --help' for more information.\n", exit: 1},
		{name: "truncate invalid numbers", script: "mkdir /t; truncate -s x /t/g; truncate -s 99999999999999999999 /t/g; truncate -s 1Y /t/g; truncate -s 1Q /t/g",
			stderr: "truncate: Invalid number: 'x'\n" +
				"truncate: Invalid number: '99999999999999999999': Value too large for defined data type\n" +
				"truncate: Invalid number: '1Y': Value too large for defined data type\n" +
				"truncate: Invalid number: '1Q'\n", exit: 1},
		{name: "truncate overflow", script: "mkdir /t; truncate -s 9223372036854775806 /t/g; truncate -s %4 /t/g; truncate -s +4 /t/g; truncate -s %9223372036854775807 /t/g; stat -c %s /t/g",
			stdout: "9223372036854775807\n",
			stderr: "truncate: overflow extending size of file '/t/g'\ntruncate: overflow extending size of file '/t/g'\n"},

		// chown's parse_user_spec
		{name: "chown specs", script: `mkdir /t; touch /t/f
chown 7: /t/f; chown 0: /t/f; chown 7. /t/f; chown +root /t/f; chown 7:8: /t/f; chown 4294967295 /t/f; chown 1.2.3 /t/f
chown root. /t/f; chown .7 /t/f; chown 7.8 /t/f; chown : /t/f; chown "" /t/f; stat -c %u:%g /t/f`,
			stdout: "7:8\n",
			stderr: "chown: invalid spec: '7:'\nchown: invalid spec: '0:'\nchown: invalid user: '7.'\n" +
				"chown: invalid user: '+root'\nchown: invalid group: '7:8:'\nchown: invalid user: '4294967295'\n" +
				"chown: invalid user: '1.2.3'\n" +
				"chown: warning: '.' should be ':': 'root.'\nchown: warning: '.' should be ':': '.7'\n" +
				"chown: warning: '.' should be ':': '7.8'\n"},
		{name: "chown verbose names", script: `mkdir /t; touch /t/f
chown -v 4242:root /t/f; chown -v 4243 /t/f; chown -v :4244 /t/f; chown -v 4245:4246 /t/f
chown -v root: /t/f; chown -v :root /t/f; chown -c 0:0 /t/f; chown -v :0 /t/f; chown -v 0 /t/f; chown -v root. /t/f`,
			stdout: "changed ownership of '/t/f' from root:root to :root\n" +
				"changed ownership of '/t/f' from 4242 to 4243\n" +
				"changed group of '/t/f' from root to 4244\n" +
				"changed ownership of '/t/f' from 4243:4244 to 4245:4246\n" +
				"changed ownership of '/t/f' from 4245:4246 to root:root\n" +
				"ownership of '/t/f' retained as root:root\n" +
				"group of '/t/f' retained as root\n" +
				"ownership of '/t/f' retained as root\n" +
				"ownership of '/t/f' retained as root:root\n",
			stderr: "chown: warning: '.' should be ':': 'root.'\n"},

		// fts_open trims repeated trailing slashes to one
		{name: "trailing slashes", script: "mkdir /t; rm /t/nope//; rm /t/nope///; rm -r /t/nope//; chmod 755 /t/nope//; chown 0 /t/nope//; rm //; chmod -R 1 ///nope//",
			stderr: "rm: cannot remove '/t/nope/': No such file or directory\n" +
				"rm: cannot remove '/t/nope/': No such file or directory\n" +
				"rm: cannot remove '/t/nope/': No such file or directory\n" +
				"chmod: cannot access '/t/nope/': No such file or directory\n" +
				"chown: cannot access '/t/nope/': No such file or directory\n" +
				"rm: cannot remove '//': Is a directory\n" +
				"chmod: cannot access '///nope/': No such file or directory\n", exit: 1},

		// chmod -R follows command-line symlinks
		{name: "chmod -R symlink operand", script: `mkdir -p /t/m/y; ln -s m /t/l; chmod -R 2755 /t/l; stat -c "%a %n" /t/m /t/m/y /t/l`,
			stdout: "2755 /t/m\n2755 /t/m/y\n777 /t/l\n"},
		{name: "chmod bad symlinks", script: "mkdir /t; ln -s l /t/l; chmod a=r /t/l; touch /t/a; ln -s a/x /t/m; chmod a=r /t/m; ln -s nope /t/n; chmod a=r /t/n; chmod -R a=r /t/n /t/l; chown 0 /t/l /t/m /t/n",
			stderr: "chmod: cannot access '/t/l': Too many levels of symbolic links\n" +
				"chmod: cannot access '/t/m': Not a directory\n" +
				"chmod: cannot operate on dangling symlink '/t/n'\n" +
				"chmod: cannot operate on dangling symlink '/t/n'\n" +
				"chmod: cannot access '/t/l': Too many levels of symbolic links\n" +
				"chown: cannot dereference '/t/l': Too many levels of symbolic links\n" +
				"chown: cannot dereference '/t/m': Not a directory\n" +
				"chown: cannot dereference '/t/n': No such file or directory\n", exit: 1},

		// rm -f ignores ENOTDIR too
		{name: "rm -f ENOTDIR", script: "mkdir /t; touch /t/a; rm -f /t/a/ /t/a/x; echo $?; ln -s nowhere /t/d; rm -f /t/d/ /t/d//x; echo $?; rm /t/a/ /t/d/",
			stdout: "0\n0\n",
			stderr: "rm: cannot remove '/t/a/': Not a directory\nrm: cannot remove '/t/d/': Not a directory\n", exit: 1},
		{name: "rm -d dot", script: "mkdir -p /t/e/x; rm -d /t/e/x/.; rm -d /t/e/x/..; rm /t/e/x/.; rm -rf /t/e/.//; rm -d /t/e/x//; ls /t/e; echo end",
			stdout: "end\n",
			stderr: "rm: refusing to remove '.' or '..' directory: skipping '/t/e/x/.'\n" +
				"rm: cannot remove '/t/e/x/..': Directory not empty\n" +
				"rm: cannot remove '/t/e/x/.': Is a directory\n" +
				"rm: refusing to remove '.' or '..' directory: skipping '/t/e/./'\n"},

		// mkdir -p on a name that exists but cannot be stat'ed
		{name: "mkdir -p symlink loop", script: "mkdir /t; ln -s l /t/l; mkdir -p /t/l; mkdir -p /t/l/x; mkdir /t/l; touch /t/f; ln -s f/x /t/m; mkdir -p /t/m; ln -s nope /t/n; mkdir -p /t/n",
			stderr: "mkdir: cannot stat '/t/l': Too many levels of symbolic links\n" +
				"mkdir: cannot create directory '/t/l': Too many levels of symbolic links\n" +
				"mkdir: cannot create directory '/t/l': File exists\n" +
				"mkdir: cannot create directory '/t/m': File exists\n" +
				"mkdir: cannot create directory '/t/n': File exists\n", exit: 1},

		// rmdir's custom message for a symlink with a trailing slash
		{name: "rmdir symlink slash", script: "mkdir -p /t/d; ln -s /t/d /t/l; rmdir /t/l/; ln -s nope /t/n; rmdir /t/n/; rmdir /t/n; touch /t/f; ln -s f /t/lf; rmdir /t/lf/; ln -s lp /t/lp; rmdir /t/lp//; rmdir -p /t/l/",
			stderr: "rmdir: failed to remove '/t/l/': Symbolic link not followed\n" +
				"rmdir: failed to remove '/t/n/': Symbolic link not followed\n" +
				"rmdir: failed to remove '/t/n': Not a directory\n" +
				"rmdir: failed to remove '/t/lf/': Not a directory\n" +
				"rmdir: failed to remove '/t/lp//': Symbolic link not followed\n" +
				"rmdir: failed to remove '/t/l/': Symbolic link not followed\n", exit: 1},
	})
}
