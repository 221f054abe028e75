// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"strings"
)

// Invocation is a parsed sh command line: sh [-aefnpux] [-o NAME] [-c
// COMMANDS [NAME [ARG...]] | -s [ARG...] | FILE [ARG...]].
type Invocation struct {
	// Options are the set options in the form interp's set takes them
	// ("-e", "+x", "-o", "pipefail"), to apply before the script runs.
	Options []string
	// Command is -c: Operands[0] is the script, Operands[1] $0.
	Command bool
	// Stdin is -s: the script is standard input, Operands are $1...
	Stdin bool
	// Privileged is -p: a shell whose effective IDs are not its real
	// ones keeps them (see dropSetID).
	Privileged bool
	// Operands are what follows the options.
	Operands []string
}

// shellFlags are the single-letter options the interpreter honours, with
// their -o names.
var shellFlags = map[byte]string{
	'a': "allexport", 'e': "errexit", 'f': "noglob", 'n': "noexec", 'u': "nounset", 'x': "xtrace",
	'C': "noclobber", // the shell's own (noclobber.go)
}

// ParseInvocation reads sh's options: clusters of letters after '-' (set)
// or '+' (unset), -o/+o taking the next word as an option name, until the
// first operand, "--" or "-". The error is worded as bash words it.
func ParseInvocation(args []string) (Invocation, error) {
	var inv Invocation
	for len(args) > 0 {
		word := args[0]
		if word == "--" || word == "-" {
			args = args[1:]
			break
		}
		if len(word) < 2 || (word[0] != '-' && word[0] != '+') {
			break
		}
		if strings.HasPrefix(word, "--") {
			return inv, &invocationError{opt: word}
		}
		args = args[1:]
		var err error
		if args, err = inv.cluster(word, args); err != nil {
			return inv, err
		}
	}
	inv.Operands = args
	return inv, nil
}

// cluster takes one word of option letters; -o consumes the next word.
func (inv *Invocation) cluster(word string, rest []string) ([]string, error) {
	sign := word[:1]
	for i := 1; i < len(word); i++ {
		switch ch := word[i]; {
		case ch == 'c' && sign == "-":
			inv.Command = true
		case ch == 's' && sign == "-":
			inv.Stdin = true
		case ch == 'p':
			inv.Privileged = sign == "-"
		case ch == 'o':
			if len(rest) == 0 {
				return rest, fmt.Errorf("%so: option requires an argument", sign)
			}
			if !knownOptionName(rest[0]) {
				return rest, &invocationError{opt: rest[0], optName: true}
			}
			inv.Options = append(inv.Options, sign+"o", rest[0])
			rest = rest[1:]
		case shellFlags[ch] != "":
			inv.Options = append(inv.Options, sign+string(ch))
		default:
			return rest, &invocationError{opt: sign + string(ch)}
		}
	}
	return rest, nil
}

func knownOptionName(name string) bool {
	if name == "pipefail" {
		return true
	}
	for _, n := range shellFlags {
		if n == name {
			return true
		}
	}
	return false
}

// invocationUsage is printed after an invalid option, with status 2.
const invocationUsage = "Usage:\tsh [option] ...\n\tsh [option] script-file ...\n" +
	"Shell options:\n\t-c COMMANDS, -s, -p, -aefnux, -o NAME (allexport, errexit, noexec, noglob, nounset, pipefail, xtrace)\n"

// invocationError is an option sh does not have: a letter with its
// sign ("-Z", "+Z"), a long option ("--foo"), or a name -o does not
// know (optName).
type invocationError struct {
	opt     string
	optName bool
}

// Error is bash's wording.
func (e *invocationError) Error() string {
	if e.optName {
		return e.opt + ": invalid option name"
	}
	return e.opt + ": invalid option"
}

// UsageError reports a bad invocation as "NAME: MSG" and the usage.
func UsageError(name string, err error) string {
	return fmt.Sprintf("%s: %s\n%s", name, err, invocationUsage)
}

// invocationMessage is what a shell of personality pers called name
// prints for a bad command line. dash names the option it refused on a
// line of its own ("Illegal option -Z", the sign always '-'; a long
// option is "--"; an unknown -o name "-o NAME"); bash follows a bad
// letter with its usage, and reports an unknown -o name as set would,
// on "line 0" and without usage.
func invocationMessage(pers Personality, name string, err error) string {
	var ie *invocationError
	if !errors.As(err, &ie) {
		return UsageError(name, err)
	}
	switch {
	case pers == Dash && ie.optName:
		return fmt.Sprintf("%s: 0: Illegal option -o %s\n", name, ie.opt)
	case pers == Dash && strings.HasPrefix(ie.opt, "--"):
		return fmt.Sprintf("%s: 0: Illegal option --\n", name)
	case pers == Dash:
		return fmt.Sprintf("%s: 0: Illegal option -%s\n", name, ie.opt[1:])
	case ie.optName:
		return fmt.Sprintf("%s: line 0: %s: %s\n", name, name, ie)
	}
	return UsageError(name, err)
}
