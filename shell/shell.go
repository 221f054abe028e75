// SPDX-License-Identifier: Apache-2.0

// Package shell is `linuxvfs sh`: a bash-compatible shell (mvdan.cc/sh/v3)
// whose every file access goes to a virtual kernel's Task instead of the
// host. It runs the programs of an applet.Set (coreutils, util-linux ...,
// assembled by package userland) and its own builtins.
//
// The interpreter's redirections, globbing and cd are routed through
// handlers that call the Task, and the task's working directory follows
// the interpreter's. Builtins that would touch the host or that differ
// from bash (umask, pwd -P, type, command -v, test, printf, echo) are
// replaced. Redirections the interpreter lacks (descriptors above 2, <>,
// >|) are rewritten before running; see prepare. Nothing touches the
// host's file system.
package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// Config says which task a shell runs as and where its standard streams go.
type Config struct {
	// Task is the process the shell runs as: its credentials, working
	// directory, umask and file table are the shell's.
	Task   *vfs.Task
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Name is $0 and the prefix of the shell's own messages; "sh" if empty.
	Name string
	// Args are the positional parameters $1, $2, ...
	Args []string
	// Options are set options to apply first ("-e", "-o", "pipefail"),
	// as Invocation.Options gives them.
	Options []string
	// CommandLine says the script came from -c: a fatal expansion error
	// (set -u) then ends the shell with 127, as bash -c does, not 1.
	CommandLine bool
	// FromStdin says the script is standard input (sh -s, or no script
	// named): $- holds s.
	FromStdin bool
	// Personality is whose messages and statuses the shell gives: Bash
	// (the zero value) or Dash, as PersonalityOf the program name says.
	Personality Personality
	// Env is the environment, as NAME=value strings; Env (the package
	// variable) when nil.
	Env []string
	// Set holds the programs the shell runs by name (coreutils,
	// util-linux ...); with none, only its builtins and sh itself.
	Set *applet.Set
}

// Env is the environment a script starts with: the one the differential
// tests' real-kernel side uses, so that scripts behave alike.
var Env = []string{
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"LC_ALL=C",
	"TZ=UTC",
	"HOME=/",
}

