// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// sysctl(8) of procps-ng 4.0: kernel parameters under /proc/sys read
// as NAME = VALUE and written with NAME=VALUE (-w, or found in a file
// with -p), directories listed whole (-a for all of /proc/sys).

const sysctlRoot = "/proc/sys/"

type sysctlRun struct {
	c                                  *cmd
	all, names, values, binary, ignore bool
	quiet, write                       bool
	load                               []string
	loadGiven, loadDefault             bool
}

func sysctlApplet(c *cmd) int {
	r := &sysctlRun{c: c}
	fs := c.FlagSet()
	fs.Help = sysctlHelp
	fs.ShortHelp = true
	fs.BoolVarP(&r.all, "all", "a", false, "")
	fs.Func("A", "A", "", func() { r.all = true })
	fs.Func("X", "X", "", func() { r.all = true })
	fs.BoolVarP(&r.binary, "binary", "b", false, "")
	fs.BoolVarP(&r.ignore, "ignore", "e", false, "")
	fs.BoolVarP(&r.names, "names", "N", false, "")
	fs.BoolVarP(&r.values, "values", "n", false, "")
	fs.OptionalArgFunc("load", "p", "", func(v string, given bool) error {
		if !given {
			r.loadGiven, r.loadDefault = true, true
			return nil
		}
		r.load, r.loadGiven = append(r.load, v), true
		return nil
	})
	fs.BoolVarP(&r.quiet, "quiet", "q", false, "")
	fs.BoolVarP(&r.write, "write", "w", false, "")
	fs.BoolP("o", "o", false, "")
	fs.BoolP("x", "x", false, "")
	operands, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	switch {
	case r.loadGiven:
		// Operands after -p are files too; /etc/sysctl.conf only
		// when there is none.
		files := append(r.load, operands...)
		if len(files) == 0 {
			files = []string{"/etc/sysctl.conf"}
		}
		return r.loadFiles(files)
	case r.all:
		return r.showTree(sysctlRoot)
	case len(operands) == 0:
		c.Errorf("no variables specified")
		fmt.Fprintf(c.Errw, "Try `%s --help' for more information.\n", c.Name)
		return 1
	}
	status := 0
	for _, op := range operands {
		if !r.one(op) {
			status = 1
		}
	}
	return status
}

// one handles one operand: NAME=VALUE writes, NAME reads.
func (r *sysctlRun) one(op string) bool {
	if key, val, ok := strings.Cut(op, "="); ok {
		return r.set(key, val)
	}
	if r.write {
		r.c.Errorf("command line(0): invalid syntax, continuing...")
		return false
	}
	return r.show(op)
}

// paths are the file a key names and the key as printed: dots and
// slashes trade places when the key is written with dots (procps'
// slashdot), and a doubled separator is worth a warning.
func (r *sysctlRun) paths(key string) (file, name string) {
	return sysctlRoot + r.swapSeparators(key, '.', '/', true), r.swapSeparators(key, '/', '.', false)
}

func (r *sysctlRun) swapSeparators(s string, from, to byte, warn bool) string {
	first := strings.IndexAny(s, "./")
	if first < 0 || s[first] == to {
		return s
	}
	b := []byte(s)
	for i := first; i < len(b); i++ {
		c := b[i]
		if c != '.' && c != '/' {
			continue
		}
		if warn && i+1 < len(b) && (b[i+1] == '.' || b[i+1] == '/') {
			r.c.Errorf("separators should not be repeated: %s", s[i:])
			warn = false
		}
		if c == from {
			b[i] = to
		} else {
			b[i] = from
		}
	}
	return string(b)
}

// show prints one parameter, or every one under a directory.
func (r *sysctlRun) show(key string) bool {
	file, name := r.paths(key)
	st, err := r.c.Task.Stat(file)
	if err != nil {
		if r.ignore {
			return true
		}
		r.c.Errorf("cannot stat %s: %s", file, applet.ErrText(err))
		return false
	}
	if applet.IsDir(uint32(st.Mode)) {
		return r.showTree(strings.TrimSuffix(file, "/")+"/") == 0
	}
	return r.print(file, name)
}

