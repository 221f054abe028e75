// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"io"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/pattern"
)

// duExcludes are du's --exclude and --exclude-from patterns: shell
// patterns (fnmatch without flags, so '*' also matches '/') tried on a
// file's whole path and on every tail of it that starts after a slash.
type duExcludes struct {
	patterns []duPattern
}

// duPattern is one pattern; re is nil when it is no valid pattern, and it
// then matches only itself.
type duPattern struct {
	text string
	re   *regexp.Regexp
}

// add takes one pattern.
func (x *duExcludes) add(p string) {
	dp := duPattern{text: p}
	if expr, err := pattern.Regexp(p, pattern.EntireString); err == nil {
		dp.re, _ = regexp.Compile("(?s)" + expr)
	}
	x.patterns = append(x.patterns, dp)
}

// addFile takes the patterns of a file (standard input for "-"), one a
// line; trailing white space is dropped and blank lines are skipped.
func (x *duExcludes) addFile(c *cmd, name string) error {
	in, err := c.openInput(name)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(in)
	in.Close()
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimRight(line, " \t\n\v\f\r"); line != "" {
			x.add(line)
		}
	}
	return err
}

// excludes reports whether a pattern matches path or one of its tails.
func (x *duExcludes) excludes(path string) bool {
	if len(x.patterns) == 0 {
		return false
	}
	if x.matches(path) {
		return true
	}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' && (i+1 == len(path) || path[i+1] != '/') && x.matches(path[i+1:]) {
			return true
		}
	}
	return false
}

func (x *duExcludes) matches(s string) bool {
	for _, p := range x.patterns {
		if p.re != nil && p.re.MatchString(s) || p.re == nil && p.text == s {
			return true
		}
	}
	return false
}