// shell is the state shared by the interpreter's handlers for one Run.
type shell struct {
	// commandLine says the program came from -c (bash names it so in
	// syntax errors).
	commandLine bool
	// lastArg is bash's $_ (lastarg.go).
	lastArg atomic.Pointer[string]
	name    string
	dialect Personality
	task    *vfs.Task
	// unbound is set when set -u stopped a shell or subshell, and cleared
	// when a command runs after that (nounset.go).
	unbound atomic.Bool
	// substStatus is the status the last command substitution ended
	// with, for a $? after it (substatus.go).
	substStatus atomic.Int32
	// markers are the names prepare gave plain $VAR expansions (nounset.go).
	markers   []string
	markersMu sync.Mutex
	// ps4 is the prefix of set -x's lines (trace.go).
	ps4 *tracePrefix
	// fdSaves are the descriptors kept around a command's redirections of
	// descriptors above 2 (cmdfds.go).
	fdSaves fdStacks
	set     *applet.Set
	// stdout and stderr are the interpreter's standard output and error,
	// which filter set -x's and set -u's lines (trace.go, nounset.go);
	// rawOut and rawErr are the same streams unfiltered, for the task's
	// descriptors, so that what child processes write (a child shell's
	// trace) passes untouched.
	stdout, rawOut io.Writer
	stderr, rawErr io.Writer

	// top is the process of the shell itself; procs holds the subshells'
	// forked tasks (subshell.go).
	top   *proc
	procs procTable
	// jobs are the background jobs started in this shell (jobs.go).
	jobs jobTable

	// firstUmask is the task's umask when the shell started: the mask of
	// every (sub)shell that has not run umask (see syncUmask).
	firstUmask uint32
	// rlim are the limits each (sub)shell scope set (ulimit.go).
	rlim rlimitScopes

	// runner is the top-level interpreter, whose functions type reports.
	runner *interp.Runner

	// ins are the stand-ins for task files the interpreter reads as
	// standard input, pipes the stream pipes of host pipes (streams.go).
	ins   inStreams
	pipes hostPipes

	// ro is where the last assignment of a program using readonly was
	// made (readonly.go).
	ro roSite
	// roSeen says a text the shell rewrote uses readonly.
	roSeen bool
	// pst are the pipelines' statuses, for PIPESTATUS (pipestatus.go),
	// which pipesUsed says the program reads.
	pst       pipeStatuses
	pipesUsed atomic.Bool
	// pipeParts pair the parts of pipelines by the pipes between them
	// (pipeorder.go).
	pipeParts pipeLinks
	// unitState is the state of the text being rewritten (eval.go);
	// units serializes the rewriting of texts while the shell runs
	// against the readers of the tables they add to.
	unitState
	units sync.RWMutex
	// dots are the rewritten texts of sourced files, for the open of
	// the interpreter's . (units).
	dots map[string]string
	// unitCache holds the latest texts rewriteUnit rewrote.
	unitCache map[string]unitText
	// unitNames are the units of texts that have nounset markers.
	unitNames []string
	// started is when the shell started, for $SECONDS.
	started time.Time
	// arithSites are the program's arithmetic expressions, arithCur the
	// one evaluated last (arith.go); arithChecked serves the rewriting.
	arithSites   []arithSite
	arithCur     atomic.Int64
	arithChecked map[*syntax.ArithmExp]bool
	arithBad     map[*syntax.ArithmExp]bool
	// arithLines are the lines reported for expressions not on their
	// command's (in a here-document).
	arithLines map[*syntax.ArithmExp]uint
	// inSub are the commands inside subshells (readonly.go).
	inSub map[syntax.Node]bool
	// roFors are the for loops of bash whose variable may be readonly.
	roFors map[*syntax.ForClause]bool
	// lineAborts says a check may abandon a top-level line of bash's,
	// which starts say where the program's lines begin; aborted is set
	// when a check did, and exitGate while the EXIT trap may run
	// (lineabort.go).
	// substTraps are the traps set in command substitutions
	// (substtraps.go).
	substTraps substTrapTable
	// lateSites are the arithmetic expansions put off to run time
	// (latearith.go).
	lateSites  []lateSite
	lineAborts bool
	starts     map[*syntax.Stmt]bool
	aborted    atomic.Bool
	exitGate   atomic.Bool
	// stdinFlag is the s option (stdinflag.go).
	stdinFlag atomic.Bool
	// abortFatal says the failure a check reports next ends bash rather
	// than abandoning the line (badsubst.go).
	abortFatal atomic.Bool
	// assigns are the calls' prefix assignments, for set -x
	// (trace_assigns.go).
	assigns traceAssigns
}

// Run parses script as a bash-compatible program and runs it on cfg.Task.
// It returns the script's exit status; err is non-nil only when the shell
// itself could not run (bad configuration, a handler failure, or ctx ended).
// Syntax errors are reported on cfg.Stderr with status 2, like sh -c.
func Run(ctx context.Context, cfg Config, script string) (exit int, err error) {
	s, err := newShell(cfg)
	if err != nil {
		return 2, err
	}
	defer release(cfg.Task)
	defer s.ps4.release() // a call trace held for a call never made
	file, fixed, warnings, err := s.parseProgram(script)
	if err != nil {
		if file = s.linesBefore(err, fixed); file == nil {
			s.syntaxError(err, fixed)
			return 2, nil
		}
	}
	s.warnHeredocs(file, warnings, script)
	script = fixed
	if s.dialect == Bash {
		s.starts = lineStarts(file.Stmts, fixed)
	}
	s.rewriteProgram(file, script)
	if cfg.Task.Comm() == "" {
		// A task no program ran on yet (a freshly booted init) runs the shell.
		env := cfg.Env
		if env == nil {
			env = Env
		}
		// Its program is the shell's file in /bin, where the system has one
		// (what /proc/<pid>/exe shows).
		file := s.name
		if !strings.Contains(file, "/") {
			file = "/bin/" + file
		}
		cfg.Task.Execve(file, append([]string{s.name}, cfg.Args...), env)
	}
	stdin, restore, err := s.setStdStreams(cfg)
	if err != nil {
		return 2, err
	}
	defer restore()
	defer s.ins.closeAll()
	cfg.Stdin = stdin
	r, err := s.newRunner(cfg)
	if err != nil {
		return 2, err
	}
	defer s.endClones()
	if !s.lineAborts {
		code, err := s.status(ctx, r.Run(ctx, file))
		if code == 1 && s.unbound.Load() {
			code = s.unboundStatus(cfg.CommandLine)
		}
		return code, err
	}
	code, err := s.runLines(ctx, r, file)
	unbound := s.unbound.Load()
	if err == nil {
		code, err = s.exitTrap(ctx, r, file.Name, code)
	}
	if code == 1 && unbound {
		code = s.unboundStatus(cfg.CommandLine)
	}
	return code, err
}

