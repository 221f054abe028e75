// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// $- lists the options in effect. The interpreter gives its letters
// sorted ("aefnux"); bash adds h and B, which are on by default, in its
// own order (abefhkmnptuvxBCHP), c for -c and s for a script read from
// standard input; dash lists its letters in its own order (u a x s n f
// e, with C of noclobber.go after a). So each plain $- becomes pattern expansions of the
// interpreter's $- that pick its letters in the shell's order:
//
//	bash:  ${-%%[nux]*}h${-##*[aef]}B   (+ c, s)
//	dash:  ${-//[!u]/}${-//[!a]/}...    (s from stdinflag.go)

// flagsParts replaces each plain $- in parts (and the double quotes
// among them).
func (s *shell) flagsParts(parts []syntax.WordPart) []syntax.WordPart {
	var out []syntax.WordPart
	changed := false
	for _, part := range parts {
		switch p := part.(type) {
		case *syntax.DblQuoted:
			p.Parts = s.flagsParts(p.Parts)
		case *syntax.ParamExp:
			if plainForm(p) && p.Param.Value == "-" {
				out = append(out, s.flagsExpansion(p.Pos())...)
				changed = true
				continue
			}
		}
		out = append(out, part)
	}
	if !changed {
		return parts
	}
	return out
}

// flagsExpansion is $- in the shell's order.
func (s *shell) flagsExpansion(pos syntax.Pos) []syntax.WordPart {
	lit := func(v string) *syntax.Lit { return &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: v} }
	trim := func(op syntax.ParExpOperator, pattern string) *syntax.ParamExp {
		return &syntax.ParamExp{Dollar: pos, Param: lit("-"),
			Exp: &syntax.Expansion{Op: op, Word: &syntax.Word{Parts: []syntax.WordPart{lit(pattern)}}}}
	}
	if s.dialect == Dash {
		var parts []syntax.WordPart
		for _, letter := range "uaCxsnfe" {
			switch letter {
			case 's':
				parts = append(parts, stdinFlagPart(pos)) // the shell's own (stdinflag.go)
				continue
			case 'C':
				parts = append(parts, noclobberPart(pos)) // noclobber.go
				continue
			}
			parts = append(parts, &syntax.ParamExp{Dollar: pos, Param: lit("-"),
				Repl: &syntax.Replace{All: true, Orig: &syntax.Word{Parts: []syntax.WordPart{lit("[!" + string(letter) + "]")}},
					With: emptyWord(pos)}})
		}
		return parts
	}
	tail := ""
	if s.commandLine {
		tail += "c"
	}
	tail += s.stdinFlagValue()
	return []syntax.WordPart{trim(syntax.RemLargeSuffix, "[nux]*"), lit("h"), trim(syntax.RemLargePrefix, "*[aef]"), lit("B"),
		noclobberPart(pos), lit(tail)}
}
