// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Set is the commands a linuxvfs system can run as programs, each under
// the names it was registered with. A Set is filled once, before use, by
// the packages that provide commands (see Register); it is read-only then.
type Set struct {
	programs map[string]Func
	// viaShell are programs the shell provides as its own builtins
	// (/usr/bin/true, /usr/bin/echo ...): they run in a child shell.
	viaShell map[string]bool
	// shell runs c.Args as one command of a child shell on c.Task.
	shell Func
	// busybox are the programs whose busybox applet behaves unlike
	// linuxvfs's program of that name (see RegisterBusybox).
	busybox map[string]Func
	// implicit makes every program found by name without a file (see
	// SetImplicit).
	implicit bool
}

// SetImplicit makes the set's programs run by name where no file along
// PATH stands for them, as if every root held them: for a script that
// linuxvfs runs as init on a root of its caller's choice (boot -c), which
// brings its tools with it. A name PATH has a file for still runs that
// file.
func (s *Set) SetImplicit(on bool) { s.implicit = on }

// Implicit reports whether SetImplicit is on.
func (s *Set) Implicit() bool { return s.implicit }

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{programs: map[string]Func{}, viaShell: map[string]bool{}, busybox: map[string]Func{}}
}

// RegisterBusybox gives busybox's applet of a name its own behaviour: the
// program that "busybox NAME", or a link to busybox named NAME, runs
// instead of the set's program NAME. Names without one run the set's.
func (s *Set) RegisterBusybox(f Func, names ...string) {
	for _, n := range names {
		s.busybox[n] = f
	}
}

// BusyboxApplet returns busybox's own applet of that name, or nil when
// busybox runs the set's program.
func (s *Set) BusyboxApplet(name string) Func { return s.busybox[name] }

// Register adds a program under one or more names.
func (s *Set) Register(f Func, names ...string) {
	for _, n := range names {
		s.programs[n] = f
	}
}

// RegisterViaShell names programs that the shell runs as builtins; a
// child process running one of them is a child shell.
func (s *Set) RegisterViaShell(names ...string) {
	for _, n := range names {
		s.viaShell[n] = true
	}
}

// SetShell gives the set its shell: f runs c.Args as one simple command
// of a shell on c.Task (not a copy of it), with c's streams and
// environment, and returns its status. Programs that are shell builtins
// run through it.
func (s *Set) SetShell(f Func) { s.shell = f }

// Lookup returns the program registered as name, or nil.
func (s *Set) Lookup(name string) Func { return s.programs[name] }

// Known reports whether a program of that name can run.
func (s *Set) Known(name string) bool { return s.programs[name] != nil || s.viaShell[name] }

// Names lists the registered programs, sorted.
func (s *Set) Names() []string {
	names := make([]string, 0, len(s.programs))
	for n := range s.programs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SearchPath is the PATH of the scripts' environment.
var SearchPath = []string{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}

// FindCommand is execvp(3) for the programs of the set with SearchPath
// as PATH: a name with a slash must be a file execve can start, a bare
// name is looked for along SearchPath. It returns the program the file
// stands for, or a path to give RunProgram (see programFile). The error
// is execvp's (Exec's, ENOENT for a script's missing interpreter): with
// ENOENT the status is 127, else 126.
func (s *Set) FindCommand(t *vfs.Task, name string) (string, error) {
	return s.findIn(t, name, strings.Join(SearchPath, ":"))
}

// findIn is FindCommand with path as PATH.
func (s *Set) findIn(t *vfs.Task, name, path string) (string, error) {
	switch {
	case name == "":
		return "", linux.ENOENT
	case strings.Contains(name, "/"):
		return s.programFile(t, name)
	}
	file, err := LookPath(t, name, path)
	if errors.Is(err, linux.ENOENT) && s.implicit && s.Known(name) {
		return name, nil
	}
	if err != nil {
		return "", err
	}
	return s.programFile(t, file)
}

// programFile checks that execvp(3) could start the file name and says
// what runs: the program a program file of its name stands for, or for
// a script, a link to busybox or a copy under another name the path
// itself, made to hold a slash (RunProgram follows it).
func (s *Set) programFile(t *vfs.Task, name string) (string, error) {
	img, err := s.ExecFile(t, name, []string{name})
	if err != nil {
		return "", err
	}
	prog, argv := s.ProgramArgs(t, img)
	switch {
	case img.Path == name && len(argv) == len(img.Argv) && (baseName(name) == prog || s.Lookup(prog) == nil):
		// The program of a program file, called by its name; a copy under
		// another name runs by its path, which its comm is named for.
		return prog, nil
	case !strings.Contains(name, "/"):
		return "./" + name, nil
	}
	return name, nil
}

// sbinPrograms are the programs a Debian system keeps in /usr/sbin (and,
// with the merged /usr, in /sbin); the others are in /usr/bin and /bin.
var sbinPrograms = map[string]bool{
	"blkid": true, "blockdev": true, "chroot": true, "dosfslabel": true, "fatlabel": true,
	"fdisk": true, "fsck": true, "mkdosfs": true, "mkfs.fat": true, "mkfs.msdos": true, "mkfs.vfat": true,
	"halt": true, "init": true, "losetup": true, "mke2fs": true, "mkfs": true,
	"mkswap": true, "pivot_root": true, "poweroff": true, "reboot": true,
	"sfdisk": true, "shutdown": true, "swapoff": true, "swapon": true,
	"switch_root": true, "sysctl": true, "wipefs": true, "zramctl": true,
}

// ProgramDirs are the directories a Debian system keeps a program in,
// the first one where Install puts it; nil for a name the set does not
// know.
func (s *Set) ProgramDirs(name string) []string {
	switch {
	case !s.Known(name):
		return nil
	case sbinPrograms[name]:
		return []string{"/usr/sbin", "/sbin"}
	}
	return []string{"/usr/bin", "/bin"}
}
