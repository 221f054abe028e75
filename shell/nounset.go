// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// set -u as bash reports it: "NAME: line N: VAR: unbound variable", and
// for bash -c an exit status of 127 (1 for a script file, standard input
// and subshells). The interpreter reports an unset variable by the name
// the expansion wrote, without a line, so prepare renames each plain $VAR
// to a marker naming the line and VAR:
//
//	$x  ->  $LINUXVFS_U3_x
//
// The shell's environment answers for every marker with a reference
// (declare -n) to VAR, which the interpreter follows to VAR's value,
// locals and loop variables included; with -u an unset VAR is reported
// under the marker's name, and the shell's standard error turns that
// message back into bash's words (unboundFilter).

const (
	unboundPrefix = "LINUXVFS_U"
	// A positional parameter's marker: bash names it "$1".
	unboundPositional = "LINUXVFS_P"
	// nullMark begins the line of a ${VAR:?} marker.
	nullMark = "C"
)

// rewriteNounset gives the plain parameter expansions under n their
// markers, and returns the markers' names.
func rewriteNounset(n syntax.Node, unit string) []string {
	seen := map[string]bool{}
	var markers []string
	syntax.Walk(n, func(n syntax.Node) bool {
		pe, ok := n.(*syntax.ParamExp)
		if !ok || pe.Param == nil {
			return true
		}
		name := pe.Param.Value
		switch {
		case isLastJob(pe) && plainForm(pe):
			name = lastJobVar // $! is a variable of the shell's (jobs.go)
		case !plainParam(pe):
			return true
		}
		line := strconv.Itoa(int(pe.Pos().Line())) + unit
		if pe.Exp != nil && pe.Exp.Op == syntax.ErrorUnsetOrNull {
			line = nullMark + line // the message names the colon form
		}
		marker := unboundPrefix + line + "_" + name
		if name[0] >= '0' && name[0] <= '9' {
			marker = unboundPositional + line + "_" + name
		}
		pe.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: marker}
		if !seen[marker] {
			seen[marker] = true
			markers = append(markers, marker)
		}
		return true
	})
	return markers
}

// plainParam reports whether pe is $NAME, ${NAME}, ${NAME?WORD} or
// ${NAME:?WORD} of a variable or a positional parameter (not a special
// one, and not one of linuxvfs's): the forms that report an unset one.
func plainParam(pe *syntax.ParamExp) bool {
	if pe.Param == nil || pe.Excl || pe.Length || pe.Width || pe.Index != nil || pe.Slice != nil ||
		pe.Repl != nil || pe.Names != 0 || pe.NestedParam != nil {
		return false
	}
	if pe.Exp != nil && pe.Exp.Op != syntax.ErrorUnset && pe.Exp.Op != syntax.ErrorUnsetOrNull {
		return false
	}
	name := pe.Param.Value
	switch {
	case name == "":
		return false
	case name[0] >= '0' && name[0] <= '9':
		return name != "0" && strings.Trim(name, "0123456789") == ""
	case internalVars[name] || strings.HasPrefix(name, "LINUXVFS_") || name == "PPID":
		// PPID is always set; rewritePids renames it.
		return false
	}
	return syntax.ValidName(name)
}

// plainForm reports whether pe is $NAME or ${NAME}, without operators.
func plainForm(pe *syntax.ParamExp) bool {
	return pe.Param != nil && !pe.Excl && !pe.Length && !pe.Width && pe.Index == nil && pe.Slice == nil &&
		pe.Repl == nil && pe.Names == 0 && pe.Exp == nil && pe.NestedParam == nil
}

// unboundMessage turns the interpreter's report of an unset marker
// ("LINUXVFS_U3_x: unbound variable\n") into the shell's own; ok is
// false for any other text.
func (s *shell) unboundMessage(p []byte) (msg []byte, ok bool) {
	rest, kind := p, ""
	switch {
	case bytes.HasPrefix(p, []byte(unboundPrefix)):
		rest, kind = p[len(unboundPrefix):], ""
	case bytes.HasPrefix(p, []byte(unboundPositional)):
		rest, kind = p[len(unboundPositional):], "$"
	default:
		return nil, false
	}
	marker, tail, ok := bytes.Cut(rest, []byte(": "))
	if !ok {
		return nil, false
	}
	line, name, ok := bytes.Cut(marker, []byte("_"))
	if !ok {
		return nil, false
	}
	if string(name) == lastJobVar {
		name = []byte("$!")
	}
	null := bytes.HasPrefix(line, []byte(nullMark))
	num, unit, _ := strings.Cut(strings.TrimPrefix(string(line), nullMark), unitMark)
	n, _ := strconv.Atoi(num)
	word := strings.TrimSuffix(string(tail), "\n")
	if word == "unbound variable" && !null {
		// set -u's report (a ${VAR?unbound variable} reads the same).
		return []byte(s.unitLinePrefix(uint(n), s.unitName(unit)) + s.unboundText(kind, string(name)) + "\n"), true
	}
	return []byte(s.unsetParamMessage(n, s.unitName(unit), string(name), word, null) + "\n"), true
}

