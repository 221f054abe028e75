// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// internal marks a command name the call handler rewrote so that the exec
// handler runs linuxvfs's version of a builtin the interpreter would
// otherwise run against the host (umask, pwd -P) or with lexically cleaned
// paths (test). It is a control character no command name has (not NUL,
// which expansion deletes, and prepare's rewrites go through expansion).
const internal = "\x01"

// overridden are the interpreter builtins replaced by applets: umask and
// pwd -P would act on the host process, type would search the host's
// PATH, test would clean paths lexically, and printf lacks parts of
// bash's (precision for %s, invalid number diagnostics); the interpreter's
// wait, jobs and kill deal in its goroutines, not the kernel's processes,
// and it lacks disown, fg, bg, suspend and ulimit.
var overridden = map[string]bool{"hash": true, "echo": true, "umask": true, "pwd": true, "test": true, "[": true, "type": true, "printf": true,
	"wait": true, "jobs": true, "kill": true, "disown": true, "fg": true, "bg": true, "suspend": true,
	"ulimit": true}

// sync brings the task's working directory and umask in line with the
// interpreter's (sub)shell making the call: the interpreter runs subshells
// as copies of its state within one task, so what a subshell changed must
// not stay with the task when its parent goes on.
func (s *shell) sync(hc interp.HandlerContext) *proc {
	p := s.procOf(hc)
	p.syncDir(hc.Dir)
	s.syncUmask(p, hc.Env)
	s.syncRlimits(p, hc.Env)
	return p
}

// syncDir moves the task's working directory to the interpreter's dir if
// the interpreter changed it since the last call (cd, a subshell's cd, or
// returning from one). Doing nothing otherwise keeps the task in a working
// directory that was removed, as a real shell process stays in it.
func (p *proc) syncDir(dir string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if dir == "" || dir == p.dir {
		return
	}
	if chdirAbs(p.task, dir) == nil {
		p.dir = dir
	}
	// A vanished directory leaves the task where it was; p.dir keeps
	// naming the task's directory, which taskName relies on.
}

// chdirAbs is chdir to an absolute directory of any length: in one step
// when the name fits in PATH_MAX, else from the root in pieces that do
// (and back where it was if a piece fails).
func chdirAbs(t *vfs.Task, dir string) error {
	if len(dir) < linux.PATH_MAX {
		return t.Chdir(dir)
	}
	back, err := t.OpenatFrom(applet.AtCWD, ".", linux.O_PATH|linux.O_DIRECTORY|linux.O_CLOEXEC, 0, shellFdFloor(t))
	if err != nil {
		return err
	}
	defer t.Close(back)
	rest := dir
	for rest != "" {
		piece := rest
		if len(piece) >= linux.PATH_MAX {
			cut := strings.LastIndexByte(piece[:linux.PATH_MAX-1], '/')
			if cut <= 0 {
				err = linux.ENAMETOOLONG
				break
			}
			piece = piece[:cut]
		}
		if err = t.Chdir(piece); err != nil {
			break
		}
		rest = strings.TrimLeft(rest[len(piece):], "/")
	}
	if err != nil {
		t.Fchdir(back)
	}
	return err
}

// taskName is the name a system call should get for a path the
// interpreter made absolute: when that is too long for the kernel but lies
// below the shell's directory, the same file relative to the task's
// working directory (a real shell passes such names on as typed).
func (p *proc) taskName(name string) string {
	if len(name) < linux.PATH_MAX {
		return name
	}
	p.mu.Lock()
	dir := p.dir
	p.mu.Unlock()
	if name == dir {
		return "."
	}
	if rest, ok := strings.CutPrefix(name, strings.TrimSuffix(dir, "/")+"/"); ok {
		return rest
	}
	return name
}

