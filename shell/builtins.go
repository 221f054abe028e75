// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// cd runs in the call handler because the interpreter's own cd must still
// run to update its directory and $PWD. It moves the task like bash would
// (logically by default, physically with -P) and then hands the resulting
// absolute directory to the interpreter's cd. Failures become the internal
// "status" command, which prints the diagnostic with the right stderr.
func (s *shell) cd(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	physical, args, bad := cdOptions(args)
	if bad != 0 {
		return s.fail(hc, 2, "cd: "+s.badOption("cd", bad, "cd [-L|[-P [-e]] [-@]] [dir]"))
	}
	if len(args) > 1 && s.cdTooMany() {
		return s.fail(hc, 1, "cd: too many arguments")
	}
	dir, show := "", false
	switch {
	case len(args) == 0:
		if dir = hc.Env.Get("HOME").String(); dir == "" {
			if msg, ok := s.cdUnset("HOME"); ok {
				return s.fail(hc, 1, msg)
			}
			return []string{internal + "status", "0"}
		}
	case args[0] == "-":
		if dir = hc.Env.Get("OLDPWD").String(); dir == "" {
			if msg, ok := s.cdUnset("OLDPWD"); ok {
				return s.fail(hc, 1, msg)
			}
			dir = hc.Dir
		}
		show = true
	case args[0] == "":
		return []string{internal + "status", "0"}
	default:
		dir = args[0]
	}
	p := s.procOf(hc)
	p.syncDir(hc.Dir)
	target, err := p.chdir(hc.Dir, dir, physical)
	if err != nil {
		msg, code := s.cdFailure(dir, err)
		return s.fail(hc, code, msg)
	}
	if show {
		fmt.Fprintln(hc.Stdout, target)
	}
	return []string{"cd", target}
}

// cdOptions reads cd's -L, -P (the last wins), -e and -@; bad is an
// unknown option letter.
func cdOptions(args []string) (physical bool, rest []string, bad rune) {
	rest, bad = scanFlags(args, "LPe@", func(o rune) {
		if o == 'L' || o == 'P' {
			physical = o == 'P'
		}
	})
	return physical, rest, bad
}

// fail rewrites a command into the internal status command.
func (s *shell) fail(hc interp.HandlerContext, code int, msg string) []string {
	return []string{internal + "status", strconv.Itoa(code), s.linePrefix(hc.Pos.Line()) + msg}
}

// statusApplet prints its message, if any, and exits with its status.
func statusApplet(c *cmd) int {
	if len(c.Args) > 1 {
		c.Out.Flush()
		fmt.Fprintln(c.Errw, c.Args[1])
	}
	n, _ := strconv.Atoi(c.Args[0])
	return n
}

// chdir changes the task's directory and returns the interpreter's new
// directory. Like bash, a logical cd canonicalizes $PWD/dir lexically
// (checking that what ".." removes is a directory) and falls back to the
// name as given, whose directory is then found with getcwd. That fallback
// is what carries cd below PATH_MAX: the absolute name is too long for
// chdir, the name as given is not, and glibc's getcwd names the result
// (bash keeps the absolute name it built if even that fails).
func (p *proc) chdir(pwd, dir string, physical bool) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	abs := dir
	if !strings.HasPrefix(dir, "/") {
		abs = pwd + "/" + dir
	}
	if !physical {
		if canon, ok := p.canonPath(abs); ok {
			if p.task.Chdir(canon) == nil {
				p.dir = canon
				return canon, nil
			}
			abs = canon
		}
	}
	if err := p.task.Chdir(dir); err != nil {
		return "", err
	}
	cwd, err := libcGetcwd(p.task)
	if err != nil {
		cwd = path.Clean(abs)
	}
	p.dir = cwd
	return cwd, nil
}

