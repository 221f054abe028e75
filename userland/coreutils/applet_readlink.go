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

// realpathApplet is realpath(1): -e, -m, default all but the last; -s
// without resolving links, -L with ".." before them; names printed
// relative to --relative-to, or only those under --relative-base.
func realpathApplet(cmd *cmd) int {
	c := &realpather{cmd: cmd, mode: canAllButLast}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... FILE..."
	fs.About = `Print the absolute name of each FILE with no ., .. or symbolic links.`
	fs.Func("canonicalize-existing", "e", "canonical name; every component must exist", func() { c.mode = canExisting })
	fs.Func("canonicalize-missing", "m", "canonical name; no component need exist", func() { c.mode = canMissing })
	fs.Func("logical", "L", "drop a '..' with the name before it, before following links", func() { c.logical = true })
	fs.Func("physical", "P", "follow each symbolic link where it stands (default)", func() { c.logical = false })
	quiet := fs.BoolP("quiet", "q", false, "say nothing about errors")
	relTo := fs.String("relative-to", "", "print names as seen from DIR")
	relBase := fs.String("relative-base", "", "print names below DIR relative to it, others whole")
	fs.BoolVarP(&c.noLinks, "strip", "s", false, "leave symbolic links unresolved")
	fs.Alias("no-symlinks", "strip")
	zero := fs.BoolP("zero", "z", false, "separate the names with NUL bytes instead of newlines")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	if !c.relatives(fs.Changed("relative-to"), *relTo, fs.Changed("relative-base"), *relBase) {
		return 1
	}
	end := "\n"
	if *zero {
		end = "\x00"
	}
	status := 0
	for _, op := range ops {
		s, err := c.resolve(op)
		if err != nil {
			if !*quiet {
				c.Errorf("%s: %s", c.QuoteName(op), applet.ErrText(err))
			}
			status = 1
			continue
		}
		c.Out.WriteString(c.relative(s) + end)
	}
	return status
}

// realpather is one realpath command and its settings.
type realpather struct {
	*cmd
	mode             int
	logical, noLinks bool
	// to and base are --relative-to and --relative-base resolved; to
	// is "" when names print absolute.
	to, base string
}

// relatives resolves --relative-to and --relative-base (the base alone
// is both); a DIR that must exist and is not a directory is ENOTDIR, and
// a --relative-to outside the base makes every name absolute.
func (c *realpather) relatives(haveTo bool, to string, haveBase bool, base string) bool {
	dir := func(name string) (string, bool) {
		s, err := c.resolve(name)
		if err == nil && c.mode == canExisting {
			if st, serr := c.Task.Stat(s); serr == nil && !applet.IsDir(uint32(st.Mode)) {
				err = linux.ENOTDIR
			}
		}
		if err != nil {
			c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
			return "", false
		}
		return s, true
	}
	var ok bool
	if haveTo {
		if c.to, ok = dir(to); !ok {
			return false
		}
	}
	if haveBase {
		if c.base, ok = dir(base); !ok {
			return false
		}
		if !haveTo {
			c.to = c.base
		} else if !pathPrefix(c.base, c.to) {
			c.to, c.base = "", ""
		}
	}
	return true
}

// resolve is realpath_canon: -L takes out ".." by name first, -s
// resolves no link at all.
func (c *realpather) resolve(name string) (string, error) {
	if c.logical || c.noLinks {
		s, err := c.lexical(name)
		if err != nil || c.noLinks {
			return s, err
		}
		name = s
	}
	return c.canonicalize(name, c.mode)
}

// lexical makes name absolute without "." and "..", by name alone, as
// canonicalize_filename_mode does with CAN_NOLINKS: ".." drops the last
// component, links are not read, and a component is checked only where
// its name says something of it (unless -m): before "/", "/." or "/.."
// it must be a directory, and the last one must exist (with -e; without,
// it may be missing, ENOENT only). One followed by an ordinary
// component passes unchecked.
func (c *realpather) lexical(name string) (string, error) {
	if name == "" {
		return "", linux.ENOENT
	}
	abs := name
	if name[0] != '/' {
		cwd, err := applet.Getcwd(c.Task)
		if err != nil {
			return "", err
		}
		abs = cwd + "/" + name
	}
	var parts []string
	rest := abs
	for rest != "" {
		rest = strings.TrimLeft(rest, "/")
		comp := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			comp, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		switch comp {
		case "", ".":
			continue
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
			continue
		}
		parts = append(parts, comp)
		if c.mode == canMissing {
			continue
		}
		path := "/" + strings.Join(parts, "/")
		var err error
		switch {
		case suffixNeedsDir(rest):
			_, err = c.Task.Stat(path + "/")
		case rest != "":
			continue
		default:
			_, err = c.Task.Stat(path)
		}
		if err != nil && !(c.mode == canAllButLast && errors.Is(err, linux.ENOENT) && strings.Trim(rest, "/") == "") {
			return "", err
		}
	}
	return "/" + strings.Join(parts, "/"), nil
}

// suffixNeedsDir reports whether what follows a component makes it a
// directory that must exist as one: a trailing slash, or slashes and "."
// components up to the end or up to a "..".
func suffixNeedsDir(rest string) bool {
	if !strings.HasPrefix(rest, "/") {
		return false
	}
	for _, part := range strings.Split(rest, "/")[1:] {
		switch part {
		case "", ".":
		case "..":
			return true
		default:
			return false
		}
	}
	return true
}

// relative is the name as printed: relative to --relative-to when it is
// set and the name is under --relative-base (if set).
func (c *realpather) relative(s string) string {
	if c.to == "" || c.base != "" && !pathPrefix(c.base, s) {
		return s
	}
	from, to := splitPath(c.to), splitPath(s)
	n := 0
	for n < len(from) && n < len(to) && from[n] == to[n] {
		n++
	}
	var out []string
	for range from[n:] {
		out = append(out, "..")
	}
	out = append(out, to[n:]...)
	if len(out) == 0 {
		return "."
	}
	return strings.Join(out, "/")
}

// pathPrefix reports whether dir is path or one of its ancestors, by
// whole components.
func pathPrefix(dir, path string) bool {
	d, p := splitPath(dir), splitPath(path)
	if len(d) > len(p) {
		return false
	}
	for i := range d {
		if d[i] != p[i] {
			return false
		}
	}
	return true
}

// splitPath is the components of an absolute canonical name.
func splitPath(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "/") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
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
		cwd, err := applet.Getcwd(c.Task)
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
