// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// Traps. The interpreter's own trap knows EXIT and ERR only; signals are
// the shell's: a trapped signal sent to a (sub)shell's task is caught
// (vfs.Task.SetSignalHandled, so that even init, the top-level shell,
// receives it) and kept pending on its sigTarget, and the action runs
// before the next command the (sub)shell runs, as a shell runs it when
// the command in progress ends. After kill, which may have signalled the
// shell itself, the pending actions run at once.

const (
	// trapsCmd runs the pending actions and keeps the status it is given.
	trapsCmd = internal + "traps"
	// trapErr is the key of the ERR action among the signals.
	trapErr = -1
)

// trapState is a (sub)shell's traps, on its sigTarget.
type trapState struct {
	actions map[int]string // signal (0 EXIT, trapErr ERR) -> action; "" ignores
	pending []int
	// entry are the signals ignored when the shell started, which a
	// non-interactive shell may not trap or reset.
	entry uint64
	// shown are a bash subshell's parent's traps, which its listing
	// shows until it sets a trap of its own.
	shown map[int]string
}

// inheritTraps gives a subshell's traps from its parent's (inherited).
func (s *shell) inheritTraps(child, parent *sigTarget) {
	if child == nil || parent == nil {
		return
	}
	view := parent.snapshot().inherited(s.dialect)
	child.mu.Lock()
	defer child.mu.Unlock()
	for signo := range view.actions {
		if child.traps.actions == nil {
			child.traps.actions = map[int]string{}
		}
		child.traps.actions[signo] = ""
	}
	child.traps.shown = view.shown
}

// inherited are the traps a subshell of a shell with traps ts starts
// with: a signal ignored stays ignored (and listed), and bash lists all
// the parent's traps until the subshell changes one.
func (ts trapState) inherited(dialect Personality) trapState {
	var out trapState
	for signo, action := range ts.actions {
		if action == "" && signo > 0 {
			if out.actions == nil {
				out.actions = map[int]string{}
			}
			out.actions[signo] = ""
		}
	}
	if dialect != Dash {
		source := ts.actions
		if ts.shown != nil {
			source = ts.shown
		}
		out.shown = maps.Clone(source)
	}
	out.entry = ts.entry
	return out
}

// snapshot is a copy of tg's traps.
func (tg *sigTarget) snapshot() trapState {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return trapState{actions: maps.Clone(tg.traps.actions), shown: maps.Clone(tg.traps.shown), entry: tg.traps.entry}
}

// set records action for signo ("-" resets it), unless the signal was
// ignored when the shell started; it reports whether it did.
func (ts *trapState) set(signo int, action string) bool {
	if signo > 0 && ts.entry&sigBit(signo) != 0 {
		return false
	}
	if ts.actions == nil {
		ts.actions = map[int]string{}
	}
	ts.shown = nil
	if action == "-" {
		delete(ts.actions, signo)
	} else {
		ts.actions[signo] = action
	}
	return true
}