// open is the interpreter's OpenHandler: redirections and `.` open files in
// the task. New files get mode 0666 less the task's umask, as from a shell.
// The target carries prepare's marker: the line for the diagnostic, and
// for <> and <&N how to open. The *os.PathError makes the interpreter
// print "sh: line N: NAME: strerror" and set status 1, as bash does.
func (s *shell) open(ctx context.Context, name string, flag int, _ os.FileMode) (io.ReadWriteCloser, error) {
	s.ins.sweep()
	if f, ok := s.dotText(name); ok {
		return f, nil
	}
	hc := interp.HandlerCtx(ctx)
	p := s.sync(hc)
	redirect := strings.HasPrefix(name, markerStart)
	line, kind, name := unmark(name)
	if isProcSubstFifo(hc, name) {
		// < <(cmd): the interpreter's own FIFO on the host, which its
		// open would have taken itself but for the marker.
		return os.OpenFile(name, flag, 0)
	}
	name = p.taskName(name)
	if k, ok := strings.CutPrefix(kind, markDeferred); ok {
		flags := linuxOpenFlags(flag)
		if k == markRW {
			flags = linux.O_RDWR | linux.O_CREAT
		}
		d := newDeferred(p, name, line, flags)
		d.unit = s.unitOf(hc)
		d.dup = k == markDupFd || k == markDupErr
		// dash reports no failed dup onto its standard error: it
		// moved that away first.
		d.quiet = k == markDupErr && s.dialect == Dash
		d.noclobber = k != markClobber && !d.dup && noclobber(hc.Env)
		if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
			return s.standInDeferred(d)
		}
		return &deferredOut{d}, nil
	}
	// A redirection's file is the shell's own descriptor until a command
	// gets it as 0, 1 or 2: close-on-exec, as a shell's saved ones are.
	var f *applet.File
	var err error
	flags := linuxOpenFlags(flag)
	switch kind {
	case markDupFd, markDupErr:
		f, err = p.openDupFd(name)
		if err != nil {
			return nil, &os.PathError{Op: strings.TrimSuffix(s.unitLinePrefix(uint(line), s.unitOf(hc)), " "), Path: name, Err: err}
		}
	case markRW:
		flags = linux.O_RDWR | linux.O_CREAT
		fallthrough
	default:
		open := flags
		if kind != markClobber && noclobber(hc.Env) && flags&linux.O_TRUNC != 0 {
			open, err = clobberFlags(p.task, name, flags)
		}
		if err == nil {
			f, err = openShellFile(p.task, name, open, 0o666)
		}
	}
	if err != nil {
		return nil, s.redirPathError(line, s.unitOf(hc), name, flags, err)
	}
	if redirect && flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		// Input: the interpreter would copy any reader but a host file
		// into a pipe at once.
		return s.standIn(f)
	}
	return f, nil
}

// linuxOpenFlags converts the host's os.O_* bits the interpreter passes to
// Linux's numbering, which differs on other systems.
func linuxOpenFlags(flag int) uint32 {
	var f uint32
	switch flag & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_WRONLY:
		f = linux.O_WRONLY
	case os.O_RDWR:
		f = linux.O_RDWR
	}
	for _, p := range []struct {
		os    int
		linux uint32
	}{{os.O_CREATE, linux.O_CREAT}, {os.O_TRUNC, linux.O_TRUNC}, {os.O_APPEND, linux.O_APPEND}, {os.O_EXCL, linux.O_EXCL}} {
		if flag&p.os != 0 {
			f |= p.linux
		}
	}
	return f
}

// stat is the interpreter's StatHandler (cd's checks, [[ -e ]] and the
// like); name is absolute.
func (s *shell) stat(ctx context.Context, name string, follow bool) (fs.FileInfo, error) {
	flags := 0
	if !follow {
		flags = linux.AT_SYMLINK_NOFOLLOW
	}
	p := s.procOf(interp.HandlerCtx(ctx))
	st, err := p.task.Fstatat(applet.AtCWD, p.taskName(name), flags)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return &fileInfo{name: path.Base(name), st: st}, nil
}

