// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"bytes"
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Program files. The programs of a Set live in the virtual system as
// files, as they do on disk on a real one: Install writes one executable
// file per program into /usr/bin or /usr/sbin, and a command is found
// by looking for its file along PATH (LookPath), so that a chroot or
// pivot_root into a tree without them finds nothing, a bind of /usr
// brings them along and `command -v` names the file it found.
//
// A program file holds a short image: an ELF magic number, so that
// shells do not take it for a script, followed by the program's name, so
// that a copy under another name (cp /bin/ls /tmp/x) still runs ls.
// Machine code in real images (busybox and its links, or any binary)
// stands for the program of its base name.

// imageMagic starts every program image.
const imageMagic = "\x7fELF linuxvfs program "

// ProgramImage is the content of the file a program of the set is
// installed as.
func ProgramImage(name string) []byte {
	return []byte(imageMagic + name + "\n")
}

// imageProgram is the program name in a head read from a program image,
// or "".
func imageProgram(head []byte) string {
	rest, ok := bytes.CutPrefix(head, []byte(imageMagic))
	if !ok {
		return ""
	}
	name, _, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return ""
	}
	return string(name)
}

// Install writes a file for every program of the set that t's root does
// not have yet, in the directory a Debian system keeps it in
// (ProgramDirs), making /usr/bin and /usr/sbin if they are missing.
func (s *Set) Install(t *vfs.Task) error {
	for _, dir := range []string{"/usr", "/usr/bin", "/usr/sbin"} {
		if err := t.Mkdir(dir, 0o755); err != nil && !errors.Is(err, linux.EEXIST) {
			return err
		}
	}
	for _, name := range s.AllNames() {
		if err := installOne(t, s.ProgramDirs(name)[0]+"/"+name, name); err != nil {
			return err
		}
	}
	return nil
}

// installOne writes the program file path for name unless something is
// there already.
func installOne(t *vfs.Task, path, name string) error {
	f, err := OpenFile(t, path, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o755)
	if errors.Is(err, linux.EEXIST) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = f.Write(ProgramImage(name))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// AllNames lists every name the set can run, its programs and the
// shell's builtins that are programs too.
func (s *Set) AllNames() []string {
	names := s.Names()
	for n := range s.viaShell {
		if s.programs[n] == nil {
			names = append(names, n)
		}
	}
	return names
}

// LookPath is execvp's search of the directories of path (a PATH value;
// an empty element is the working directory) for an executable regular
// file called name: the first one found, else the first candidate that
// could not be executed with EACCES, else ENOENT.
func LookPath(t *vfs.Task, name, path string) (string, error) {
	return lookPath(t, name, path, false)
}

// LookPathFiles is LookPath passing over directories silently, as bash's
// search does.
func LookPathFiles(t *vfs.Task, name, path string) (string, error) {
	return lookPath(t, name, path, true)
}

func lookPath(t *vfs.Task, name, path string, skipDirs bool) (string, error) {
	denied := ""
	for _, dir := range strings.Split(path, ":") {
		candidate := JoinPath(dir, name)
		if dir == "" {
			candidate = name
		}
		err := ExecutableFile(t, candidate)
		if errors.Is(err, linux.EACCES) && skipDirs {
			if st, serr := t.Stat(candidate); serr == nil && IsDir(uint32(st.Mode)) {
				continue
			}
		}
		switch {
		case err == nil:
			return candidate, nil
		case errors.Is(err, linux.EACCES) && denied == "":
			denied = candidate
		}
	}
	if denied != "" {
		return denied, linux.EACCES
	}
	return "", linux.ENOENT
}

// ExecutableFile is what execve would say of path before it reads it: a
// directory or other non-regular file, or a file without search or
// execute permission, is EACCES.
func ExecutableFile(t *vfs.Task, path string) error {
	st, err := t.Stat(path)
	if err != nil {
		return err
	}
	if !IsReg(uint32(st.Mode)) {
		return linux.EACCES
	}
	return t.Faccessat(AtCWD, path, linux.X_OK, 0)
}

// programOfHead is the program of the set an executable file at path
// starting with head stands for: the one its image names, or for other
// machine code its base name (a real image's dash or ash being the
// set's sh).
func (s *Set) programOfHead(path string, head []byte) (string, bool) {
	if name := imageProgram(head); name != "" {
		return name, s.Known(name)
	}
	base := path[strings.LastIndexByte(path, '/')+1:]
	if base == "dash" || base == "ash" {
		base = "sh"
	}
	return base, s.Known(base)
}
