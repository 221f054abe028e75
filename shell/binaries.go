// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// Commands are files. A command word without a slash is looked for along
// PATH in the virtual system, as execvp does (applet.LookPath); one with
// a slash names its file. The file found decides what runs: a shell
// script runs as the script it is; the program file of a set's program
// (applet.Set.Install) runs that program; other machine code, as in a
// real image, runs linuxvfs's program of its base name (/bin/busybox
// busybox, which then reads its applet's name from its arguments), and a
// link to busybox runs busybox's applet of that name. A name no file
// answers to is not found, even when the set has a program of that
// name: a chroot without /usr/bin has no ls.

// found is what a command word runs: prog with argv. exec and kargv are
// what the kernel sees when they differ from argv: the path execve was
// given (a script's, whose base name the comm is) and its argument list
// (a script's interpreter ahead of it).
type found struct {
	prog  applet.Func
	argv  []string
	file  string // the file found
	exec  string
	kargv []string
	// forked is a file of text bash runs itself: in a fork of the shell
	// that execs nothing, so the process keeps the shell's comm and
	// cmdline.
	forked bool
}

// kernelArgs is the file name and argument list the process's execve
// shows in /proc: exec and kargv, else argv.
func (f found) kernelArgs() (string, []string) {
	if f.kargv != nil {
		return f.exec, f.kargv
	}
	return f.argv[0], f.argv
}

// findCommand finds what args runs in (sub)shell p. The error is
// execve's: ENOENT or ENOTDIR for nothing found, EACCES, ENOEXEC for a
// file linuxvfs cannot run, an interpreter's error for a script; file
// is then the path the error is about.
func (s *shell) findCommand(p *proc, hc interp.HandlerContext, args []string) (found, error) {
	t := p.task
	file, err := s.hashedCommand(p, hc, args[0])
	if errors.Is(err, linux.ENOENT) && s.set.Implicit() && !strings.Contains(args[0], "/") {
		if prog := s.set.Lookup(args[0]); prog != nil {
			return found{prog: prog, argv: args}, nil
		}
	}
	if err != nil {
		return found{file: file}, err
	}
	return s.fileCommand(t, file, args)
}

// fileCommand is what the shell runs for args when args[0] names file:
// what execve starts (following a script's "#!" interpreters), and for
// a file of text the shell's own way: bash runs it itself, dash hands it
// to /bin/sh, which must be there.
func (s *shell) fileCommand(t *vfs.Task, file string, args []string) (found, error) {
	img, err := s.set.Exec(t, file, args)
	if applet.TextScript(err) {
		if s.dialect == Bash {
			return found{prog: bashApplet, argv: append([]string{"bash", file}, args[1:]...), file: file, forked: true}, nil
		}
		img, err = s.set.ExecText(t, file, args)
	}
	if err != nil {
		return found{file: file}, err
	}
	name, argv := s.set.ProgramArgs(t, img)
	if prog := s.set.Lookup(name); prog != nil {
		return found{prog: prog, argv: argv, file: file, exec: img.File, kargv: img.Argv}, nil
	}
	// A builtin's program file (/usr/bin/echo): a child shell runs the
	// builtin, given the whole command as its arguments.
	argv = append([]string{name, name}, argv[1:]...)
	return found{prog: runInChildShell, argv: argv, file: file, exec: img.File, kargv: img.Argv}, nil
}

// hashedCommand is commandFile through p's table of remembered programs
// (hash.go): a remembered file is taken as it is by bash, and by dash
// while it is still an executable file; what a search finds is added,
// outside command substitutions (and bash's pipeline parts).
func (s *shell) hashedCommand(p *proc, hc interp.HandlerContext, name string) (string, error) {
	if strings.Contains(name, "/") || strings.HasPrefix(name, internal) {
		return s.commandFile(p.task, hc, name)
	}
	path := pathKey(hc.Env)
	scoped := hc.Env.Get(noHashVar).IsSet()
	h := p.hashTable()
	if file, ok := h.lookup(name, path, !scoped); ok {
		if s.dialect == Bash || applet.ExecutableFile(p.task, file) == nil {
			return file, nil
		}
	}
	file, err := s.commandFile(p.task, hc, name)
	if err == nil && !scoped && strings.Contains(file, "/") {
		h.add(name, file, path, 1)
	}
	return file, err
}

// commandFile is the file a command word names: itself with a slash, else
// the first executable file of that name along PATH. bash with PATH unset
// or empty takes the name as a path in the working directory.
func (s *shell) commandFile(t *vfs.Task, hc interp.HandlerContext, name string) (string, error) {
	name = strings.TrimPrefix(name, internal)
	if strings.Contains(name, "/") {
		return name, nil
	}
	path := hc.Env.Get("PATH")
	look := applet.LookPath
	if s.dialect == Bash {
		if path.String() == "" {
			// The word is a path in the working directory.
			return name, applet.ExecutableFile(t, name)
		}
		look = applet.LookPathFiles
	}
	file, err := look(t, name, path.String())
	if err == nil && s.dialect == Bash && !strings.Contains(file, "/") {
		file = "./" + file // bash names what an empty PATH element found so
	}
	return file, err
}

// reportNotRun prints why a command word could not run and gives the
// status: "not found" for a name PATH has no file for, else execve's
// error about the file (bash names the file, dash the word).
//
// A shell killed while it looked for the command (kill of a job, whose
// reads then fail with EINTR) says nothing: execve's error would never
// reach a process that dies of the signal.
func (s *shell) reportNotRun(ctx context.Context, hc interp.HandlerContext, name string, f found, err error) error {
	if sig := s.procOf(hc).sig.killedBy(); sig != 0 {
		return interp.ExitStatus(uint8(128 + sig))
	}
	if !s.openRedirsFirst(hc) {
		return interp.ExitStatus(uint8(s.redirStatus()))
	}
	if !strings.Contains(name, "/") && f.file == "" && errors.Is(err, linux.ENOENT) {
		return s.notFound(ctx, hc, name)
	}
	shown := name
	if s.dialect == Bash && f.file != "" {
		shown = f.file
	}
	msg, code := s.runFailure(s.procOf(hc).task, shown, err, hc.Pos.Line())
	if s.dialect == Dash && !strings.Contains(name, "/") {
		code = 127 // dash: denied, as execve said, but found nothing
	}
	fmt.Fprintln(hc.Stderr, msg)
	return interp.ExitStatus(code)
}

// viaShellPath rewrites a command given as a path to the program file of
// a shell builtin (/bin/echo, /usr/bin/[) into the builtin's name: the
// shell's builtin stands for the program. The call handler does it,
// before the interpreter looks for builtins; other programs are found by
// the exec handler (findCommand).
func (s *shell) viaShellPath(hc interp.HandlerContext, args []string) []string {
	i := 0
	if args[0] == "exec" && len(args) > 1 {
		i = 1
	}
	if !strings.Contains(args[i], "/") {
		return args
	}
	p := s.procOf(hc)
	name, err := s.set.FindCommand(p.task, p.taskName(args[i]))
	if err != nil || strings.Contains(name, "/") || s.set.Lookup(name) != nil || !s.set.Known(name) {
		return args
	}
	out := append([]string(nil), args...)
	out[i] = name
	return out
}
