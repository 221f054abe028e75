// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What execve(2) starts. The kernel opens the file in the caller's root
// and looks at its first bytes: machine code runs; a "#!" line names an
// interpreter, which is opened the same way (in the same root, so a
// chroot without /bin/sh cannot run a "#!/bin/sh" script) and may itself
// be a script, up to a depth; anything else is ENOEXEC, after which
// execvp(3) and dash try "/bin/sh FILE" and bash runs the file itself.
// linuxvfs runs machine code as the program of the set it stands for.

// Image is what an execve succeeds in starting: the set's program Prog
// from the program file Path, with the argument list Argv the kernel
// builds (each interpreter's path and optional argument ahead of the
// file it runs). File is the path execve was given, a script's rather
// than its interpreter's: the task's comm is its base name.
type Image struct {
	Prog string
	Path string
	File string
	Argv []string
}

// maxInterpreters is how many "#!" files an execve goes through before
// ELOOP (a script may name a script as its interpreter, four deep).
const maxInterpreters = 5

// binprmBytes is how much of a file execve reads to decide its format.
const binprmBytes = 256

// errMachineCode is execve's ENOEXEC for machine code that linuxvfs has
// no program for: it cannot run it where a kernel might, and it is no
// script for a shell to run instead.
type errMachineCode struct{}

func (errMachineCode) Error() string        { return linux.ENOEXEC.Error() }
func (errMachineCode) Is(target error) bool { return target == linux.ENOEXEC }

// ErrMachineCode is the error Exec gives for machine code of no program.
var ErrMachineCode error = errMachineCode{}

// TextScript reports whether Exec's err is ENOEXEC for a file of text
// (no "#!" line that names an interpreter): the case where execvp(3)
// and shells run the file with a shell instead.
func TextScript(err error) bool {
	return errors.Is(err, linux.ENOEXEC) && !errors.Is(err, ErrMachineCode)
}

// Exec is execve(2) of path with argv on t, up to the point where the
// new program would start: it returns that program, or the error execve
// fails with (the lookup's; EACCES for what is not an executable
// regular file; ENOEXEC for no format; an interpreter's own error; ELOOP
// past maxInterpreters). With the set implicit (SetImplicit), a missing
// interpreter whose base name is a program of the set stands for it.
func (s *Set) Exec(t *vfs.Task, path string, argv []string) (Image, error) {
	return s.exec(t, path, argv, false)
}

// exec is Exec; shell says that path is the /bin/sh that execvp and
// dash fall back on, which an implicit set stands in for when it is
// missing, as for a missing interpreter.
func (s *Set) exec(t *vfs.Task, path string, argv []string, shell bool) (Image, error) {
	if len(argv) == 0 {
		argv = []string{path}
	}
	img, err := s.interpret(t, path, argv, shell)
	img.File = path
	return img, err
}

// interpret follows path's "#!" lines to the program that runs, the
// kernel's argument list growing with each interpreter.
func (s *Set) interpret(t *vfs.Task, path string, argv []string, shell bool) (Image, error) {
	for depth := 0; depth <= maxInterpreters; depth++ {
		head, err := readExecHead(t, path)
		if (depth > 0 || shell) && errors.Is(err, linux.ENOENT) {
			if base := baseName(path); s.implicit && s.Known(base) {
				return Image{Prog: base, Path: path, Argv: argv}, nil
			}
		}
		if err != nil {
			return Image{}, err
		}
		interp, arg, script := hashBang(head)
		switch {
		case !script:
			return s.machineImage(t, path, head, argv)
		case interp == "":
			return Image{}, linux.ENOEXEC
		}
		next := []string{interp}
		if arg != "" {
			next = append(next, arg)
		}
		argv = append(append(next, path), argv[1:]...)
		path = interp
	}
	return Image{}, linux.ELOOP
}

// ExecText is what execvp(3) and dash do when execve refused path as
// having no format (TextScript): execve "/bin/sh path args...", which
// needs a /bin/sh in t's root (or an implicit set).
func (s *Set) ExecText(t *vfs.Task, path string, argv []string) (Image, error) {
	sh := []string{"/bin/sh", path}
	if len(argv) > 0 {
		sh = append(sh, argv[1:]...)
	}
	return s.exec(t, "/bin/sh", sh, true)
}