// print reads a parameter and writes it as the options say.
func (r *sysctlRun) print(file, name string) bool {
	if r.names {
		r.c.Out.WriteString(name + "\n")
		return true
	}
	f, err := applet.OpenFile(r.c.Task, file, linux.O_RDONLY, 0)
	var data []byte
	if err == nil {
		data, err = readAll(f)
		f.Close()
	}
	if err != nil {
		if errors.Is(err, linux.EACCES) || errors.Is(err, linux.EPERM) {
			r.c.Errorf("permission denied on key '%s'", name)
		} else {
			r.c.Errorf("reading key \"%s\": %s", name, applet.ErrText(err))
		}
		return false
	}
	r.value(name, string(data))
	return true
}

// value writes NAME = VALUE for each line of a value (or the value alone).
func (r *sysctlRun) value(name, text string) {
	out := r.c.Out
	if r.binary {
		out.WriteString(strings.TrimSuffix(text, "\n"))
		return
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if !r.values {
			out.WriteString(name + " = ")
		}
		out.WriteString(line + "\n")
	}
}

// showTree prints every readable parameter under dir, in name order.
func (r *sysctlRun) showTree(dir string) int {
	ents, err := applet.ReadDirents(r.c.Task, dir)
	if err != nil {
		r.c.Errorf("unable to open directory \"%s\"", dir)
		return 1
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, e.Name)
	}
	sortStrings(names)
	for _, n := range names {
		file := dir + n
		st, err := r.c.Task.Stat(file)
		if err != nil {
			continue
		}
		if applet.IsDir(uint32(st.Mode)) {
			r.showTree(file + "/")
			continue
		}
		if st.Mode&0o400 == 0 {
			continue // write-only: nothing to show
		}
		r.print(file, strings.ReplaceAll(strings.TrimPrefix(file, sysctlRoot), "/", "."))
	}
	return 0
}

// set writes a value and shows it (unless -q).
func (r *sysctlRun) set(key, val string) bool {
	file, name := r.paths(key)
	st, err := r.c.Task.Stat(file)
	if err != nil {
		if r.ignore {
			return true
		}
		r.c.Errorf("cannot stat %s: %s", file, applet.ErrText(err))
		return false
	}
	if st.Mode&0o200 == 0 {
		// procps warns with whatever errno holds and carries on as if
		// the setting had worked.
		r.c.Errorf("setting key \"%s\": %s", name, linux.EINVAL)
		return true
	}
	f, err := applet.OpenFile(r.c.Task, file, linux.O_WRONLY, 0)
	if err == nil {
		_, err = f.Write([]byte(val))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if errors.Is(err, linux.EACCES) || errors.Is(err, linux.EPERM) {
			r.c.Errorf("permission denied on key \"%s\"", name)
		} else {
			r.c.Errorf("setting key \"%s\": %s", name, applet.ErrText(err))
		}
		return false
	}
	if !r.quiet {
		r.value(name, val)
	}
	return true
}

// loadFiles is -p: NAME = VALUE lines, '#' and ';' comments; a leading
// '-' keeps a line's failure out of the exit status (its message stays).
func (r *sysctlRun) loadFiles(files []string) int {
	status := 0
	for _, name := range files {
		data, err := r.c.ReadNamed(name)
		if err != nil {
			r.c.Errorf("cannot open \"%s\": %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
			optional := strings.HasPrefix(line, "-")
			line = strings.TrimPrefix(line, "-")
			key, val, ok := strings.Cut(line, "=")
			if !ok {
				r.c.Errorf("%s(%d): invalid syntax, continuing...", name, i+1)
				status = 1
				continue
			}
			if !r.set(strings.TrimSpace(key), strings.TrimSpace(val)) && !optional {
				status = 1
			}
		}
	}
	return status
}

const sysctlHelp = `Usage: sysctl [OPTION]... [NAME[=VALUE]]...
Show or set kernel parameters, the files of /proc/sys (NAME is their
path with dots: kernel.hostname).

  -a, -A, -X, --all      every parameter
  -n, --values           only the values;  -N, --names: only the names
  -b, --binary           the value alone, without a newline
  -e, --ignore           say nothing of unknown names
  -w, --write            NAME=VALUE arguments set parameters (also
                         without -w)
  -q, --quiet            do not show what was set
  -p, --load[=FILE]      set what FILE lists (/etc/sysctl.conf)
  -o, -x                 accepted, do nothing
  -h, --help             show this help;  -V, --version: the version
`
