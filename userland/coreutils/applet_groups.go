// SPDX-License-Identifier: Apache-2.0

package coreutils

import "github.com/linuxvfs/linuxvfs/userland/applet"

// groups(1): the process's groups by name (id -Gn), or for each user
// named, "USER : GROUPS" from the user database.
func groupsApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [USERNAME]..."
	fs.About = "Print the groups of each USERNAME, or of this process."
	users, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	r := &idRun{c: c, names: true, ok: true}
	if len(users) == 0 {
		t := c.Task
		r.ruid, r.euid, _ = t.Getresuid()
		r.rgid, r.egid, _ = t.Getresgid()
		r.supplementary = processGroups(r.egid, t.Getgroups())
		r.printGroups()
		c.Out.WriteByte('\n')
	}
	for _, name := range users {
		pw, found := lookupUser(c.Task, name)
		if !found {
			c.Errorf("%s: no such user", c.QuoteArg(name))
			r.ok = false
			continue
		}
		r.rgid, r.egid = pw.GID, pw.GID
		r.supplementary = applet.GroupList(c.Task, pw.Name, pw.GID)
		c.Out.WriteString(name + " : ")
		r.printGroups()
		c.Out.WriteByte('\n')
	}
	if !r.ok {
		return 1
	}
	return 0
}

// egrepApplet and fgrepApplet are Debian's egrep and fgrep: scripts that
// run grep -E or grep -F, without grep 3.8's warning; grep names itself
// in what it says.
func egrepApplet(c *cmd) int { return grepAs(c, "-E") }

func fgrepApplet(c *cmd) int { return grepAs(c, "-F") }

func grepAs(c *cmd, opt string) int {
	c.Name, c.Argv0 = "grep", "grep"
	c.Args = append([]string{opt}, c.Args...)
	return grepApplet(c)
}
