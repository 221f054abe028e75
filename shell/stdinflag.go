// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// A shell reading its script from standard input (sh -s, or no script
// named) has s among its options: $- shows it (bash after B and c, dash
// between x and n). dash's set takes -s and +s, bash's refuses s as it
// refuses any letter it does not know ("set: -q: invalid option" and
// its usage, status 2, nothing set); dash ends with "Illegal option -q".
// The interpreter knows no s, so set's letters are checked here, and
// dash's s is the shell's own, which $- reads from stdinFlagVar. (dash
// given both -s and -c reads standard input after the -c commands, with
// line numbers from 1 again: not modelled.)

const stdinFlagVar = "LINUXVFS_SFLAG"

// setLetters are the option letters of set the interpreter takes;
// dashSetLetters and bashSetLetters those each shell knows besides,
// which the interpreter refuses: set takes them, to no effect.
const (
	setLetters     = "aefnuxo"
	dashSetLetters = "bimpvCEIV"
	bashSetLetters = "bhkmptvBCEHPT"
)

// setCall checks set's option words (until the first operand, "--" or
// "-"): it returns what to run instead when one has a letter the shell
// refuses, or has dash's s (which it takes itself), nil when set may run
// as it is.
func (s *shell) setCall(hc interp.HandlerContext, args []string) []string {
	if instead := s.setListCall(args); instead != nil {
		return instead // setlist.go
	}
	out := []string{args[0]}
	changed := false
	for i := 1; i < len(args); i++ {
		word := args[i]
		if word == "--" || word == "-" || len(word) < 2 || word[0] != '-' && word[0] != '+' {
			out = append(out, args[i:]...)
			break
		}
		others := bashSetLetters
		if s.dialect == Dash {
			others = dashSetLetters
		}
		kept := word[:1]
		for _, l := range word[1:] {
			switch {
			case strings.ContainsRune(setLetters, l):
				kept += string(l)
			case l == 's' && s.dialect == Dash:
				s.stdinFlag.Store(word[0] == '-')
				changed = true
			case strings.ContainsRune(others, l):
				changed = true
			default:
				return s.badSetOption(hc, word[0], l)
			}
		}
		if len(kept) > 1 {
			out = append(out, kept)
		}
		if strings.ContainsRune(word, 'o') && i+1 < len(args) {
			i++ // -o NAME
			out = append(out, args[i])
		}
	}
	if instead := noclobberCall(args); instead != nil {
		return instead // valid words, which set runs again without C
	}
	switch {
	case !changed:
		return nil
	case len(out) == 1:
		return []string{statusCmd, "0"} // a bare set would list the variables
	}
	return out
}

// badSetOption is set's failure on the letter l after sign.
func (s *shell) badSetOption(hc interp.HandlerContext, sign byte, l rune) []string {
	prefix := s.linePrefix(hc.Pos.Line()) + "set: "
	if s.dialect == Dash {
		// An error of a special builtin: the shell ends.
		return []string{"exec", statusCmd, "2", prefix + "Illegal option -" + string(l)}
	}
	return []string{statusCmd, "2", prefix + string(sign) + string(l) + ": invalid option\n" +
		"set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]"}
}

// stdinFlagPart is dash's s in $-: the value of stdinFlagVar.
func stdinFlagPart(pos syntax.Pos) syntax.WordPart {
	return &syntax.ParamExp{Dollar: pos, Param: roLit(pos, stdinFlagVar)}
}

// stdinFlagValue is stdinFlagVar's value.
func (s *shell) stdinFlagValue() string {
	if s.stdinFlag.Load() {
		return "s"
	}
	return ""
}