func newShell(cfg Config) (*shell, error) {
	if cfg.Task == nil {
		return nil, errors.New("shell: Config.Task is nil")
	}
	s := &shell{name: cfg.Name, dialect: cfg.Personality, task: cfg.Task, set: cfg.Set, firstUmask: cfg.Task.GetUmask(), rlim: newRlimitScopes(cfg.Task),
		commandLine: cfg.CommandLine}
	s.stdinFlag.Store(cfg.FromStdin)
	s.top = &proc{task: cfg.Task, sig: watch(cfg.Task, 0), hash: &cmdHash{}, aliases: &aliasSet{}}
	s.started = time.Now()
	if s.set == nil {
		s.set = applet.NewSet()
		Register(s.set)
	}
	if s.name == "" {
		s.name = "sh"
	}
	s.rawOut, s.rawErr = lockedWriters(cfg.Stdout, cfg.Stderr)
	s.stdout, s.stderr = s.rawOut, s.rawErr
	s.ps4 = newTracePrefix()
	s.ps4.assignLine = s.traceAssignLine
	s.stdout, s.stderr = traceFilter{s.stdout, s.ps4}, unboundFilter{traceFilter{s.stderr, s.ps4}, s}
	if d, err := cfg.Task.Getcwd(); err == nil {
		s.top.dir = d
	} else {
		s.top.dir = "/"
	}
	return s, nil
}

// newRunner builds an interpreter wired to the task.
func (s *shell) newRunner(cfg Config) (*interp.Runner, error) {
	env := cfg.Env
	if env == nil {
		env = Env
	}
	if cfg.Name != "" { // not runInChildShell's, which stands for no shell
		env = s.shellLevel(env)
	}
	env = append(append([]string(nil), env...), s.pidEnv()...)
	s.initLastArg(env)
	options, clobberEnv := noclobberOptions(cfg.Options)
	env = append(env, clobberEnv...)
	opts := []interp.RunnerOption{
		interp.Env(markerEnviron{expand.ListEnviron(env...), s}),
		virtualDir(s.top.dir),
		interp.StdIO(cfg.Stdin, s.stdout, s.stderr),
		interp.OpenHandler(s.open),
		interp.StatHandler(s.stat),
		interp.ReadDirHandler2(s.readDir),
		interp.AccessHandler(s.access),
		interp.CallHandler(s.call),
		interp.ExecHandlers(s.execMiddleware),
	}
	if len(cfg.Args) > 0 || len(options) > 0 {
		params := append(append(append([]string(nil), options...), "--"), cfg.Args...)
		opts = append(opts, interp.Params(params...))
	}
	if s.dialect == Dash {
		opts = append(opts, interp.BashOpts("-s", "expand_aliases")) // dash expands them in scripts too
	}
	r, err := interp.New(opts...)
	s.runner = r
	return r, err
}

// virtualDir sets the interpreter's directory. interp.Dir would stat it on
// the host, where a directory of the virtual system need not exist.
func virtualDir(dir string) interp.RunnerOption {
	return func(r *interp.Runner) error {
		r.Dir = dir
		return nil
	}
}

// exportedEnv is the environment a command started from hc gets: the
// exported variables, as execve would pass them. The interpreter's order
// changes from run to run, so its variables are sorted.
func exportedEnv(hc interp.HandlerContext) applet.EnvList {
	// Each can name a variable twice (a VAR=x prefix over the shell's
	// own VAR): Get gives the value in force.
	var env applet.EnvList
	seen := map[string]bool{}
	hc.Env.Each(func(name string, _ expand.Variable) bool {
		if seen[name] || internalVars[name] {
			return true
		}
		seen[name] = true
		if v := hc.Env.Get(name); (v.Exported || alwaysExported[name]) && v.IsSet() {
			env = append(env, name+"="+v.String())
		}
		return true
	})
	slices.Sort(env)
	return env
}

