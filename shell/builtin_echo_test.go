// SPDX-License-Identifier: Apache-2.0

package shell_test

import "testing"

func TestEchoBuiltin(t *testing.T) {
	runCases(t, []scriptCase{
		{name: "plain", script: `echo a  b "c  d"`, stdout: "a b c  d\n"},
		{name: "no newline", script: `echo -n x; echo y`, stdout: "xy\n"},
		{name: "escapes", script: `echo -e 'a\tb\x41\0101\\'`, stdout: "a\tbAA\\\n"},
		{name: "escapes off", script: `echo -E 'a\tb'`, stdout: "a\\tb\n"},
		{name: "stop at backslash c", script: `echo -e 'ab\cd' x; echo y`, stdout: "aby\n"},
		{name: "not an option", script: `echo -x -- y; echo -nz`, stdout: "-x -- y\n-nz\n"},
		{name: "write error", script: `echo x > /dev/full; echo $?`, stdout: "1\n",
			stderr: "sh: line 1: echo: write error: No space left on device\n", linuxvfsOnly: true},
	})
}