// unboundFilter is the shell's standard error, on which it rewrites the
// interpreter's report of an unset marker.
type unboundFilter struct {
	w io.Writer
	s *shell
}

func (f unboundFilter) Write(p []byte) (int, error) {
	if f.s.dialect == Dash && dashSilent(p) {
		return len(p), nil
	}
	msg, drop, ok := f.s.readonlyMessage(p)
	if !ok {
		msg, ok = f.s.arithMessage(p)
	}
	if ok {
		if !drop {
			if _, err := f.w.Write(msg); err != nil {
				return 0, err
			}
		}
		return len(p), nil
	}
	msg, ok = f.s.unboundMessage(p)
	if !ok {
		return f.w.Write(p)
	}
	f.s.unbound.Store(true)
	if _, err := f.w.Write(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

// markerEnviron is the shell's environment with the markers' references,
// the status of the last command substitution (substatus.go) and PS4's
// default.
type markerEnviron struct {
	expand.Environ
	s *shell
}

// Each lists the environment, the markers and PS4's default too: a
// background subshell (a pipeline's part) starts with a copy of what Each
// lists, and consults nothing else.
func (e markerEnviron) Each(f func(name string, vr expand.Variable) bool) {
	ps4 := false
	for name, vr := range e.Environ.Each {
		ps4 = ps4 || name == "PS4"
		if name == "_" && e.s.dialect == Bash {
			continue // answered by Get, never copied (lastarg.go)
		}
		if !f(name, vr) {
			return
		}
	}
	e.s.markersMu.Lock()
	markers := e.s.markers
	e.s.markersMu.Unlock()
	for _, m := range markers {
		if target, ok := markedName(m); ok && !f(m, expand.Variable{Set: true, Kind: expand.NameRef, Str: target}) {
			return
		}
	}
	if !f(roCheckVar, expand.Variable{Set: true, Kind: expand.String}) {
		return
	}
	if !f(stdinFlagVar, expand.Variable{Set: true, Kind: expand.String, Str: e.s.stdinFlagValue()}) {
		return
	}
	for _, name := range bashVarNames {
		if vr, ok := e.s.bashVar(name); ok && !e.Environ.Get(name).Declared() && !f(name, vr) {
			return
		}
	}
	if !e.Environ.Get("PATH").Declared() && !f("PATH", e.s.pathDefault()) {
		return
	}
	if !ps4 {
		f("PS4", expand.Variable{Set: true, Kind: expand.String, Str: "+ "})
	}
}

// pathDefault is PATH for a shell started without one: both shells set
// it to their built-in search path, a variable they do not export.
func (s *shell) pathDefault() expand.Variable {
	return expand.Variable{Set: true, Kind: expand.String, Str: s.defaultPath()}
}

func (e markerEnviron) Get(name string) expand.Variable {
	if name == "_" {
		if vr, ok := e.s.lastArgVar(); ok {
			return vr
		}
	}
	if target, ok := markedName(name); ok {
		return expand.Variable{Set: true, Kind: expand.NameRef, Str: target}
	}
	if vr, ok := e.s.roLookup(name); ok {
		return vr
	}
	if vr, ok := e.s.arithLookup(name); ok {
		return vr
	}
	if vr, ok := e.s.pipeLookup(name); ok {
		return vr
	}
	if name == stdinFlagVar {
		return expand.Variable{Set: true, Kind: expand.String, Str: e.s.stdinFlagValue()}
	}
	if name == exitGateVar && e.s.exitGate.Load() {
		return expand.Variable{Set: true, Kind: expand.String, Str: "1"}
	}
	if name == substStatusVar {
		return expand.Variable{Set: true, Kind: expand.String, Str: strconv.Itoa(int(e.s.substStatus.Load()))}
	}
	v := e.Environ.Get(name)
	if !v.Declared() {
		if name == "PATH" {
			return e.s.pathDefault()
		}
		if vr, ok := e.s.bashVar(name); ok {
			return vr
		}
	}
	if name == noclobberVar && !v.Declared() {
		// Off until set -C: $- reads it under set -u too (noclobber.go).
		return expand.Variable{Set: true, Kind: expand.String, Str: "-"}
	}
	if name == "PS4" && !v.Declared() {
		// bash's default, a shell variable it does not export.
		return expand.Variable{Set: true, Kind: expand.String, Str: "+ "}
	}
	return v
}

// markedName is the variable a marker stands for.
func markedName(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, unboundPrefix)
	if !ok {
		if rest, ok = strings.CutPrefix(name, unboundPositional); !ok {
			return "", false
		}
	}
	_, target, ok := strings.Cut(rest, "_")
	return target, ok && target != ""
}
