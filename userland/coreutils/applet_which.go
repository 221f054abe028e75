// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// whichApplet is debianutils' which(1) (a shell script on Debian 12; it
// lives here with the other small tools): the first executable regular
// file of each name along PATH, all of them with -a; a name with a slash
// is checked as it is. Status 0 when every name was found, 1 otherwise
// (and for no names), 2 for a bad option, which getopts reports.
func whichApplet(c *cmd) int {
	all := false
	args := c.Args
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		for _, o := range args[0][1:] {
			if o != 'a' {
				fmt.Fprintf(c.Errw, "Illegal option -%c\n", o)
				fmt.Fprintf(c.Out, "Usage: %s [-a] args\n", whichSelf(c))
				return 2
			}
			all = true
		}
		args = args[1:]
	}
	status := 0
	if len(args) == 0 {
		status = 1
	}
	for _, name := range args {
		if !c.whichOne(name, all) {
			status = 1
		}
	}
	return status
}

// whichSelf is the script's $0: the path it was run by.
func whichSelf(c *cmd) string {
	if strings.Contains(c.Name, "/") {
		return c.Name
	}
	return "/usr/bin/which"
}

// whichOne prints where name is found and says whether it was.
func (c *cmd) whichOne(name string, all bool) bool {
	if strings.Contains(name, "/") {
		if c.whichExecutable(name) {
			fmt.Fprintln(c.Out, name)
			return true
		}
		return false
	}
	found := false
	for _, dir := range whichPath(c.Getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		if p := dir + "/" + name; c.whichExecutable(p) {
			fmt.Fprintln(c.Out, p)
			found = true
			if !all {
				break
			}
		}
	}
	return found
}

// whichPath splits PATH as the script's IFS=: loop does, after it made
// a trailing empty element survive by adding a colon.
func whichPath(path string) []string {
	if path == "" {
		return nil
	}
	if n := len(path); n >= 2 && path[n-1] == ':' && path[n-2] != ':' {
		path += ":"
	}
	parts := strings.Split(path, ":")
	if strings.HasSuffix(path, ":") {
		parts = parts[:len(parts)-1] // a final separator ends a field
	}
	return parts
}

// whichExecutable is test -f && test -x.
func (c *cmd) whichExecutable(p string) bool {
	st, err := c.Task.Stat(p)
	return err == nil && applet.IsReg(uint32(st.Mode)) && c.Task.Access(p, linux.X_OK) == nil
}
