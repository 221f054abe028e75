// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"strings"
)

// argmatch is gnulib's argmatch for an option's keyword: an exact word,
// or an abbreviation of words that all mean the same. On failure it prints
// the diagnostic with the valid words and the "Try" line.
func (c *cmd) argmatch(opt, arg string, words [][]string) (int, bool) {
	return c.argmatchIn(opt, arg, words, matchWord)
}

// argmatchExact is argmatch without abbreviations (XARGMATCH_EXACT).
func (c *cmd) argmatchExact(opt, arg string, words [][]string) (int, bool) {
	return c.argmatchIn(opt, arg, words, func(arg string, words [][]string) (int, string) {
		for k, group := range words {
			for _, w := range group {
				if w == arg {
					return k, matchOK
				}
			}
		}
		return -1, matchInvalid
	})
}

func (c *cmd) argmatchIn(opt, arg string, words [][]string, match func(string, [][]string) (int, string)) (int, bool) {
	k, res := match(arg, words)
	if res == matchOK {
		return k, true
	}
	c.Errorf("%s argument %s for %s", res, c.QuoteArg(arg), c.QuoteArg(opt))
	var b strings.Builder
	b.WriteString("Valid arguments are:")
	for _, group := range words {
		b.WriteString("\n  - " + c.QuoteArg(group[0]))
		for _, w := range group[1:] {
			b.WriteString(", " + c.QuoteArg(w))
		}
	}
	fmt.Fprintln(c.Errw, b.String())
	c.TryHelp()
	return 0, false
}

// Results of matchWord, worded as the diagnostics word them.
const (
	matchOK        = ""
	matchInvalid   = "invalid"
	matchAmbiguous = "ambiguous"
)

// matchWord finds arg among groups of words: an exact word, or a prefix of
// words of one group only.
func matchWord(arg string, words [][]string) (int, string) {
	match, res := -1, matchInvalid
	for k, group := range words {
		for _, w := range group {
			switch {
			case w == arg:
				return k, matchOK
			case !strings.HasPrefix(w, arg):
			case match == -1:
				match, res = k, matchOK
			case match != k:
				res = matchAmbiguous
			}
		}
	}
	return match, res
}
