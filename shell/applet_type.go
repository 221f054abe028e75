// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"

	"mvdan.cc/sh/v3/interp"
)

// keywords are bash's reserved words, for type.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "case": true, "esac": true,
	"for": true, "select": true, "while": true, "until": true, "do": true, "done": true, "in": true,
	"function": true, "time": true, "{": true, "}": true, "!": true, "[[": true, "]]": true, "coproc": true,
}

// commandKind says what a name runs: "function", "keyword", "builtin",
// "file" (an applet, shown where coreutils lives) or "" if nothing.
func (c *cmd) commandKind(name string) string {
	switch {
	case c.sh.runner != nil && c.sh.runner.Funcs[name] != nil:
		return "function"
	case keywords[name]:
		return "keyword"
	case interp.IsBuiltin(name):
		return "builtin"
	case c.sh.set.Lookup(name) != nil:
		return "file"
	}
	return ""
}

// describe is type's sentence about a name.
func describe(name, kind string) string {
	switch kind {
	case "function":
		return name + " is a function"
	case "keyword":
		return name + " is a shell keyword"
	case "builtin":
		return name + " is a shell builtin"
	}
	return name + " is /usr/bin/" + name
}

// typeApplet is bash's type (-t, -p, -P) over builtins, functions and
// applets; the interpreter's would search the host's PATH.
func typeApplet(c *cmd) int {
	mode, args := "", c.Args
	for len(args) > 0 && len(args[0]) == 2 && args[0][0] == '-' {
		mode, args = args[0], args[1:]
	}
	status := 0
	for _, name := range args {
		kind := c.commandKind(name)
		switch {
		case kind == "":
			status = c.typeNotFound(name, mode != "-t" && mode != "-p")
		case mode == "-t":
			fmt.Fprintln(c.Out, kind)
		case mode == "-p" || mode == "-P":
			if kind == "file" {
				fmt.Fprintln(c.Out, "/usr/bin/"+name)
			}
		default:
			fmt.Fprintln(c.Out, describe(name, kind))
		}
	}
	return status
}

// commandApplet is `command -v` and `command -V`.
func commandApplet(c *cmd) int {
	verbose := c.Args[0] == "-V"
	status := 0
	for _, name := range c.Args[1:] {
		kind := c.commandKind(name)
		switch {
		case kind == "":
			status = c.typeNotFound(name, verbose)
		case verbose:
			fmt.Fprintln(c.Out, describe(name, kind))
		case kind == "file":
			fmt.Fprintln(c.Out, "/usr/bin/"+name)
		default:
			fmt.Fprintln(c.Out, name)
		}
	}
	return status
}
