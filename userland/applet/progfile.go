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

// ProgramImage is the image of a statically linked program: busybox in
// the images linuxvfs makes, which runs in any root.
func ProgramImage(name string) []byte {
	return []byte(imageMagic + name + "\n")
}

// DynamicProgramImage is the image of a program linked against the C
// library, as Debian's are: a second line names the dynamic loader
// (PT_INTERP), which execve opens in the caller's root. A root without it
// (a chroot or pivot_root into a tree of copied programs, or the old
// root's programs run from a new one) runs none of them.
func DynamicProgramImage(name, loader string) []byte {
	return []byte(imageMagic + name + "\n" + interpTag + loader + "\n")
}

// interpTag starts the loader line of a dynamic program's image.
const interpTag = "interp "

// imageProgram is the program name in a head read from a program image,
// or "".
func imageProgram(head []byte) string {
	name, _ := imageLines(head)
	return name
}

// imageLoader is the loader a program image names, "" for a static one.
func imageLoader(head []byte) string {
	_, loader := imageLines(head)
	return loader
}

// imageLines splits a program image into its program and loader.
func imageLines(head []byte) (name, loader string) {
	rest, ok := bytes.CutPrefix(head, []byte(imageMagic))
	if !ok {
		return "", ""
	}
	first, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return "", ""
	}
	if l, ok := bytes.CutPrefix(rest, []byte(interpTag)); ok {
		if l, _, ok = bytes.Cut(l, []byte("\n")); ok {
			loader = string(l)
		}
	}
	return string(first), loader
}

// Where the dynamic loader is, as on Debian x86-64 with a merged /usr:
// the programs name Loader, /lib64 links to usr/lib64, whose entry links
// to the file in the multiarch directory.
const (
	Loader       = "/lib64/ld-linux-x86-64.so.2"
	loaderLink   = "/usr/lib64/ld-linux-x86-64.so.2"
	loaderTarget = "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
	loaderFile   = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
)

// Install writes a file for every program of the set that t's root does
// not have yet, in the directory a Debian system keeps it in
// (ProgramDirs), making /usr/bin and /usr/sbin if they are missing. As on
// Debian, sh is a link to dash, the file of the shell program (which,
// run as dash or as sh, is dash).
func (s *Set) Install(t *vfs.Task) error {
	for _, dir := range []string{"/usr", "/usr/bin", "/usr/sbin"} {
		if err := t.Mkdir(dir, 0o755); err != nil && !errors.Is(err, linux.EEXIST) {
			return err
		}
	}
	image := ProgramImage
	if installLoader(t) == nil {
		image = func(name string) []byte { return DynamicProgramImage(name, Loader) }
	}
	for _, name := range s.AllNames() {
		path := s.ProgramDirs(name)[0] + "/" + name
		if name == "sh" {
			if err := installShell(t, path, image(name)); err != nil {
				return err
			}
			continue
		}
		if err := installOne(t, path, image(name)); err != nil {
			return err
		}
	}
	return nil
}

// installShell writes the shell's file as dash beside path and makes
// path a link to it, unless path is there already.
func installShell(t *vfs.Task, path string, image []byte) error {
	if err := installOne(t, path[:strings.LastIndexByte(path, '/')+1]+"dash", image); err != nil {
		return err
	}
	if err := t.Symlink("dash", path); err != nil && !errors.Is(err, linux.EEXIST) {
		return err
	}
	return nil
}

// installLoader puts the dynamic loader where Debian has it; nil when
// Loader then leads to it (a root without the merged /usr's /lib64 link
// gets static programs instead).
func installLoader(t *vfs.Task) error {
	for _, dir := range []string{"/usr/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64"} {
		if err := t.Mkdir(dir, 0o755); err != nil && !errors.Is(err, linux.EEXIST) {
			return err
		}
	}
	if err := installOne(t, loaderFile, []byte(imageMagic+"ld-linux-x86-64.so.2\n")); err != nil {
		return err
	}
	if err := t.Symlink(loaderTarget, loaderLink); err != nil && !errors.Is(err, linux.EEXIST) {
		return err
	}
	return ExecutableFile(t, Loader)
}

// installOne writes the file path with content image (mode 0755) unless
// something is there already.
func installOne(t *vfs.Task, path string, image []byte) error {
	f, err := OpenFile(t, path, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o755)
	if errors.Is(err, linux.EEXIST) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = f.Write(image)
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
