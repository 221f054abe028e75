// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

var idOptions = []getopt.Option{
	{Short: 'a'},
	{Short: 'Z', Long: "context"},
	{Short: 'g', Long: "group"},
	{Short: 'G', Long: "groups"},
	{Short: 'n', Long: "name"},
	{Short: 'r', Long: "real"},
	{Short: 'u', Long: "user"},
	{Short: 'z', Long: "zero"},
}

const idHelp = `[OPTION]... [USER]...
Show the user and group IDs of each USER, or of this process without one.

  -u, --user     just the effective user's ID
  -g, --group    just the effective group's ID
  -G, --groups   only the group IDs: real, effective, supplementary
  -n, --name     names instead of numbers (with -u, -g or -G)
  -r, --real     real IDs instead of effective ones (with -u, -g or -G)
  -z, --zero     end each entry with NUL instead of space or newline
  -Z, --context  the security context (linuxvfs has no SELinux)
  -a             accepted and ignored
      --help     show this help
      --version  show the version

Names come from /etc/passwd and /etc/group; a system without them knows
root (0) only.
`

// idRun holds id's options and the IDs being shown.
type idRun struct {
	c                          *cmd
	user, group, groups, names bool
	real, zero                 bool
	ruid, euid, rgid, egid     uint32
	supplementary              []uint32
	ok                         bool
}

// idApplet is id(1).
func idApplet(c *cmd) int {
	r := &idRun{c: c, ok: true}
	only := 0
	operands, status, ok := c.GetoptEach(idOptions, false, idHelp, func(o getopt.Parsed) bool {
		switch o.ID {
		case 'Z':
			c.Errorf("--context (-Z) works only on an SELinux-enabled kernel")
			return false
		case 'u':
			r.user = true
		case 'g':
			r.group = true
		case 'G':
			r.groups = true
		case 'n':
			r.names = true
		case 'r':
			r.real = true
		case 'z':
			r.zero = true
		}
		return true
	})
	if !ok {
		return status
	}
	for _, set := range []bool{r.user, r.group, r.groups} {
		if set {
			only++
		}
	}
	switch {
	case only > 1:
		c.Errorf(`cannot print "only" of more than one choice`)
		return 1
	case only == 0 && (r.real || r.names):
		c.Errorf("cannot print only names or real IDs in default format")
		return 1
	case only == 0 && r.zero:
		c.Errorf("option --zero not permitted in default format")
		return 1
	}
	if len(operands) == 0 {
		t := c.Task
		r.ruid, r.euid, _ = t.Getresuid()
		r.rgid, r.egid, _ = t.Getresgid()
		r.supplementary = processGroups(r.egid, t.Getgroups())
		r.print(len(operands) > 1)
	}
	for _, spec := range operands {
		pw, ok := applet.Passwd{}, false
		if spec != "" {
			pw, ok = lookupUser(c.Task, spec)
		}
		if !ok {
			// id reports the errno it finds: glibc's start-up left
			// ENOENT for an empty name, which is not looked up.
			if spec == "" {
				c.Errorf("%s: no such user: %s", c.QuoteArg(spec), linux.ENOENT)
			} else {
				c.Errorf("%s: no such user", c.QuoteArg(spec))
			}
			r.ok = false
			continue
		}
		r.ruid, r.euid, r.rgid, r.egid = pw.UID, pw.UID, pw.GID, pw.GID
		r.supplementary = applet.GroupList(c.Task, pw.Name, pw.GID)
		r.print(len(operands) > 1)
	}
	if !r.ok {
		return 1
	}
	return 0
}

// lookupUser is parse_user_spec then getpwuid: a user name, or a number
// that must be some user's uid.
func lookupUser(t *vfs.Task, spec string) (applet.Passwd, bool) {
	if pw, ok := applet.UserByName(t, spec); ok {
		return pw, true
	}
	n, err := strconv.ParseUint(spec, 10, 32)
	if err != nil {
		return applet.Passwd{}, false
	}
	return applet.UserByID(t, uint32(n))
}

// processGroups is the group list of the process: the effective group
// first, then the supplementary groups, without the duplicates a single
// pass finds (the effective group again, or a group twice in a row), as
// gnulib's mgetgroups does.
func processGroups(egid uint32, groups []uint32) []uint32 {
	list := []uint32{egid}
	for _, g := range groups {
		if g != egid && g != list[len(list)-1] {
			list = append(list, g)
		}
	}
	return list
}

// print writes one line (or NUL-ended record) about the IDs in r.
func (r *idRun) print(multiple bool) {
	out := r.c.Out
	end := byte('\n')
	if r.zero {
		end = 0
	}
	switch {
	case r.user:
		out.WriteString(r.id(r.pick(r.ruid, r.euid), true))
	case r.group:
		out.WriteString(r.id(r.pick(r.rgid, r.egid), false))
	case r.groups:
		r.printGroups()
		if r.zero && multiple {
			out.WriteByte(0)
		}
	default:
		r.printFull()
	}
	out.WriteByte(end)
}

func (r *idRun) pick(real, effective uint32) uint32 {
	if r.real {
		return real
	}
	return effective
}

// id is one ID as -u, -g and -G show it: its number, or with -n its name
// (the number, and a failure, when it has none).
func (r *idRun) id(n uint32, user bool) string {
	num := strconv.FormatUint(uint64(n), 10)
	if !r.names {
		return num
	}
	name, kind := r.groupName(n), "group"
	if user {
		name, kind = r.userName(n), "user"
	}
	if name == "" {
		r.c.Errorf("cannot find name for %s ID %s", kind, num)
		r.ok = false
		return num
	}
	return name
}

// printGroups is -G: the real group, the effective one if it differs,
// then the other groups.
func (r *idRun) printGroups() {
	delim := " "
	if r.zero {
		delim = "\x00"
	}
	list := []string{r.id(r.rgid, false)}
	if r.egid != r.rgid {
		list = append(list, r.id(r.egid, false))
	}
	for _, g := range r.supplementary {
		if g != r.rgid && g != r.egid {
			list = append(list, r.id(g, false))
		}
	}
	r.c.Out.WriteString(strings.Join(list, delim))
}

// printFull is the default format: uid=N(name) gid=... [euid=...]
// [egid=...] groups=....
func (r *idRun) printFull() {
	named := func(n uint32, lookup func(uint32) string) string {
		s := strconv.FormatUint(uint64(n), 10)
		if name := lookup(n); name != "" {
			s += "(" + name + ")"
		}
		return s
	}
	out := r.c.Out
	out.WriteString("uid=" + named(r.ruid, r.userName) + " gid=" + named(r.rgid, r.groupName))
	if r.euid != r.ruid {
		out.WriteString(" euid=" + named(r.euid, r.userName))
	}
	if r.egid != r.rgid {
		out.WriteString(" egid=" + named(r.egid, r.groupName))
	}
	groups := make([]string, len(r.supplementary))
	for k, g := range r.supplementary {
		groups[k] = named(g, r.groupName)
	}
	out.WriteString(" groups=" + strings.Join(groups, ","))
}

// userName is getpwuid's name for uid, "" for none.
func (r *idRun) userName(uid uint32) string {
	pw, _ := applet.UserByID(r.c.Task, uid)
	return pw.Name
}

// groupName is getgrgid's name for gid, "" for none.
func (r *idRun) groupName(gid uint32) string {
	g, _ := applet.GroupByID(r.c.Task, gid)
	return g.Name
}
