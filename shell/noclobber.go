// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// set -C (set -o noclobber) makes `>` refuse to truncate an existing
// regular file; `>|` still does, `>>` and `<>` never truncate, and a
// device, FIFO or other non-regular file is opened as before (without
// truncating), since the shells open with O_EXCL only a missing name.
// The interpreter knows no such option, so it lives in noclobberVar of
// the (sub)shell that set it, as the umask does (umask.go): `(set -C)`
// leaves the parent's redirections alone. The open handler reads it from
// the caller's environment; $- shows it as C.

const noclobberVar = "LINUXVFS_NOCLOBBER"

// noclobber reports whether set -C is in effect in env.
func noclobber(env expand.Environ) bool {
	return env != nil && env.Get(noclobberVar).String() == "C"
}

// clobberFlags adjusts the flags of a truncating open of name under
// noclobber: EEXIST for an existing regular file (or a link to one),
// O_EXCL for a missing name, no O_TRUNC for anything else.
func clobberFlags(t *vfs.Task, name string, flags uint32) (uint32, error) {
	st, err := t.Fstatat(applet.AtCWD, name, 0)
	switch {
	case err != nil:
		return flags | linux.O_CREAT | linux.O_EXCL, nil
	case st.Mode&linux.S_IFMT == linux.S_IFREG:
		return 0, linux.EEXIST
	}
	return flags &^ linux.O_TRUNC, nil
}

// noclobberSet takes the noclobber option out of set's words: -C, +C
// among the letters and -o/+o noclobber. It returns the words left (nil
// if none named it) and the option's new state.
func noclobberSet(args []string) (rest []string, on, changed bool) {
	rest = []string{args[0]}
	for i := 1; i < len(args); i++ {
		word := args[i]
		if word == "--" || word == "-" || len(word) < 2 || word[0] != '-' && word[0] != '+' {
			rest = append(rest, args[i:]...)
			break
		}
		kept := word[:1]
		named := strings.ContainsRune(word, 'o') && i+1 < len(args) && args[i+1] == "noclobber"
		for _, l := range word[1:] {
			switch {
			case l == 'C', l == 'o' && named:
				on, changed = word[0] == '-', true
			default:
				kept += string(l)
			}
		}
		if len(kept) > 1 {
			rest = append(rest, kept)
		}
		if named {
			i++
		} else if strings.ContainsRune(word, 'o') && i+1 < len(args) {
			i++
			rest = append(rest, args[i])
		}
	}
	if !changed {
		return nil, false, false
	}
	return rest, on, true
}

// noclobberCall runs set with noclobber taken out, through eval (the
// only way a handler assigns a variable): an assignment of noclobberVar,
// then set with the other words if any. nil if set does not name it.
// setCall checked the words first, so the second set does not fail and
// the status of the quiet command after it (getoptsQuiet) is right.
func noclobberCall(args []string) []string {
	rest, on, ok := noclobberSet(args)
	if !ok {
		return nil
	}
	src := noclobberVar + "=-" // not empty: the trace of X= is two writes
	if on {
		src = noclobberVar + "=C"
	}
	// set -x showed set as called: what runs in its place shows nothing.
	script := []string{src}
	if len(rest) == 1 {
		return []string{"eval", strings.Join(getoptsQuiet(script), "\n")}
	}
	words := make([]string, len(rest))
	for i, w := range rest {
		q, err := syntax.Quote(w, syntax.LangBash)
		if err != nil {
			return nil
		}
		words[i] = q
	}
	script = getoptsQuiet(append(script, strings.Join(words, " ")))
	return []string{"eval", strings.Join(script, "\n")}
}

// noclobberPart is C in $- when noclobber is on: noclobberVar holds C
// or "-", and ${noclobberVar//[!C]/} drops the latter.
func noclobberPart(pos syntax.Pos) syntax.WordPart {
	lit := func(v string) *syntax.Lit { return &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: v} }
	return &syntax.ParamExp{Dollar: pos, Param: lit(noclobberVar),
		Repl: &syntax.Replace{All: true, Orig: &syntax.Word{Parts: []syntax.WordPart{lit("[!C]")}}, With: emptyWord(pos)}}
}

// noclobberOptions takes noclobber out of the options a shell was
// started with (sh -C, sh -o noclobber), for the interpreter that does
// not know it: the environment entry that sets it instead, if any.
func noclobberOptions(options []string) (rest, env []string) {
	if len(options) == 0 {
		return options, nil
	}
	words, on, changed := noclobberSet(append([]string{"set"}, options...))
	if !changed {
		return options, nil
	}
	if !on {
		return words[1:], nil
	}
	return words[1:], []string{noclobberVar + "=C"}
}
