// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"mvdan.cc/sh/v3/syntax"
)

// TestEvalTextsReadBack rewrites every differential scenario as an
// eval's text for dash: what the rewritings make of it must print as a
// program the interpreter reads back as the same, with each command on
// the line it had (the messages' line numbers).
func TestEvalTextsReadBack(t *testing.T) {
	files, _ := filepath.Glob("../testdata/diff/*/*.sh")
	if len(files) < 100 {
		t.Fatalf("found %d scenarios", len(files))
	}
	init := testkernel.Init(t, testkernel.New(t), "/bin")
	defer release(init)
	tried := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if _, err := syntax.NewParser().Parse(strings.NewReader(src), ""); err != nil {
			continue // a scenario of syntax errors
		}
		if strings.Contains(src, "< <(") {
			// The printer puts a space between a redirection's marker
			// and a process substitution: the interpreter's eval runs
			// such a text as it is.
			continue
		}
		tried++
		// Only dash's texts are rewritten (eval.go), here as after a
		// program that used readonly (more rewritten).
		s, err := newShell(Config{Task: init, Stdout: io.Discard, Stderr: io.Discard, Personality: Dash})
		if err != nil {
			t.Fatal(err)
		}
		s.roSeen = true
		s.unitState = unitState{unit: "eval", nested: true}
		file, fixed, _, err := s.parseProgram(src)
		if err != nil {
			t.Fatal(err)
		}
		s.rewriteProgram(file, fixed)
		text, ok := printUnit(file)
		if !ok {
			t.Errorf("%s: the rewritten text does not read back", f)
			continue
		}
		if got, want := userCallLines(t, text), userCalls(file); !slices.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: command %d moved to other lines (%v, want %v)",
				f, i, got[i:min(i+3, len(got))], want[i:min(i+3, len(want))])
		}
	}
	if tried < 100 {
		t.Fatalf("only %d scenarios parse", tried)
	}
}

// userCallLines are the lines of the user's commands in text as the
// interpreter parses it.
func userCallLines(t *testing.T, text string) []uint {
	file, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err != nil {
		t.Fatal(err)
	}
	return userCalls(file)
}

// userCalls are the lines of the simple commands under n that the
// shell's messages may name (not its own internal ones, whose reports
// name no line, nor the copies of the jobs' commands in their texts).
func userCalls(n syntax.Node) []uint {
	var lines []uint
	syntax.Walk(n, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if ok && len(call.Args) > 0 && !strings.HasPrefix(call.Args[0].Lit(), internal) {
			lines = append(lines, call.Pos().Line())
		}
		return true
	})
	return lines
}
