// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// In bash a command substitution sets $? for the rest of the command's
// expansions: "echo $(exit 3) $?" prints 3. The interpreter keeps $? at
// the previous command's status there, so prepare rewrites such a
// command: each command substitution ends by recording its status
// (substStatusCmd, which then exits with it), and a $? after one reads
// the recorded status instead (substStatusVar, which the shell's
// environment answers). An exit inside the substitution records its
// status itself, as the recording statement is not reached then.

const (
	substStatusCmd = internal + "substatus"
	substStatusVar = "LINUXVFS_SUBST_STATUS"
)

// rewriteSubstStatus rewrites the commands under n in which a $?
// follows a command substitution.
func rewriteSubstStatus(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if call, ok := n.(*syntax.CallExpr); ok {
			var words []*syntax.Word
			for _, as := range call.Assigns {
				if as.Value != nil {
					words = append(words, as.Value)
				}
			}
			substStatusWords(append(words, call.Args...))
		}
		return true
	})
}

// substStatusWords walks the parts of words in expansion order.
func substStatusWords(words []*syntax.Word) {
	seen := false
	var walk func(parts []syntax.WordPart)
	walk = func(parts []syntax.WordPart) {
		for _, part := range parts {
			switch p := part.(type) {
			case *syntax.CmdSubst:
				recordSubstStatus(p)
				seen = true
			case *syntax.DblQuoted:
				walk(p.Parts)
			case *syntax.ParamExp:
				if seen && p.Param != nil && p.Param.Value == "?" && p.Exp == nil && p.Index == nil && !p.Length {
					// ${STATUS-$?}: a background subshell (a pipeline's
					// part) has only a copy of the environment, without the
					// shell's answer, and keeps the interpreter's $?.
					pos := p.Param.ValuePos
					p.Param = &syntax.Lit{ValuePos: pos, ValueEnd: p.Param.ValueEnd, Value: substStatusVar}
					p.Short = false
					p.Exp = &syntax.Expansion{Op: syntax.DefaultUnset, Word: &syntax.Word{Parts: []syntax.WordPart{
						&syntax.ParamExp{Dollar: pos, Short: true, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "?"}}}}}
				}
			}
		}
	}
	for _, w := range words {
		walk(w.Parts)
	}
}

// recordSubstStatus appends "substStatusCmd $?" to a command
// substitution.
func recordSubstStatus(cs *syntax.CmdSubst) {
	pos := cs.Pos()
	lit := func(s string) *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: s}}}
	}
	status := func() *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{Dollar: pos, Short: true,
			Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "?"}}}}
	}
	// A bare exit is "exit $?", written out so that its status is seen.
	syntax.Walk(cs, func(n syntax.Node) bool {
		if call, ok := n.(*syntax.CallExpr); ok && len(call.Args) == 1 && call.Args[0].Lit() == "exit" {
			call.Args = append(call.Args, status())
		}
		return true
	})
	cs.Stmts = append(cs.Stmts, &syntax.Stmt{Position: pos,
		Cmd: &syntax.CallExpr{Args: []*syntax.Word{lit(substStatusCmd), status()}}})
}

// recordExit notes the status a command substitution ends with: its
// recording statement's, or an exit's on the way. args are the call's;
// it returns what to run in their place.
func (s *shell) recordExit(args []string) []string {
	if len(args) < 2 {
		return args
	}
	if n, err := strconv.Atoi(args[1]); err == nil {
		s.substStatus.Store(int32(n & 0xff))
	}
	if args[0] == substStatusCmd {
		return []string{"exit", args[1]}
	}
	return args
}
