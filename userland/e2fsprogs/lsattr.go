// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lsattr(1) of e2fsprogs 1.47.0: each file's inode flags as a string of
// 22 letters or dashes (-l: their names), a directory's entries unless
// -d, recursively with -R.
type lsattrRun struct {
	c                          *applet.Cmd
	all, dirs, recursive, long bool
	version, project           bool
}

var lsattrOptions = []getopt.Option{{Short: 'R'}, {Short: 'V'}, {Short: 'a'}, {Short: 'd'}, {Short: 'l'}, {Short: 'v'}, {Short: 'p'}}

func lsattrApplet(c *applet.Cmd) int {
	c.GivenName() // its messages name argv[0] as given
	r := &lsattrRun{c: c}
	p := getopt.Parser{Options: lsattrOptions, InOrder: c.EnvSet("POSIXLY_CORRECT"), ShortOnly: true}
	opts, operands, err := p.Parse(c.Args)
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Argv0, err)
		return r.usage()
	}
	verbose := false
	for _, o := range opts {
		switch o.ID {
		case 'R':
			r.recursive = true
		case 'V':
			verbose = true
		case 'a':
			r.all = true
		case 'd':
			r.dirs = true
		case 'l':
			r.long = true
		case 'v':
			r.version = true
		case 'p':
			r.project = true
		}
	}
	if verbose {
		fmt.Fprintf(c.Errw, "lsattr %s\n", e2fsprogsVersion)
	}
	if len(operands) == 0 {
		operands = []string{"."}
	}
	status := 0
	for _, name := range operands {
		if !r.show(name, name, true) {
			status = 1
		}
	}
	return status
}

func (r *lsattrRun) usage() int {
	fmt.Fprintf(r.c.Errw, "Usage: %s [-RVadlpv] [files...]\n", r.c.Name)
	return 1
}

// show lists path, an operand (top) or a directory's entry named name.
// An operand that is a directory stands for its entries unless -d, and
// one that cannot be read fails silently, as iterate_on_dir does. An
// entry is listed itself (one starting with a dot only with -a) and,
// with -R, a directory's entries follow under a header; what goes
// wrong with entries does not fail the operand.
func (r *lsattrRun) show(path, name string, top bool) bool {
	st, err := r.c.Task.Lstat(path)
	switch {
	case err != nil && top:
		comErr(r.c, err, "while trying to stat %s", path)
		return false
	case err != nil:
		fmt.Fprintf(r.c.Errw, "%s: %s\n", path, applet.ErrText(err)) // perror
		return true
	}
	isDir := applet.IsDir(uint32(st.Mode))
	switch {
	case top && (!isDir || r.dirs):
		return r.line(path)
	case top:
	case name[0] == '.' && !r.all:
		return true
	default:
		r.line(path)
		if !isDir || !r.recursive || name == "." || name == ".." {
			return true
		}
		fmt.Fprintf(r.c.Out, "\n%s:\n", path)
		defer fmt.Fprintln(r.c.Out)
	}
	ents, err := dirEntries(r.c.Task, path)
	if err != nil && len(ents) == 0 {
		return false
	}
	for _, e := range ents {
		r.show(childPath(path, e.Name), e.Name, false)
	}
	return true
}

// line prints one file's line: the columns -p and -v ask for, then its
// flags and name.
func (r *lsattrRun) line(name string) bool {
	t := r.c.Task
	flags, err := getFlags(t, name)
	if err != nil {
		comErr(r.c, err, "While reading flags on %s", name)
		return false
	}
	columns := []struct {
		on     bool
		what   string
		get    func(*vfs.Task, string) (uint32, error)
		format string
	}{
		{r.project, "project", getProject, "%5d "},
		{r.version, "version", getVersion, "%-10d "},
	}
	for _, col := range columns {
		if !col.on {
			continue
		}
		v, err := col.get(t, name)
		if err != nil {
			comErr(r.c, err, "While reading %s on %s", col.what, name)
			return false
		}
		fmt.Fprintf(r.c.Out, col.format, v)
	}
	if r.long {
		fmt.Fprintf(r.c.Out, "%-28s ", name)
		writeFlags(r.c.Out, flags, true)
		fmt.Fprintln(r.c.Out)
	} else {
		writeFlags(r.c.Out, flags, false)
		fmt.Fprintf(r.c.Out, " %s\n", name)
	}
	return true
}
