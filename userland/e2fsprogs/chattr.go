// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// chattr(1) of e2fsprogs 1.47.0: +FLAGS, -FLAGS and =FLAGS change inode
// flags; -v and -p set the version and the project; -R goes down into
// directories, -V reports, -f keeps quiet about failures. Its words are
// parsed by hand, as the real one does: the first word that starts with
// none of "-+=" and every word after "--" are files.
type chattrRun struct {
	c *applet.Cmd
	// turnOn, turnOff and exactly are the flags of the +, - and =
	// words; used records which of those operators came, letters or
	// not ("+" alone still counts).
	turnOn, turnOff, exactly  uint32
	used                      map[byte]bool
	recursive, verbose, quiet bool
	newVersion, newProject    *uint64 // -v and -p; nil when not given
}

func chattrApplet(c *applet.Cmd) int {
	c.GivenName()
	r := &chattrRun{c: c, used: map[byte]bool{}}
	i, ok := r.parse(c.Args)
	if !ok || i >= len(c.Args) {
		return r.usage()
	}
	switch {
	case r.used['='] && (r.used['+'] || r.used['-']):
		fmt.Fprint(c.Errw, "= is incompatible with - and +\n")
		return 1
	case r.turnOff&r.turnOn != 0:
		fmt.Fprint(c.Errw, "Can't both set and unset same flag.\n")
		return 1
	case len(r.used) == 0 && r.newVersion == nil && r.newProject == nil:
		fmt.Fprint(c.Errw, "Must use '-v', =, - or +\n")
		return 1
	}
	if r.verbose {
		fmt.Fprintf(c.Errw, "chattr %s\n", e2fsprogsVersion)
	}
	status := 0
	for _, name := range c.Args[i:] {
		if !r.change(name) {
			status = 1
		}
	}
	return status
}

func (r *chattrRun) usage() int {
	fmt.Fprintf(r.c.Errw, "Usage: %s [-RVf] [-+=aAcCdDeijPsStTuFx] [-p project] [-v version] files...\n", r.c.Name)
	return 1
}

// parse reads the option words and returns the index of the first file;
// false is a usage error.
func (r *chattrRun) parse(args []string) (int, bool) {
	i := 0
	for i < len(args) {
		w := args[i]
		if w == "--" {
			return i + 1, true
		}
		if w == "" || !strings.ContainsRune("-+=", rune(w[0])) {
			return i, true
		}
		var ok bool
		if i, ok = r.word(args, i); !ok {
			return i, false
		}
		i++
	}
	return i, true
}

// word reads the option word args[i] (and the argument of -p or -v) and
// returns the index of the last word it used.
func (r *chattrRun) word(args []string, i int) (int, bool) {
	w := args[i]
	if w[0] != '-' {
		fl, ok := letters(w[1:])
		if !ok {
			return i, false
		}
		r.used[w[0]] = true
		if w[0] == '+' {
			r.turnOn |= fl
		} else {
			r.exactly |= fl
		}
		return i, true
	}
	for k := 1; k < len(w); k++ {
		switch ch := w[k]; ch {
		case 'R':
			r.recursive = true
		case 'V':
			r.verbose = true
		case 'f':
			r.quiet = true
		case 'p', 'v':
			i++
			if i >= len(args) {
				return i, false
			}
			n, ok := cStrtol(args[i])
			what := "project"
			if ch == 'v' {
				what = "version"
			}
			if !ok {
				comErr(r.c, nil, "bad %s - %s\n", what, args[i])
				return i, false
			}
			if ch == 'p' {
				r.newProject = &n
			} else {
				r.newVersion = &n
			}
		default:
			fl := flagOfLetter(ch)
			if fl == 0 {
				return i, false
			}
			r.used['-'] = true
			r.turnOff |= fl
		}
	}
	return i, true
}

// letters are the flags a word's letters name; false for a letter that
// names none.
func letters(s string) (uint32, bool) {
	var fl uint32
	for k := 0; k < len(s); k++ {
		f := flagOfLetter(s[k])
		if f == 0 {
			return 0, false
		}
		fl |= f
	}
	return fl, true
}