// alwaysExported are the variables dash and bash put in every program's
// environment once set: cd sets them exported (the interpreter's cd
// sets them plain).
var alwaysExported = map[string]bool{"PWD": true, "OLDPWD": true}

// status converts the interpreter's result into an exit status.
func (s *shell) status(ctx context.Context, err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var es interp.ExitStatus
	switch {
	case errors.As(err, &es) && ctx.Err() != nil:
		// The script stopped because ctx ended, whatever status the
		// command it stopped at had.
		return int(es), ctx.Err()
	case errors.As(err, &es):
		return int(es), nil
	case ctx.Err() != nil:
		return 1, ctx.Err()
	}
	fmt.Fprintf(s.stderr, "%s: %v\n", s.name, err)
	return 1, err
}

// linesBefore is the program a shell runs when src has a syntax error
// after some complete lines: a shell parses and runs a line at a time,
// so those lines run, and then the error ends the shell with status 2.
// It is nil when the error is on the first line.
func (s *shell) linesBefore(err error, src string) *syntax.File {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		return nil
	}
	var stmts []*syntax.Stmt
	for line, lerr := range syntax.NewParser(syntax.Variant(syntax.LangBash)).InteractiveSeq(strings.NewReader(src)) {
		if lerr != nil {
			break
		}
		stmts = append(stmts, line...)
	}
	if len(stmts) == 0 {
		return nil
	}
	end := &syntax.Stmt{Position: pe.Pos, Cmd: exitWithMessage(pe.Pos, 2, s.syntaxMessage(pe, src))}
	return &syntax.File{Name: s.name, Stmts: append(stmts, end)}
}

// syntaxError prints a parse error of the program src.
func (s *shell) syntaxError(err error, src string) {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		fmt.Fprintln(s.stderr, s.syntaxMessage(pe, src))
		return
	}
	fmt.Fprintf(s.stderr, "%s: %v\n", s.name, err)
}

// lockedWriters serializes writes: background jobs and pipelines write
// concurrently, and callers often pass non-thread-safe buffers. When both
// streams are the same writer they share one lock.
func lockedWriters(out, errw io.Writer) (io.Writer, io.Writer) {
	if out == nil {
		out = io.Discard
	}
	if errw == nil {
		errw = io.Discard
	}
	mu := &sync.Mutex{}
	lo := &lockedWriter{mu: mu, w: out}
	if errw == out {
		return lo, lo
	}
	return lo, &lockedWriter{mu: &sync.Mutex{}, w: errw}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// rewriteProgram passes a parsed program, whose text is script, through
// the rewritings that give the interpreter dash's or bash's behaviour: the
// shell's own program before it runs, and the text of an eval (eval.go).
func (s *shell) rewriteProgram(file *syntax.File, script string) {
	texts := jobTexts(file) // before anything is rewritten
	s.src = script
	s.inSub = nil            // the text's own subshells (markSubshells)
	s.noteTraceAssigns(file) // before the rewritings move calls
	s.rewriteBadSubst(file)  // before the rewritings add expansions
	// $PPID first: a nounset marker would stand for the interpreter's.
	rewritePids(file)
	s.rewriteDialect(file) // before the markers rename $LINENO
	s.rewriteHashScopes(file)
	markPipeSides(file)
	rewriteDeclLists(file)
	s.rewriteArith(file, script)
	s.rewritePipeStatus(file, script)
	s.rewriteReadonly(file, script)
	s.tagROSites(file)
	s.wrapCheckedSubsts(file)
	markSubstOut(file)
	if !s.noMarkers {
		s.addMarkers(rewriteNounset(file, s.unitTag()))
	}
	rewriteKillTraps(file)
	rewriteSubstTraps(file, script)
	s.rewriteExecLevels(file) // before substitutions get a last command
	rewriteSubstStatus(file)
	s.wrapCompoundRedirs(file)
	markDeclTraces(file)
	prepare(file, texts)
	s.untagFunctions(file)
}
