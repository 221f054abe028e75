// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestRewriteExecLevels: the commands bash may exec in place of a
// process get the mark of their kind; builtins, functions and commands
// with more to run after them do not.
func TestRewriteExecLevels(t *testing.T) {
	for _, tc := range []struct {
		src         string
		commandLine bool
		want        string // the marked commands' names and kinds
	}{
		{"env; true", true, ""},
		{"true; env", true, "env:t"},
		{"true; env", false, ""},
		{"f() { env; }; f", true, ""},
		{"(a; b 2>x) && c", false, "b:t"},
		{"x=$(a 2>&1) y=$(b) c &", false, "c:n b:n"},
		{"exec a; echo", false, "a:x"},
		{"true && ! env", true, ""},
	} {
		file, err := syntax.NewParser().Parse(strings.NewReader(tc.src), "")
		if err != nil {
			t.Fatal(err)
		}
		s := &shell{commandLine: tc.commandLine}
		s.rewriteExecLevels(file)
		var got []string
		syntax.Walk(file, func(n syntax.Node) bool {
			if c, ok := n.(*syntax.CallExpr); ok && len(c.Assigns) > 0 && c.Assigns[0].Name.Value == execsVar {
				name := c.Args[0].Lit()
				if name == "exec" {
					name = c.Args[1].Lit()
				}
				got = append(got, name+":"+c.Assigns[0].Value.Lit())
			}
			return true
		})
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: marked %q, want %q", tc.src, strings.Join(got, " "), tc.want)
		}
	}
}