// readDir is the interpreter's ReadDirHandler2, used for globbing.
func (s *shell) readDir(ctx context.Context, name string) ([]fs.DirEntry, error) {
	p := s.procOf(interp.HandlerCtx(ctx))
	name = p.taskName(name)
	ents, err := applet.ReadDirents(p.task, name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	out := make([]fs.DirEntry, len(ents))
	for i, e := range ents {
		out[i] = &dirEntry{t: p.task, dir: name, d: e}
	}
	return out, nil
}

// access is the interpreter's AccessHandler: faccessat on the task, so
// root passes read and write checks and needs an x bit to execute.
func (s *shell) access(ctx context.Context, name string, mode interp.AccessMode) error {
	p := s.procOf(interp.HandlerCtx(ctx))
	return p.task.Faccessat(applet.AtCWD, p.taskName(name), uint32(mode), 0)
}

// call is the interpreter's CallHandler. It takes over cd (the task's
// working directory must move with the interpreter's) and renames the
// builtins linuxvfs implements itself so that they reach the exec handler.
func (s *shell) call(ctx context.Context, args []string) ([]string, error) {
	out, err := s.callStep(ctx, args)
	hc := interp.HandlerCtx(ctx)
	if len(out) == 0 || strings.HasPrefix(args[0], internal) {
		return out, err
	}
	p := s.procOf(hc)
	if (p.background || hc.Env.Get(pipeSideVar).IsSet()) && !s.runsProgram(p, out) && !s.isFunc(p, out[0]) {
		// A builtin's redirections are open, its call made.
		s.jobUnderWay(p)
		s.pipeSidesOf(hc).builtinCalled()
	}
	return out, err
}

// callStep is call's work for one command.
func (s *shell) callStep(ctx context.Context, args []string) ([]string, error) {
	hc := interp.HandlerCtx(ctx)
	s.claimCallTrace(hc, args)
	if args[0] == xtraceCmd {
		return []string{internal + "status", "0"}, nil
	}
	if sig := s.procOf(hc).sig.killedBy(); sig != 0 && args[0] != reapCmd && args[0] != jobEndCmd {
		// A fatal signal killed the (sub)shell: it runs nothing more.
		return []string{"exit", strconv.Itoa(128 + sig)}, nil
	}
	if args[0] == jobExecCmd {
		return s.jobExec(ctx, args[1:])
	}
	s.noteLastArg(hc, args)
	if rewrittenEval(args) || rewrittenDot(args) {
		return args, nil
	}
	if s.pipesUsed.Load() {
		if args[0] == pipeRecCmd {
			return s.pipeRecord(args), nil
		}
		if !strings.HasPrefix(args[0], internal) {
			s.pipeStale()
		}
	}
	if instead := s.runTraps(hc, args); instead != nil {
		return instead, nil
	}
	s.substArgs(hc, args)
	unbound := s.unbound.Swap(false)
	s.ps4.note(hc.Env)
	s.ins.sweep()
	// /bin/echo runs as the builtin: its redirections are a builtin's.
	args = s.viaShellPath(interp.HandlerCtx(ctx), args)
	if instead := s.settleRedirs(hc, args); instead != nil {
		return instead, nil
	}
	s.feedBuiltin(interp.HandlerCtx(ctx), args)
	if instead := s.dashCall(ctx, hc, args); instead != nil {
		return instead, nil
	}
	if args[0] == "eval" && s.dialect == Dash {
		if instead := s.evalCall(hc, args); instead != nil {
			return instead, nil
		}
	}
	if msg, fatal := s.argError(args); msg != "" {
		status := []string{internal + "status", "2", s.linePrefix(hc.Pos.Line()) + msg}
		if fatal {
			// exec makes the status command end the (sub)shell.
			status = append([]string{"exec"}, status...)
		}
		return status, nil
	}
	if instead := s.readonlyArgs(hc.Env, hc.Pos.Line(), args); instead != nil {
		return instead, nil
	}
	switch {
	case args[0] == substStatusCmd || args[0] == "exit":
		s.aborted.Store(false) // the shell's own end, no check's
		if args[0] == substStatusCmd {
			s.childEnded(s.procOf(hc)) // a command substitution's end
		}
		return s.recordExit(args), nil
	case args[0] == "exec" && len(args) > 1 && s.execsFile(interp.HandlerCtx(ctx), args[1]):
		return append([]string{"exec", execInPlace}, args[1:]...), nil
	case args[0] == "exec" && len(args) > 1 && s.execFinds(hc, args[1]) == nil:
		msg, code := s.execFailure(s.procOf(hc).task, args[1], hc.Dir, hc.Pos.Line())
		return []string{"exec", internal + "status", strconv.Itoa(code), msg}, nil
	case args[0] == "cd":
		return s.cd(ctx, args[1:]), nil
	case args[0] == "umask":
		return s.umask(ctx, args), nil
	case args[0] == "ulimit":
		return s.ulimit(ctx, args), nil
	case args[0] == forkCmd:
		return s.fork(ctx), nil
	case args[0] == roForCmd || args[0] == roForEndCmd:
		return s.forRound(args), nil
	case args[0] == reapCmd:
		s.aborted.Store(false) // a subshell's check ended only the subshell
		return s.reap(args, unbound), nil
	case args[0] == "jobs" && len(args) > 1 && args[1] == "-x" && s.dialect != Dash:
		return s.jobsExec(ctx, args[2:])
	case args[0] == forkJobCmd:
		return s.forkJob(ctx, args), nil
	case args[0] == jobEndCmd:
		return s.jobEnd(args), nil

	case args[0] == "trap":
		return s.trapCall(hc, args), nil
	case args[0] == aliasFwdCmd:
		return args[1:], nil
	case args[0] == "alias" || args[0] == "unalias":
		return s.aliasCall(hc, args), nil
	case args[0] == "set" && len(args) > 1:
		if instead := s.setCall(hc, args); instead != nil {
			return instead, nil
		}
	case args[0] == "getopts" && slices.Contains(args, getoptsMark):
		return s.getoptsCall(hc, args), nil
	case args[0] == "printf" && len(args) > 2 && args[1] == "-v":
		return s.printfVar(ctx, args), nil
	case overridden[args[0]]:
		return append([]string{internal + args[0]}, args[1:]...), nil
	case args[0] == "command" && len(args) > 1 && (args[1] == "-v" || args[1] == "-V"):
		return append([]string{internal + "command"}, args[1:]...), nil
	case (args[0] == "command" || args[0] == "builtin") && len(args) > 1 &&
		(overridden[args[1]] || args[1] == "cd"):
		return s.callStep(ctx, args[1:])
	}
	return args, nil
}

// execMiddleware is the interpreter's exec handler: every command that is
// not a function or builtin runs as an applet; there is no host to exec.
func (s *shell) execMiddleware(interp.ExecHandlerFunc) interp.ExecHandlerFunc {
	return func(ctx context.Context, args []string) error {
		hc := interp.HandlerCtx(ctx)
		s.ins.sweep()
		s.sync(hc)
		name := args[0]
		if name == execInPlace && len(args) > 1 {
			return s.runInPlace(ctx, hc, args[1:])
		}
		if name == execJobCmd && len(args) > 1 {
			return s.runJobInPlace(ctx, hc, args[1:])
		}
		var code int
		if b, ok := strings.CutPrefix(name, internal); ok && builtins[b] != nil {
			c := &cmd{Cmd: s.newCmd(ctx, hc, b, args[1:]), sh: s, hc: hc}
			code = c.runBuiltin(builtins[b])
		} else if ok {
			return s.notFound(ctx, hc, b)
		} else {
			var err error
			if code, err = s.runFound(ctx, hc, args); err != nil {
				return err
			}
		}
		if code != 0 {
			return interp.ExitStatus(uint8(code))
		}
		return nil
	}
}

// runFound finds and runs a program for args (runProgram); a pipeline's
// part that forks nothing lets its neighbours go on.
func (s *shell) runFound(ctx context.Context, hc interp.HandlerContext, args []string) (int, error) {
	ps := s.pipeSidesOf(hc)
	ps.beforeFork() // a child reports a failed lookup, after its fork
	defer ps.builtinCalled()
	f, err := s.findCommand(s.procOf(hc), hc, args)
	if err != nil {
		return 0, s.reportNotRun(ctx, hc, args[0], f, err)
	}
	code, err := s.runProgram(withPipeSides(ctx, ps), hc, f)
	if err == nil {
		s.childEnded(s.procOf(hc))
	}
	return code, err
}

// runProgram runs a program of the set as a child process of the calling
// (sub)shell: a fork of its task with the call's streams on descriptors 0
// to 2 (spawn), which exits when the program returns.
func (s *shell) runProgram(ctx context.Context, hc interp.HandlerContext, f found) (int, error) {
	env := s.programEnvFor(hc, f.file)
	p := s.procOf(hc)
	name, args := f.argv[0], f.argv[1:]
	file, kargv := f.kernelArgs()
	if f.forked {
		kargv = nil
	}
	ps := pipeSidesFrom(ctx)
	s.awaitJobs(p)
	child, err := s.spawn(p, hc, file, kargv, env)
	s.jobUnderWay(p)
	ps.forked()
	var re *redirError
	if errors.As(err, &re) {
		return s.redirStatus(), nil // spawn reported it
	}
	if err != nil {
		fmt.Fprintf(hc.Stderr, "%s: fork: %s\n", s.name, applet.ErrText(err))
		return 0, interp.ExitStatus(254)
	}
	tg := watch(child, ignoredBy(p.task))
	ctx, stop := tg.context(ctx)
	in, out, errw := &applet.File{Task: child, Fd: 0}, &applet.File{Task: child, Fd: 1}, &applet.File{Task: child, Fd: 2}
	c := applet.New(ctx, s.set, child, name, args, env, in, out, errw)
	ran := make(chan int, 1)
	go func() {
		// The task is gone before the shell learns the status, as wait
		// returns only for an exited child.
		ran <- func() int {
			defer child.Exit()
			defer release(child)
			defer stop()
			return c.Run(f.prog)
		}()
	}()
	var code int
	select {
	case code = <-ran:
	case <-p.sig.deadCh():
		// The shell died waiting: the program runs on, orphaned.
		return 128 + p.sig.killedBy(), nil
	}
	if sig := p.sig.killedBy(); sig != 0 {
		// Killed with its program (kill of a pipeline job): a dead shell
		// reports nothing.
		return 128 + sig, nil
	}
	p.foregroundWaited()
	if sig := tg.killedBy(); sig != 0 {
		s.reportKilled(hc, pidSeenBy(child, p.task), sig, append([]string{name}, args...))
		return 128 + sig, nil
	}
	return code, nil
}

// reportKilled prints what bash prints when a signal killed a command it
// waited for: nothing for SIGINT and SIGPIPE, "Terminated" for SIGTERM
// or a signal the shell traps itself, else the process, the signal's
// description and the command as written; dash only the description.
// It goes to the shell's standard error, not to the command's own
// redirection.
func (s *shell) reportKilled(hc interp.HandlerContext, pid int32, sig int, argv []string) {
	w := hc.Stderr
	if s.deferredOf(w) != nil || w == nil {
		w = s.stderr
	}
	switch {
	case sig == linux.SIGINT, sig == linux.SIGPIPE:
	case sig == linux.SIGTERM, s.dialect == Dash, s.procOf(hc).sig.trapped(sig):
		fmt.Fprintln(w, signalDescription(sig))
	default:
		fmt.Fprintf(w, "%s%5d %-24s%s\n", s.linePrefix(hc.Pos.Line()), pid, signalDescription(sig), commandText(argv))
	}
}

// notFound reports a command that is neither builtin nor applet nor
// script ("sh: line 3: x: command not found").
func (s *shell) notFound(ctx context.Context, hc interp.HandlerContext, name string) error {
	if strings.Contains(name, "/") {
		return s.notExecutable(s.procOf(hc).task, hc, name)
	}
	fmt.Fprintf(hc.Stderr, "%s%s\n", s.unitLinePrefix(hc.Pos.Line(), s.unitOf(hc)), s.notFoundText(name))
	return interp.ExitStatus(127)
}

// notExecutable reports a command given by path that could not run:
// what execve said of it.
func (s *shell) notExecutable(t *vfs.Task, hc interp.HandlerContext, name string) error {
	msg, code := s.runFailure(t, name, s.execError(t, name), hc.Pos.Line())
	fmt.Fprintln(hc.Stderr, msg)
	return interp.ExitStatus(code)
}

// execError is why the shell could not run the file name, or nil.
func (s *shell) execError(t *vfs.Task, name string) error {
	_, err := s.fileCommand(t, name, []string{name})
	return err
}

// isProcSubstFifo reports whether name is a FIFO the interpreter made on
// the host for a process substitution: sh-interp-* in its temporary
// directory ($TMPDIR when absolute, else the host's).
func isProcSubstFifo(hc interp.HandlerContext, name string) bool {
	dir := os.TempDir()
	if hc.Env != nil {
		if t := hc.Env.Get("TMPDIR").String(); filepath.IsAbs(t) {
			dir = t
		}
	}
	return filepath.Dir(name) == filepath.Clean(dir) && strings.HasPrefix(filepath.Base(name), "sh-interp-")
}
