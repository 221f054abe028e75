// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The coreutils programs that shells also have as builtins. A shell runs
// its builtin for the bare name; these run when the program itself is
// exec'd (/bin/echo, env echo, xargs echo, find -exec), by coreutils'
// rules, which are not the builtins': echo takes -e for escapes, pwd
// prints the physical directory unless -L, true and false answer a lone
// --help or --version.

const (
	echoHelp = `[-neE] [STRING]...
  or:  echo --help | --version
Write the STRINGs to standard output, separated by blanks, then a newline.

  -n     leave the newline out
  -e     take backslash escapes in the STRINGs
  -E     take backslashes as they are (the default)
      --help     show this help and exit
      --version  show the version and exit

Options are read only while the first words are made of n, e and E
alone; with -e, \\ \a \b \c (no more output) \e \f \n \r \t \v, \0NNN
and \NNN (octal) and \xHH (hex) stand for their bytes. POSIXLY_CORRECT
in the environment takes escapes always and no option but a first -n.
`
	trueHelp = `[ARGUMENT]...
  or:  true --help | --version
Do nothing, successfully. A lone --help or --version is the only
argument taken.
`
	falseHelp = `[ARGUMENT]...
  or:  false --help | --version
Do nothing, unsuccessfully. A lone --help or --version is the only
argument taken, and the status stays 1.
`
	pwdHelp = `[OPTION]...
Write the working directory's absolute name to standard output.

  -L, --logical   the name in PWD, if it is absolute, has no . or ..
                  and names this directory
  -P, --physical  the name with no symbolic links (the default)
      --help      show this help and exit
      --version   show the version and exit
`
)

// loneHelpOrVersion answers "--help" or "--version" given as the only
// argument, as echo, true and false do (no abbreviations, nothing else
// parsed); false when it is anything else.
func (c *cmd) loneHelpOrVersion(help string) bool {
	if len(c.Args) != 1 || c.Args[0] != "--help" && c.Args[0] != "--version" {
		return false
	}
	c.Getopt(nil, false, help)
	return true
}

func echoApplet(c *cmd) int {
	posix := c.Getenv("POSIXLY_CORRECT") != ""
	args := c.Args
	if !posix && c.loneHelpOrVersion(echoHelp) {
		return 0
	}
	newline, escapes := true, posix
	if !posix || len(args) > 0 && args[0] == "-n" {
		args, newline, escapes = applet.EchoOptions(args, newline, escapes)
	}
	escapes = escapes || posix // -E does not undo POSIXLY_CORRECT
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if !escapes {
			b.WriteString(a)
			continue
		}
		s, stop := applet.EchoEscapes(a, applet.CoreutilsEcho)
		b.WriteString(s)
		if stop {
			newline = false
			break
		}
	}
	if newline {
		b.WriteByte('\n')
	}
	c.Out.WriteString(b.String())
	return 0
}

func trueApplet(c *cmd) int {
	c.loneHelpOrVersion(trueHelp)
	return 0
}

func falseApplet(c *cmd) int {
	c.loneHelpOrVersion(falseHelp)
	return 1
}

// pwdApplet is pwd(1): physical unless -L (or POSIXLY_CORRECT); operands
// are ignored, with a warning.
func pwdApplet(c *cmd) int {
	logical := c.Getenv("POSIXLY_CORRECT") != ""
	opts := []getopt.Option{{Short: 'L', Long: "logical", ID: 'L'}, {Short: 'P', Long: "physical", ID: 'P'}}
	cl, status, ok := c.Getopt(opts, false, pwdHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		logical = o.ID == 'L'
	}
	if len(cl.Operands) > 0 {
		c.Errorf("ignoring non-option arguments")
	}
	if logical {
		if wd := c.Getenv("PWD"); namesCwd(c.Task, wd) {
			c.Out.WriteString(wd + "\n")
			return 0
		}
	}
	wd, err := applet.Getcwd(c.Task)
	if err != nil {
		// The walk up ".." found no entry for the directory: removed.
		c.Errorf("couldn't find directory entry in %s with matching i-node", c.Quote(".."))
		return 1
	}
	c.Out.WriteString(wd + "\n")
	return 0
}

// namesCwd is logical_getcwd's test of PWD: absolute, without "." or ".."
// components, and naming the working directory (same device and inode).
func namesCwd(t *vfs.Task, wd string) bool {
	if !strings.HasPrefix(wd, "/") {
		return false
	}
	for _, part := range strings.Split(wd, "/") {
		if part == "." || part == ".." {
			return false
		}
	}
	var a, b vfs.Statx
	if t.Statx(applet.AtCWD, wd, 0, &a) != nil || t.Statx(applet.AtCWD, ".", 0, &b) != nil {
		return false
	}
	return a.Dev() == b.Dev() && a.Ino == b.Ino
}
