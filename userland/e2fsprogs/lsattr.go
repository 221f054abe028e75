// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
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
		if !r.arg(name) {
			status = 1
		}
	}
	return status
}

func (r *lsattrRun) usage() int {
	fmt.Fprintf(r.c.Errw, "Usage: %s [-RVadlpv] [files...]\n", r.c.Name)
	return 1
}

// arg lists one operand: a directory's entries (unless -d), else the
// file itself. A directory that cannot be opened fails silently, as
// iterate_on_dir does; errors on its entries do not count.
func (r *lsattrRun) arg(name string) bool {
	st, err := r.c.Task.Lstat(name)
	if err != nil {
		comErr(r.c, err, "while trying to stat %s", name)
		return false
	}
	if applet.IsDir(uint32(st.Mode)) && !r.dirs {
		return r.dir(name)
	}
	return r.list(name)
}

// dir lists the entries of dir (those starting with a dot with -a
// only), going down into subdirectories with -R.
func (r *lsattrRun) dir(dir string) bool {
	ents, err := dirEntries(r.c.Task, dir)
	if err != nil && len(ents) == 0 {
		return false
	}
	for _, e := range ents {
		path := childPath(dir, e.Name)
		st, err := r.c.Task.Lstat(path)
		if err != nil {
			fmt.Fprintf(r.c.Errw, "%s: %s\n", path, applet.ErrText(err)) // perror
			continue
		}
		if e.Name[0] == '.' && !r.all {
			continue
		}
		r.list(path)
		if applet.IsDir(uint32(st.Mode)) && r.recursive && e.Name != "." && e.Name != ".." {
			fmt.Fprintf(r.c.Out, "\n%s:\n", path)
			r.dir(path)
			fmt.Fprintln(r.c.Out)
		}
	}
	return true
}

// list prints one file's line: its project (-p) and version (-v), then
// its flags and name.
func (r *lsattrRun) list(name string) bool {
	t := r.c.Task
	flags, err := getFlags(t, name)
	if err != nil {
		comErr(r.c, err, "While reading flags on %s", name)
		return false
	}
	if r.project {
		p, err := getProject(t, name)
		if err != nil {
			comErr(r.c, err, "While reading project on %s", name)
			return false
		}
		fmt.Fprintf(r.c.Out, "%5d ", p)
	}
	if r.version {
		v, err := getVersion(t, name)
		if err != nil {
			comErr(r.c, err, "While reading version on %s", name)
			return false
		}
		fmt.Fprintf(r.c.Out, "%-10d ", v)
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
