// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/interp"
)

// Script files as programs. linuxvfs runs no binaries, but a file of the
// virtual system holding a shell script is a program it can run: execve
// would start the "#!" line's interpreter (sh, bash, ash, dash, busybox
// sh), and a shell runs a file with no "#!" line itself when execve says
// ENOEXEC. So a command that names such a file, by path or through PATH,
// runs in a child sh as a real system would run it.

// execInPlace marks the command of `exec CMD`: the call handler rewrites
// it so that the exec handler runs CMD on the shell's own task, as execve
// replaces the process rather than forking one (`exec switch_root ...` in
// an initramfs's /init keeps pid 1).
const execInPlace = internal + "exec"

// execsFile reports whether `exec name` runs a program file or a script
// file, which exec runs in place; builtins and functions are the
// interpreter's.
func (s *shell) execsFile(hc interp.HandlerContext, name string) bool {
	if strings.HasPrefix(name, internal) || interp.IsBuiltin(name) {
		return false
	}
	_, err := s.findCommand(s.procOf(hc), hc, []string{name})
	return err == nil
}

// execFinds is nil when `exec name` has nothing to run: no builtin,
// function, program file or script of that name.
func (s *shell) execFinds(hc interp.HandlerContext, name string) any {
	switch {
	case strings.HasPrefix(name, internal) || interp.IsBuiltin(name):
		return name
	case s.runner != nil && s.runner.Funcs[name] != nil:
		return s.runner.Funcs[name]
	case s.execsFile(hc, name):
		return name
	}
	return nil
}

// runInPlace runs args[0] on p's own task: its descriptors 0 to 2 become
// the call's streams and it execs the program.
func (s *shell) runInPlace(ctx context.Context, hc interp.HandlerContext, args []string) error {
	p := s.procOf(hc)
	f, ok := s.programOf(p, hc, args)
	if sig := p.sig.killedBy(); !ok && sig != 0 {
		return interp.ExitStatus(uint8(128 + sig))
	}
	if !ok {
		fmt.Fprintf(hc.Stderr, "%sexec: %s: not found\n", s.linePrefix(hc.Pos.Line()), args[0])
		return interp.ExitStatus(127)
	}
	s.awaitJobs(p)
	t := p.task
	err := s.attachIn(t, 0, hc.Stdin)
	if err == nil {
		err = s.attachOut(p, t, 1, hc.Stdout, nil)
	}
	if err == nil {
		err = s.attachOut(p, t, 2, hc.Stderr, hc.Stdout)
	}
	if err != nil {
		fmt.Fprintf(hc.Stderr, "%sexec: %s: %s\n", s.linePrefix(hc.Pos.Line()), args[0], applet.ErrText(err))
		return interp.ExitStatus(126)
	}
	return exitError(s.execOn(ctx, hc, p, f))
}

// runJobInPlace runs a job's last command, a program, on the job's own
// task, as a shell's child execs it (see jobs.go); what is not found or
// cannot be redirected is reported as for a forked program.
func (s *shell) runJobInPlace(ctx context.Context, hc interp.HandlerContext, args []string) error {
	p := s.procOf(hc)
	f, err := s.findCommand(p, hc, args)
	if err != nil {
		// It was found when the job started; a kill since then fails
		// the lookup's reads, and a killed job says nothing.
		return s.reportNotRun(ctx, hc, args[0], f, err)
	}
	s.awaitJobs(p)
	err = s.attachStd(p, p.task, hc)
	s.jobUnderWay(p)
	if err != nil {
		var re *redirError
		if errors.As(err, &re) {
			fmt.Fprintf(&applet.File{Task: p.task, Fd: 2}, "%s%s\n", s.linePrefix(uint(re.d.line)), re.Error())
		}
		return interp.ExitStatus(1)
	}
	// The program outlives its shell, as a background child does: only a
	// signal to it ends it. A shell gone meanwhile runs no JOBEND, so
	// the job's task ends here.
	code := s.execOn(context.WithoutCancel(ctx), hc, p, f)
	if ctx.Err() != nil {
		s.procs.end(func(q *proc) bool { return q.endsWith(p) })
	}
	return exitError(code)
}

// programOf finds what args[0] runs: a program of the set, or a script
// file run by sh; false for neither.
func (s *shell) programOf(p *proc, hc interp.HandlerContext, args []string) (found, bool) {
	f, err := s.findCommand(p, hc, args)
	return f, err == nil && f.prog != nil
}

// execOn execs f on p's task, whose descriptors are in place, and runs
// it until it returns or a fatal signal ends it (128+signal).
func (s *shell) execOn(ctx context.Context, hc interp.HandlerContext, p *proc, f found) int {
	t := p.task
	env := s.programEnvFor(hc, f.file)
	if file, kargv := f.kernelArgs(); !f.forked {
		t.Execve(file, kargv, env)
	}
	ctx, stop := p.sig.context(ctx)
	defer stop()
	in, out, errw := &applet.File{Task: t, Fd: 0}, &applet.File{Task: t, Fd: 1}, &applet.File{Task: t, Fd: 2}
	code := applet.New(ctx, s.set, t, f.argv[0], f.argv[1:], env, in, out, errw).Run(f.prog)
	if sig := p.sig.killedBy(); sig != 0 {
		return 128 + sig
	}
	return code
}

// exitError is a command's status as the exec handler returns it.
func exitError(code int) error {
	if code != 0 {
		return interp.ExitStatus(uint8(code))
	}
	return nil
}
