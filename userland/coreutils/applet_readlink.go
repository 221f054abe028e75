// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// How much of a name must exist for canonicalize (gnulib's can_mode).
const (
	canExisting   = iota // every component (-e)
	canAllButLast        // all but the last (-f)
	canMissing           // none (-m)
)

// readlinkApplet is readlink(1).
func readlinkApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE..."
	fs.About = `Print the target of each symbolic link FILE, or with -f, -e or -m its
canonical name.`
	f := fs.BoolP("canonicalize", "f", false, "canonical name; every component but the last must exist")
	e := fs.BoolP("canonicalize-existing", "e", false, "canonical name; every component must exist")
	m := fs.BoolP("canonicalize-missing", "m", false, "canonical name; no component need exist")
	n := fs.BoolP("no-newline", "n", false, "no newline after the name")
	fs.BoolP("quiet", "q", false, "say nothing about errors")
	fs.BoolP("silent", "s", false, "the same as -q")
	verbose := fs.BoolP("verbose", "v", false, "report errors")
	z := fs.BoolP("zero", "z", false, "end each name with NUL instead of newline")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	mode := -1
	switch {
	case *f:
		mode = canAllButLast
	case *e:
		mode = canExisting
	case *m:
		mode = canMissing
	}
	end := "\n"
	if *z {
		end = "\x00"
	} else if *n && len(ops) == 1 {
		end = ""
	}
	status := 0
	for _, op := range ops {
		s, err := c.readlinkOne(op, mode)
		if err != nil {
			if *verbose {
				c.Errorf("%s: %s", c.QuoteName(op), applet.ErrText(err))
			}
			status = 1
			continue
		}
		c.Out.WriteString(s + end)
	}
	return status
}

func (c *cmd) readlinkOne(name string, mode int) (string, error) {
	if mode < 0 {
		return c.Task.Readlink(name)
	}
	return c.canonicalize(name, mode)
}

// realpathApplet is realpath(1): -e, -m, default all but the last.
func realpathApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE..."
	fs.About = `Print the absolute name of each FILE with no ., .. or symbolic links.`
	e := fs.BoolP("canonicalize-existing", "e", false, "canonical name; every component must exist")
	m := fs.BoolP("canonicalize-missing", "m", false, "canonical name; no component need exist")
	quiet := fs.BoolP("quiet", "q", false, "say nothing about errors")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	mode := canAllButLast
	if *e {
		mode = canExisting
	} else if *m {
		mode = canMissing
	}
	status := 0
	for _, op := range ops {
		s, err := c.canonicalize(op, mode)
		if err != nil {
			if !*quiet {
				c.Errorf("%s: %s", c.QuoteName(op), applet.ErrText(err))
			}
			status = 1
			continue
		}
		c.Out.WriteString(s + "\n")
	}
	return status
}

// seenLink identifies a symlink met with the rest of the name to resolve:
// meeting the same pair twice is a loop (gnulib's seen_triple).
type seenLink struct {
	dev, ino uint64
	rest     string
}

// canonicalize is gnulib's canonicalize_filename_mode: an absolute name
// without ".", ".." or symbolic links.
func (c *cmd) canonicalize(name string, mode int) (string, error) {
	if name == "" {
		return "", linux.ENOENT
	}
	rname := "/"
	if name[0] != '/' {
		cwd, err := c.Task.Getcwd()
		if err != nil {
			return "", err
		}
		rname = cwd
	}
	seen := map[seenLink]bool{}
	rest := name
	for {
		rest = strings.TrimLeft(rest, "/")
		if rest == "" {
			return rname, nil
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			i = len(rest)
		}
		comp, after := rest[:i], rest[i:]
		rest = after
		switch comp {
		case ".":
			continue
		case "..":
			rname = parentDir(rname)
			continue
		}
		next, newRest, err := c.canonStep(applet.JoinPath(rname, comp), after, mode, seen)
		if err != nil {
			return "", err
		}
		if newRest != "" {
			rest, next = newRest, rname
			if strings.HasPrefix(newRest, "/") {
				next = "/"
			}
		}
		rname = next
	}
}

// canonStep looks at one component: it returns the name reached, or a
// symlink's target joined with the rest of the name to resolve next.
func (c *cmd) canonStep(cand, after string, mode int, seen map[seenLink]bool) (string, string, error) {
	last := strings.Trim(after, "/") == ""
	st, err := c.Task.Lstat(cand)
	if err != nil {
		switch {
		case mode == canMissing:
			return cand, "", nil
		case mode == canAllButLast && last && errors.Is(err, linux.ENOENT):
			return cand, "", nil
		}
		return "", "", err
	}
	m := uint32(st.Mode)
	if applet.IsLink(m) {
		key := seenLink{st.Dev(), st.Ino, after}
		if seen[key] {
			if mode == canMissing {
				return cand, "", nil
			}
			return "", "", linux.ELOOP
		}
		seen[key] = true
		target, err := c.Task.Readlink(cand)
		if err != nil {
			return "", "", err
		}
		if target == "" {
			return "", "", linux.ENOENT
		}
		return "", target + after, nil
	}
	if !applet.IsDir(m) && after != "" && mode != canMissing {
		return "", "", linux.ENOTDIR
	}
	return cand, "", nil
}

// parentDir removes the last component of an absolute canonical name.
func parentDir(name string) string {
	i := strings.LastIndexByte(name, '/')
	if i <= 0 {
		return "/"
	}
	return name[:i]
}
