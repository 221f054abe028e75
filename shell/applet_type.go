// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/interp"
)

// keywords are bash's reserved words, for type.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "case": true, "esac": true,
	"for": true, "select": true, "while": true, "until": true, "do": true, "done": true, "in": true,
	"function": true, "time": true, "{": true, "}": true, "!": true, "[[": true, "]]": true, "coproc": true,
}

// commandKind says what a name runs: "function", "keyword", "builtin",
// "file" (with the file's path: found along PATH as the shell would
// find it) or "" if nothing. "hashed" is a file the shell remembered
// (hash.go): bash counts the use; dash remembers what it finds.
func (c *cmd) commandKind(name string) (kind, file string) {
	if c.sh.dialect == Dash { // bash -c looks at aliases only with expand_aliases
		if v, ok := c.sh.procOf(c.hc).aliasTable().get(name); ok {
			return "alias", v
		}
	}
	switch {
	case c.sh.runner != nil && c.sh.runner.Funcs[name] != nil:
		return "function", ""
	case keywords[name]:
		return "keyword", ""
	case interp.IsBuiltin(name):
		return "builtin", ""
	}
	if file, ok := c.remembered(name); ok {
		return "hashed", file
	}
	if file, err := c.sh.commandFile(c.Task, c.hc, name); err == nil && c.executable(file) {
		if c.sh.dialect == Dash && !c.hc.Env.Get(noHashVar).IsSet() {
			c.sh.procOf(c.hc).hashTable().add(name, file, pathKey(c.hc.Env), 0)
		}
		return "file", file
	}
	if dirs := c.Set.ProgramDirs(name); dirs != nil && c.Set.Implicit() {
		return "file", dirs[0] + "/" + name
	}
	return "", ""
}

// remembered is name's file in the shell's table, if there.
func (c *cmd) remembered(name string) (string, bool) {
	if strings.Contains(name, "/") {
		return "", false
	}
	count := !c.hc.Env.Get(noHashVar).IsSet()
	return c.sh.procOf(c.hc).hashTable().lookup(name, pathKey(c.hc.Env), count)
}

// executable is what type and command -v check of a file they name: an
// executable regular file.
func (c *cmd) executable(file string) bool {
	st, err := c.Task.Stat(file)
	return err == nil && applet.IsReg(uint32(st.Mode)) && c.Task.Access(file, linux.X_OK) == nil
}

// describe is type's sentence about a name.
func describe(name, kind, file string, dialect Personality) string {
	switch {
	case kind == "function":
		return name + " is a function"
	case kind == "keyword":
		return name + " is a shell keyword"
	case kind == "builtin":
		return name + " is a shell builtin"
	case kind == "alias":
		return name + " is an alias for " + file
	case kind == "hashed" && dialect == Dash:
		return name + " is a tracked alias for " + file
	case kind == "hashed":
		return name + " is hashed (" + file + ")"
	}
	return name + " is " + file
}

// typeApplet is bash's type (-t, -p, -P) over builtins, functions and
// program files; the interpreter's would search the host's PATH.
func typeApplet(c *cmd) int {
	mode, args := "", c.Args
	for len(args) > 0 && len(args[0]) == 2 && args[0][0] == '-' {
		mode, args = args[0], args[1:]
	}
	status := 0
	for _, name := range args {
		kind, file := c.commandKind(name)
		switch {
		case kind == "":
			status = c.typeNotFound(name, mode != "-t" && mode != "-p")
		case mode == "-t" && kind == "hashed":
			fmt.Fprintln(c.Out, "file")
		case mode == "-t":
			fmt.Fprintln(c.Out, kind)
		case mode == "-p" || mode == "-P":
			if kind == "file" || kind == "hashed" {
				fmt.Fprintln(c.Out, file)
			}
		default:
			fmt.Fprintln(c.Out, describe(name, kind, file, c.sh.dialect))
		}
	}
	return status
}

// commandApplet is `command -v` and `command -V`.
func commandApplet(c *cmd) int {
	verbose := c.Args[0] == "-V"
	status := 0
	names := c.Args[1:]
	if c.sh.dialect == Dash && len(names) > 1 {
		names = names[:1] // the rest are the command's arguments
	}
	for _, name := range names {
		kind, file := c.commandKind(name)
		switch {
		case kind == "":
			status = c.typeNotFound(name, verbose)
		case verbose:
			fmt.Fprintln(c.Out, describe(name, kind, file, c.sh.dialect))
		case kind == "file" || kind == "hashed":
			fmt.Fprintln(c.Out, file)
		case kind == "alias":
			fmt.Fprintf(c.Out, "alias %s='%s'\n", name, strings.ReplaceAll(file, "'", `'"'"'`))
		default:
			fmt.Fprintln(c.Out, name)
		}
	}
	return status
}