// caught queues signo for its trap, reporting whether there is one; a
// trap of "" ignores the signal.
func (tg *sigTarget) caught(signo int) bool {
	if signo == linux.SIGKILL || signo == linux.SIGSTOP {
		return false
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	action, ok := tg.traps.actions[signo]
	if ok && action != "" && !slices.Contains(tg.traps.pending, signo) {
		tg.traps.pending = append(tg.traps.pending, signo)
	}
	return ok
}

// trapped reports whether the (sub)shell has an action for signo.
func (tg *sigTarget) trapped(signo int) bool {
	if tg == nil {
		return false
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.traps.actions[signo] != ""
}

// takePending returns the actions of the signals that arrived, in order.
func (tg *sigTarget) takePending() []string {
	if tg == nil {
		return nil
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	var out []string
	for _, signo := range tg.traps.pending {
		if a := tg.traps.actions[signo]; a != "" {
			out = append(out, a)
		}
	}
	tg.traps.pending = nil
	return out
}

// setTrap records action for signo ("-" resets it) and tells the task
// whether it catches the signal.
func (tg *sigTarget) setTrap(signo int, action string) {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	if !tg.traps.set(signo, action) || signo <= 0 {
		return
	}
	tg.ignored &^= sigBit(signo)
	if action == "" {
		tg.ignored |= sigBit(signo)
	}
	tg.task.SetSignalHandled(signo, action != "" && action != "-")
}

// trapList is `trap`'s listing of ts: EXIT, the signals in order, then
// ERR.
func (s *shell) trapList(ts trapState, only []int) string {
	actions := ts.actions
	if ts.shown != nil {
		actions = ts.shown
	}
	keys := make([]int, 0, len(actions))
	for k := range actions {
		if only == nil || slices.Contains(only, k) {
			keys = append(keys, k)
		}
	}
	order := func(k int) int {
		if k == trapErr {
			return linux.NSIG + 1
		}
		return k
	}
	slices.SortFunc(keys, func(a, b int) int { return order(a) - order(b) })
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "trap -- %s %s\n", s.listQuote(actions[k]), s.trapName(k))
	}
	return b.String()
}

// trapName names a trap's condition as the listing does.
func (s *shell) trapName(signo int) string {
	switch {
	case signo == 0:
		return "EXIT"
	case signo == trapErr:
		return "ERR"
	case signo >= len(signalNames) || signalNames[signo] == "":
		return strconv.Itoa(signo)
	case s.dialect == Dash:
		return signalNames[signo]
	}
	return "SIG" + signalNames[signo]
}

// listQuote quotes an action as the listing shows it: dash puts runs of
// single quotes in double quotes, bash writes each as '\”.
func (s *shell) listQuote(action string) string {
	if s.dialect != Dash || action == "" {
		return singleQuote(action)
	}
	var b strings.Builder
	for action != "" {
		n := strings.IndexByte(action, '\'')
		switch {
		case n < 0:
			n = len(action)
			fallthrough
		case n > 0:
			b.WriteString("'" + action[:n] + "'")
		default:
			n = len(action) - len(strings.TrimLeft(action, "'"))
			b.WriteString(`"` + action[:n] + `"`)
		}
		action = action[n:]
	}
	return b.String()
}

// commandText is argv as a command line, each word that is not plain
// quoted (as bash shows a command it reports on).
func commandText(argv []string) string {
	words := make([]string, len(argv))
	for i, a := range argv {
		words[i] = a
		if a == "" || strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.,:=+-@%") != "" {
			words[i] = singleQuote(a)
		}
	}
	return strings.Join(words, " ")
}

// singleQuote quotes s for the shell to read back.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// trapSpec reads a trap condition: dash takes signal names without SIG,
// bash with or without, and ERR.
func (s *shell) trapSpec(spec string) (int, bool) {
	upper := strings.ToUpper(spec)
	switch {
	case s.dialect != Dash && upper == "ERR":
		return trapErr, true
	case s.dialect == Dash && strings.HasPrefix(upper, "SIG"):
		return 0, false
	}
	return parseSignal(spec)
}

// trapCall is the trap builtin, from the call handler: it sets the
// signals' actions itself and hands EXIT and ERR to the interpreter's
// trap in a canonical form ("trap -- ACTION EXIT"), which it lets pass.
func (s *shell) trapCall(hc interp.HandlerContext, args []string) []string {
	if len(args) == 4 && args[1] == "--" && (args[3] == "EXIT" || args[3] == "ERR") {
		return s.gateExit(args)
	}
	tg := s.procOf(hc).sig
	view, inSubst := s.substTrapView(hc, tg)
	ops := args[1:]
	if len(ops) > 0 && ops[0] == "--" {
		ops = ops[1:]
	} else if len(ops) > 0 && len(ops[0]) > 1 && ops[0][0] == '-' {
		return s.trapOption(hc, view, ops)
	}
	if len(ops) == 0 {
		return []string{"printf", "%s", s.trapList(view, nil)}
	}
	action := "-"
	if len(ops) > 1 && !isDigits(ops[0]) {
		action, ops = ops[0], ops[1:]
	}
	var script []string
	status := 0
	for _, spec := range ops {
		signo, ok := s.trapSpec(spec)
		if !ok {
			status = 1
			if s.dialect == Dash {
				script = append(script, statusLine(1, "trap: "+spec+": bad trap"))
				break // dash stops at the first
			}
			script = append(script, statusLine(1, s.linePrefix(hc.Pos.Line())+"trap: "+spec+": invalid signal specification"))
			continue
		}
		if inSubst {
			view.set(signo, action)
		} else {
			tg.setTrap(signo, action)
		}
		if signo <= 0 {
			script = append(script, "trap -- "+singleQuote(action)+" "+s.trapName(signo))
		}
	}
	if inSubst {
		script = append([]string{substTrapsVar + "=" + s.substTraps.keep(view)}, script...)
	}
	script = append(script, statusLine(status, ""))
	return []string{"eval", strings.Join(script, "\n")}
}

