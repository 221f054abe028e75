// SPDX-License-Identifier: Apache-2.0

package shell

import "strings"

// scanFlags reads the leading option words of a builtin whose options are
// letters without arguments (cd, umask, jobs, wait, disown), as bash's
// internal_getopt meets them: "-xy" is -x then -y, "--" ends the options,
// and "-" alone or a word without a leading '-' is the first operand.
// Each letter of known goes to set in command-line order. It returns the
// operands, or the first unknown letter (bad) where the scan stopped;
// the caller then reports it with its own usage.
func scanFlags(args []string, known string, set func(rune)) (rest []string, bad rune) {
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		if args[0] == "--" {
			return args[1:], 0
		}
		for _, o := range args[0][1:] {
			if !strings.ContainsRune(known, o) {
				return nil, o
			}
			set(o)
		}
		args = args[1:]
	}
	return args, 0
}
