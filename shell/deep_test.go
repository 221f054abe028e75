// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"strings"
	"testing"
)

// TestDeepTrees covers trees deeper than PATH_MAX beyond what the
// differential scenario 088-deep-tree can afford in bash's time: a walk
// deeper than RLIMIT_NOFILE (find and rm keep at most a few descriptors
// open) and cd with one-letter names past depth 2045, where the absolute
// name stops fitting in PATH_MAX (bash goes on; checked with
// LINUXVFS_REFERENCE, which takes minutes there).
func TestDeepTrees(t *testing.T) {
	deep := strings.Repeat("d/", 1100)
	runCases(t, []scriptCase{
		{
			name: "walk-deeper-than-nofile",
			script: "mkdir -p /t/" + deep + "; cd /t; touch " + strings.Repeat("d/", 300) + "f\n" +
				"find d | wc -l; find d -name f | wc -c; du d | wc -l; chmod -R 700 d; echo chmod $?\n" +
				"chown -R 5 d; echo chown $?; rm -r d; echo rm $?; ls\n",
			stdout: "1101\n602\n1100\nchmod 0\nchown 0\nrm 0\n",
		},
		{
			name: "cd-one-letter-past-2045",
			script: "mkdir /u; cd /u; mkdir -p " + strings.Repeat("a/", 2040) + "; cd " + strings.Repeat("a/", 2040) + "; i=2040\n" +
				"while [ $i -lt 2060 ]; do mkdir a || break; cd a || break; i=$((i+1)); done\n" +
				"echo depth $i; pwd | wc -c; pwd -P | wc -c; cd ..; pwd | wc -c; cd /; rm -r /u; echo rm $?\n",
			stdout: "depth 2060\n4123\n4123\n4121\nrm 0\n",
		},
	})
}