// cStrtol reads s whole as strtol(s, &end, 0) with *end checked: a sign,
// then hexadecimal after 0x, octal after 0, decimal otherwise; the value
// as an unsigned long holds it (a negative one wraps, one out of range
// is clamped as strtol clamps it). An empty string is 0, as strtol
// leaves end at its start, which is its end.
func cStrtol(s string) (uint64, bool) {
	rest := strings.TrimLeft(s, " \t\n\v\f\r")
	if rest == "" {
		return 0, s == ""
	}
	neg := false
	if rest[0] == '+' || rest[0] == '-' {
		neg, rest = rest[0] == '-', rest[1:]
	}
	base := uint64(10)
	switch {
	case len(rest) > 2 && (rest[:2] == "0x" || rest[:2] == "0X") && hexDigit(rest[2]) >= 0:
		base, rest = 16, rest[2:]
	case len(rest) > 1 && rest[0] == '0':
		base = 8
	}
	if rest == "" {
		return 0, false
	}
	var v uint64
	over := false
	for k := 0; k < len(rest); k++ {
		d := hexDigit(rest[k])
		if d < 0 || uint64(d) >= base {
			return 0, false
		}
		if v > (math.MaxInt64-uint64(d))/base {
			over = true
		}
		v = v*base + uint64(d)
	}
	switch {
	case over && neg:
		return 1 << 63, true // LONG_MIN
	case over:
		return math.MaxInt64, true // LONG_MAX
	case neg:
		return -v, true
	}
	return v, true
}

func hexDigit(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

// change applies the flags, version and project to one file, then to
// what a directory holds with -R. Errors are reported unless -f.
func (r *chattrRun) change(name string) bool {
	t := r.c.Task
	st, err := t.Lstat(name)
	if err != nil {
		r.report(err, "while trying to stat %s", name)
		return false
	}
	flags, err := getFlags(t, name)
	if err != nil {
		r.report(err, "while reading flags on %s", name)
		return false
	}
	isDir := applet.IsDir(uint32(st.Mode))
	for _, step := range r.steps(name, flags, isDir) {
		if r.verbose {
			fmt.Fprint(r.c.Out, step.tell)
		}
		err := step.apply()
		switch {
		case err == nil:
		case step.onlyPerror:
			fmt.Fprintf(r.c.Errw, "%s: %s\n", name, applet.ErrText(err))
		default:
			r.report(err, "while setting %s on %s", step.what, name)
			return false
		}
	}
	if isDir && r.recursive {
		return r.children(name)
	}
	return true
}

// chattrStep is one attribute chattr sets on a file.
type chattrStep struct {
	tell  string       // -V's line
	apply func() error // the setting
	what  string       // the attribute, as a failure names it
	// onlyPerror: a failure is printed as perror prints it, even with
	// -f, and the file does not fail (=FLAGS in 1.47.0).
	onlyPerror bool
}

// steps are the settings for one file in chattr's order: the flags
// always, then the version and the project when asked for.
func (r *chattrRun) steps(name string, cur uint32, isDir bool) []chattrStep {
	t := r.c.Task
	shown, flags := r.nextFlags(cur, isDir)
	var line strings.Builder
	fmt.Fprintf(&line, "Flags of %s set as ", name)
	writeFlags(&line, shown, false)
	line.WriteString("\n")
	steps := []chattrStep{{
		tell:       line.String(),
		apply:      func() error { return setFlags(t, name, flags) },
		what:       "flags",
		onlyPerror: r.used['='],
	}}
	if v := r.newVersion; v != nil {
		steps = append(steps, chattrStep{
			tell:  fmt.Sprintf("Version of %s set as %d\n", name, *v),
			apply: func() error { return setVersion(t, name, uint32(*v)) },
			what:  "version",
		})
	}
	if p := r.newProject; p != nil {
		steps = append(steps, chattrStep{
			tell:  fmt.Sprintf("Project of %s set as %d\n", name, *p),
			apply: func() error { return setProject(t, name, uint32(*p)) },
			what:  "project",
		})
	}
	return steps
}

// nextFlags is what a file's flags cur become, as -V shows them and as
// they are set: = names them all; + and - edit cur, and D (dirsync),
// shown all the same, is not set on what is not a directory.
func (r *chattrRun) nextFlags(cur uint32, isDir bool) (shown, set uint32) {
	if r.used['='] {
		return r.exactly, r.exactly
	}
	shown = cur&^r.turnOff | r.turnOn
	set = shown
	if !isDir {
		set &^= flagOfLetter('D')
	}
	return shown, set
}

// children changes what dir holds; like iterate_on_dir, it fails only
// when dir cannot be read (silently) or an entry failed.
func (r *chattrRun) children(dir string) bool {
	ents, err := dirEntries(r.c.Task, dir)
	if err != nil && len(ents) == 0 {
		return false
	}
	ok := true
	for _, e := range ents {
		if e.Name != "." && e.Name != ".." && !r.change(dir+"/"+e.Name) {
			ok = false
		}
	}
	return ok
}

func (r *chattrRun) report(err error, format string, a ...any) {
	if !r.quiet {
		comErr(r.c, err, format, a...)
	}
}