// ExecFile is execvp(3)'s execve of a file it found: Exec, and for a file
// of text ExecText.
func (s *Set) ExecFile(t *vfs.Task, path string, argv []string) (Image, error) {
	img, err := s.Exec(t, path, argv)
	if TextScript(err) {
		return s.ExecText(t, path, argv)
	}
	return img, err
}

// machineImage is the image of a file that is no script: machine code
// (an ELF header, or any NUL byte) runs as the program it stands for
// (programOfHead), once the loader a dynamic program names opens in t's
// root (load_elf_binary's open_exec of PT_INTERP: its error is
// execve's); text is ENOEXEC. An implicit set needs no loader.
func (s *Set) machineImage(t *vfs.Task, path string, head []byte, argv []string) (Image, error) {
	if !bytes.HasPrefix(head, []byte("\x7fELF")) && bytes.IndexByte(head, 0) < 0 {
		return Image{}, linux.ENOEXEC
	}
	prog, ok := s.programOfHead(path, head)
	if !ok {
		return Image{}, ErrMachineCode
	}
	if loader := imageLoader(head); loader != "" && !s.implicit {
		if err := ExecutableFile(t, loader); err != nil {
			return Image{}, err
		}
	}
	return Image{Prog: prog, Path: path, Argv: argv}, nil
}

// readExecHead is the start of path as execve reads it, after checking
// that t may execute it (ExecutableFile).
func readExecHead(t *vfs.Task, path string) ([]byte, error) {
	if err := ExecutableFile(t, path); err != nil {
		return nil, err
	}
	return readHead(t, path)
}

// readHead reads as much of path as execve looks at, through a file no
// descriptor refers to: the shell looks before it forks, and a pipeline
// part running in its task must not find the file at a low number.
func readHead(t *vfs.Task, path string) ([]byte, error) {
	f, err := t.FilpOpen(AtCWD, path, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.DecRef()
	head := make([]byte, binprmBytes)
	n := 0
	for n < len(head) {
		m, err := f.KernelRead(head[n:], int64(n))
		if err != nil && err != io.EOF {
			return nil, err
		}
		if m == 0 {
			break
		}
		n += m
	}
	return head[:n], nil
}

// hashBang reads a "#!" line as the kernel does: the interpreter is the
// first word after "#!" (words end at a blank or NUL), the argument
// everything after it on the line, blanks around it trimmed, so at most
// one. script is false without "#!"; interp is "" when the line names no
// interpreter, or when the buffer ends inside its name (it may be cut).
func hashBang(head []byte) (interp, arg string, script bool) {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return "", "", false
	}
	line, _, full := bytes.Cut(head[2:], []byte("\n"))
	if !full && len(head) < binprmBytes-1 {
		full = true // a short file: the kernel's buffer has NULs after it
	} else if !full {
		line = head[2 : binprmBytes-1]
	}
	line = bytes.TrimLeft(line, " \t")
	end := bytes.IndexAny(line, " \t\x00")
	if end < 0 {
		if !full {
			return "", "", true // the name may go on past the buffer
		}
		end = len(line)
	}
	interp = string(line[:end])
	if end < len(line) && line[end] != 0 {
		rest := bytes.TrimRight(line[end:], " \t")
		rest = bytes.TrimLeft(rest, " \t")
		rest, _, _ = bytes.Cut(rest, []byte{0})
		arg = string(rest)
	}
	return interp, arg, true
}

// baseName is the last element of a path.
func baseName(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

// ProgramArgs is how linuxvfs runs img: the program's name and its
// argv, the kernel's, whose argv[0] as given the programs word their
// messages with. busybox, or a link to it, runs the applet its file is
// named for, given as busybox's first argument (busybox names itself
// by its applet).
func (s *Set) ProgramArgs(t *vfs.Task, img Image) (string, []string) {
	name := img.Prog
	if IsBusyboxLink(t, img.Path) {
		name = "busybox"
	}
	if base := baseName(img.Path); name == "busybox" && base != "busybox" {
		return name, append([]string{img.Argv[0], base}, img.Argv[1:]...)
	}
	return name, img.Argv
}

// Interpreter is the interpreter a file's "#!" line names, as bash reads
// it to report one the kernel refused; ok is false without one.
func Interpreter(t *vfs.Task, path string) (string, bool) {
	head, err := readHead(t, path)
	if err != nil {
		return "", false
	}
	interp, _, ok := hashBang(head)
	return interp, ok && interp != ""
}
