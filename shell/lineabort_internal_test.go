// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestLineStarts: statements on one line (after ; & && or a compound
// command's end) share it; a newline, even after a here-document's body,
// starts one, a backslash-newline does not.
func TestLineStarts(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []int // the number of statements on each line
	}{
		{"a; b\nc\n", []int{2, 1}},
		{"a &\nb & c\n", []int{1, 2}},
		{"if x; then\n y\nfi; z\nw\n", []int{2, 1}},
		{"a; \\\nb\nc", []int{2, 1}},
		{"cat <<E; d\nbody\nE\ne\n", []int{2, 1}},
		{"a # note\n\n\nb", []int{1, 1}},
	} {
		file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(tc.src), "")
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		s := &shell{starts: lineStarts(file.Stmts, tc.src)}
		var got []int
		for _, line := range s.lines(file.Stmts) {
			got = append(got, len(line))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: lines of %v statements, want %v", tc.src, got, tc.want)
		}
	}
}

// TestNoteAbort: an expansion's check abandons the line, an
// assignment's too unless set -e is on; dash's empty word does not.
func TestNoteAbort(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{abortExpansion, true},
		{abortAssign + " hB", true},
		{abortAssign + " ehB", false},
		{"", false},
	} {
		var s shell
		s.noteAbort(tc.word)
		if got := s.aborted.Load(); got != tc.want {
			t.Errorf("noteAbort(%q): aborted %v, want %v", tc.word, got, tc.want)
		}
	}
}