// canonPath is bash's sh_canonpath: "." and empty components vanish and
// ".." removes the previous component, which must be a directory.
func (p *proc) canonPath(name string) (string, bool) {
	var parts []string
	for _, c := range strings.Split(name, "/") {
		switch c {
		case "", ".":
		case "..":
			if len(parts) > 0 {
				st, err := p.task.Stat("/" + strings.Join(parts, "/"))
				if err != nil || !applet.IsDir(uint32(st.Mode)) {
					return "", false
				}
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, c)
		}
	}
	return "/" + strings.Join(parts, "/"), true
}

// pwdApplet is bash's pwd: $PWD, or with -P the task's getcwd.
func pwdApplet(c *cmd) int {
	physical := false
	for _, a := range c.Args {
		switch a {
		case "-L":
			physical = false
		case "-P":
			physical = true
		default:
			if strings.HasPrefix(a, "-") {
				c.builtinErrorf("%s: invalid option\npwd: usage: pwd [-LP]", a)
				return 2
			}
		}
	}
	if !physical {
		if pwd := c.hc.Env.Get("PWD").String(); strings.HasPrefix(pwd, "/") {
			fmt.Fprintln(c.Out, pwd)
			return 0
		}
	}
	cwd, err := libcGetcwd(c.Task)
	if err != nil {
		// bash prints this one without its "NAME: line N:" prefix.
		c.Out.Flush()
		fmt.Fprintf(c.Errw, "pwd: error retrieving current directory: getcwd: cannot access parent directories: %s\n", applet.ErrText(err))
		return 1
	}
	fmt.Fprintln(c.Out, cwd)
	return 0
}

// umaskApplet is bash's umask acting on the task's fs_struct.
func umaskApplet(c *cmd) int {
	symbolic, reuse := false, false
	args, bad := scanFlags(c.Args, c.sh.umaskLetters(), func(o rune) {
		symbolic = symbolic || o == 'S'
		reuse = reuse || o == 'p'
	})
	if bad != 0 {
		c.builtinErrorf("%s", c.sh.badOption("umask", bad, "umask [-p] [-S] [mode]"))
		return 2
	}
	if len(args) == 0 {
		printUmask(c, c.Task.GetUmask(), symbolic, reuse)
		return 0
	}
	mask, err := parseUmask(c, args[0])
	if err != "" {
		msg, code := c.sh.umaskError(args[0], err == "number")
		c.builtinErrorf("%s", msg)
		return code
	}
	c.Task.Umask(mask)
	if symbolic && c.sh.umaskShowsSet() {
		printUmask(c, mask, true, false) // -p prefixes a listing only
	}
	return 0
}

func printUmask(c *cmd, mask uint32, symbolic, reuse bool) {
	if reuse {
		fmt.Fprint(c.Out, "umask ")
		if symbolic {
			fmt.Fprint(c.Out, "-S ")
		}
	}
	if !symbolic {
		fmt.Fprintf(c.Out, "%04o\n", mask)
		return
	}
	allowed := ^mask & 0o777
	var parts []string
	for i, who := range []string{"u", "g", "o"} {
		bits := allowed >> (6 - 3*i) & 7
		p := who + "="
		for j, r := range "rwx" {
			if bits&(4>>j) != 0 {
				p += string(r)
			}
		}
		parts = append(parts, p)
	}
	fmt.Fprintln(c.Out, strings.Join(parts, ","))
}

// parseUmask reads an octal mask, or a symbolic mode that says which
// permissions new files may keep; bad is "number" or "mode" for one it
// cannot read.
func parseUmask(c *cmd, arg string) (mask uint32, bad string) {
	if arg[0] >= '0' && arg[0] <= '9' {
		n, err := strconv.ParseUint(arg, 8, 32)
		if err != nil || n > 0o777 {
			return 0, "number"
		}
		return uint32(n), ""
	}
	ch, err := applet.ParseMode(arg)
	if err != nil {
		return 0, "mode"
	}
	allowed := ch.Apply(^c.Task.GetUmask()&0o777, true, 0)
	return ^allowed & 0o777, ""
}
