// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/interp"
)

// hashUsage is bash's usage line for hash.
const hashUsage = "hash: usage: hash [-lr] [-p pathname] [-dt] [name ...]"

// hashApplet is the hash builtin over the shell's table (hash.go).
func hashApplet(c *cmd) int {
	if c.sh.dialect == Dash {
		return dashHashApplet(c)
	}
	return bashHashApplet(c)
}

// hashOpts are bash hash's options.
type hashOpts struct {
	list, reset, del, show bool
	file                   string // -p's pathname
	havePath               bool
}

// parseHashOpts reads bash hash's options; bad is the status of a
// mistake, already reported.
func (c *cmd) parseHashOpts(args []string) (o hashOpts, rest []string, bad int) {
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		word := args[0]
		args = args[1:]
		if word == "--" {
			break
		}
		for i := 1; i < len(word); i++ {
			switch word[i] {
			case 'l':
				o.list = true
			case 'r':
				o.reset = true
			case 'd':
				o.del = true
			case 't':
				o.show = true
			case 'p':
				switch {
				case i+1 < len(word):
					o.file = word[i+1:]
				case len(args) > 0:
					o.file, args = args[0], args[1:]
				default:
					c.builtinErrorf("-p: option requires an argument\n%s", hashUsage)
					return o, nil, 2
				}
				o.havePath, i = true, len(word)
			default:
				c.builtinErrorf("-%c: invalid option\n%s", word[i], hashUsage)
				return o, nil, 2
			}
		}
	}
	return o, args, 0
}

// bashHashApplet is bash's hash: list, forget (-r, -d), show (-t, -l)
// or add names, found along PATH or given by -p.
func bashHashApplet(c *cmd) int {
	o, names, bad := c.parseHashOpts(c.Args)
	if bad != 0 {
		return bad
	}
	h, path := c.sh.procOf(c.hc).hashTable(), pathKey(c.hc.Env)
	if len(names) == 0 && (o.del || o.show) {
		flag := "-t"
		if o.del {
			flag = "-d"
		}
		c.builtinErrorf("%s: option requires an argument", flag)
		return 1 // before -r empties anything
	}
	if o.reset {
		h.reset(path)
	}
	if len(names) == 0 {
		if !o.reset {
			c.printBashTable(h.list(path, Bash), o.list)
		}
		return 0
	}
	status := 0
	for _, name := range names {
		if !c.bashHashName(h, path, name, o, len(names)) {
			status = 1
		}
	}
	return status
}

// printBashTable prints the table as hash does, or as -l's commands.
func (c *cmd) printBashTable(entries []listed, portable bool) {
	switch {
	case portable:
		for _, e := range entries {
			fmt.Fprintf(c.Out, "builtin hash -p %s %s\n", e.file, e.name)
		}
	case len(entries) == 0:
		fmt.Fprintln(c.Out, "hash: hash table empty")
	default:
		fmt.Fprintln(c.Out, "hits\tcommand")
		for _, e := range entries {
			fmt.Fprintf(c.Out, "%4d\t%s\n", e.hits, e.file)
		}
	}
}

// bashHashName does what o says with one name; false for a name it has
// nothing for.
func (c *cmd) bashHashName(h *cmdHash, path, name string, o hashOpts, count int) bool {
	slash := strings.Contains(name, "/")
	switch {
	case o.havePath && slash, o.del && slash:
		// bash keeps no names with a slash
	case o.havePath:
		if st, err := c.Task.Stat(o.file); err == nil && applet.IsDir(uint32(st.Mode)) {
			c.builtinErrorf("%s: Is a directory", o.file)
			return false
		}
		h.add(name, o.file, path, 0)
	case o.del:
		if !h.remove(name, path) {
			c.builtinErrorf("%s: not found", name)
			return false
		}
	case o.show:
		file, ok := h.lookup(name, path, true)
		switch {
		case !ok:
			c.builtinErrorf("%s: not found", name)
			return false
		case o.list:
			fmt.Fprintf(c.Out, "builtin hash -p %s %s\n", file, name)
		case count > 1:
			fmt.Fprintf(c.Out, "%s\t%s\n", name, file)
		default:
			fmt.Fprintln(c.Out, file)
		}
	default:
		return c.hashLookup(h, path, name)
	}
	return true
}

// hashLookup adds name as found along PATH; builtins, functions and
// names with a slash are left alone.
func (c *cmd) hashLookup(h *cmdHash, path, name string) bool {
	if strings.Contains(name, "/") || interp.IsBuiltin(name) || c.sh.isFunc(c.sh.procOf(c.hc), name) {
		return true
	}
	file, err := c.sh.commandFile(c.Task, c.hc, name)
	if err != nil || !c.executable(file) {
		c.builtinErrorf("%s: not found", name)
		return false
	}
	h.add(name, file, path, 0)
	return true
}

// dashHashApplet is dash's hash: -r forgets everything, names are looked
// up and remembered, no operand lists the files remembered.
func dashHashApplet(c *cmd) int {
	args := c.Args
	h, path := c.sh.procOf(c.hc).hashTable(), pathKey(c.hc.Env)
	if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && args[0] != "--" {
		for _, o := range args[0][1:] {
			if o != 'r' {
				c.builtinErrorf("Illegal option -%c", o)
				return 2
			}
		}
		h.reset(path)
		return 0
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		for _, e := range h.list(path, Dash) {
			fmt.Fprintln(c.Out, e.file)
		}
		return 0
	}
	status := 0
	for _, name := range args {
		if !c.hashLookup(h, path, name) {
			status = 1
		}
	}
	return status
}