// trapOption is trap -l and trap -p (bash's; dash has neither).
func (s *shell) trapOption(hc interp.HandlerContext, view trapState, ops []string) []string {
	if s.dialect == Dash {
		// An error of a special builtin: the shell ends.
		return []string{"exec", internal + "status", "2", s.linePrefix(hc.Pos.Line()) + "trap: Illegal option " + ops[0][:2]}
	}
	switch ops[0] {
	case "-l":
		return []string{internal + "kill", "-l"}
	case "-p":
		var only []int
		for _, spec := range ops[1:] {
			if signo, ok := s.trapSpec(spec); ok {
				only = append(only, signo)
			}
		}
		if len(ops) == 1 {
			only = nil
		}
		return []string{"printf", "%s", s.trapList(view, only)}
	}
	return []string{internal + "status", "2", s.linePrefix(hc.Pos.Line()) + "trap: " + ops[0][:2] +
		": invalid option\ntrap: usage: trap [-lp] [[arg] signal_spec ...]"}
}

// statusLine is a command giving status code after printing msg (if any).
func statusLine(code int, msg string) string {
	line := singleQuote(internal+"status") + " " + strconv.Itoa(code)
	if msg != "" {
		line += " " + singleQuote(msg)
	}
	return line
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// runTraps puts the actions of the signals the (sub)shell received
// before the command args; nil when none arrived.
func (s *shell) runTraps(hc interp.HandlerContext, args []string) []string {
	if strings.HasPrefix(args[0], internal) && args[0] != trapsCmd {
		return nil // the shell's own machinery runs undisturbed
	}
	actions := s.procOf(hc).sig.takePending()
	if args[0] == trapsCmd {
		// After kill: the actions, then kill's status again.
		return []string{"eval", strings.Join(append(actions, statusLine(atoiOr(args[1:], 0), "")), "\n")}
	}
	if actions == nil {
		return nil
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = singleQuote(a)
	}
	return []string{"eval", strings.Join(append(actions, strings.Join(quoted, " ")), "\n")}
}

// atoiOr is the number in args[0], or def.
func atoiOr(args []string, def int) int {
	if len(args) > 0 {
		if n, err := strconv.Atoi(args[0]); err == nil {
			return n
		}
	}
	return def
}

// rewriteKillTraps makes every kill command run the traps of what it
// sent the shell itself right after it, as a shell does when kill
// signals it: `kill ARGS` becomes `{ kill ARGS; TRAPS $?; }`.
func rewriteKillTraps(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok || st.Background || st.Coprocess {
			return true
		}
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 || call.Args[0].Lit() != "kill" {
			return true
		}
		pos := call.Pos()
		word := func(parts ...syntax.WordPart) *syntax.Word { return &syntax.Word{Parts: parts} }
		traps := &syntax.CallExpr{Args: []*syntax.Word{
			word(&syntax.SglQuoted{Left: pos, Right: pos, Value: trapsCmd}),
			word(&syntax.ParamExp{Dollar: pos, Short: true, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "?"}}),
		}}
		st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{
			{Position: pos, Cmd: call}, {Position: pos, Cmd: traps},
		}}
		return false
	})
}

// childEnded queues SIGCHLD for a CHLD trap of the (sub)shell p, whose
// child (a program, a subshell, a job) ended: the kernel sends the
// shell's task none for those, which the shell runs on clones or itself.
func (s *shell) childEnded(p *proc) {
	if p != nil {
		p.sig.caught(linux.SIGCHLD)
	}
}
