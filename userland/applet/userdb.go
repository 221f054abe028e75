// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The user and group database as glibc's "files" service reads it: the
// virtual system's /etc/passwd and /etc/group. A system without
// /etc/passwd (linuxvfs boots with no /etc) answers as if it held only
// root, which is what every host the differential tests compare with
// has (as Debian writes it); a script that needs other names writes or
// binds its own files.

// Passwd is one /etc/passwd entry (struct passwd).
type Passwd struct {
	Name       string
	UID, GID   uint32
	Dir, Shell string
}

// Group is one /etc/group entry (struct group).
type Group struct {
	Name    string
	GID     uint32
	Members []string
}

// fallbackDB is the database of a system without the files.
var fallbackDB = map[string]string{
	"/etc/passwd": "root:x:0:0:root:/root:/bin/bash\n",
	"/etc/group":  "root:x:0:\n",
}

// dbLines returns the lines of a database file with at least n
// colon-separated fields whose third is a number.
func dbLines(t *vfs.Task, file string, n int) [][]string {
	text := fallbackDB[file]
	if f, err := OpenFile(t, file, linux.O_RDONLY, 0); err == nil {
		b, _ := io.ReadAll(f)
		f.Close()
		text = string(b)
	}
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Split(line, ":")
		if len(fields) < n {
			continue
		}
		if _, err := strconv.ParseUint(fields[2], 10, 32); err != nil {
			continue
		}
		out = append(out, fields)
	}
	return out
}

func passwdOf(f []string) Passwd {
	uid, _ := strconv.ParseUint(f[2], 10, 32)
	gid, _ := strconv.ParseUint(f[3], 10, 32)
	return Passwd{Name: f[0], UID: uint32(uid), GID: uint32(gid), Dir: f[5], Shell: f[6]}
}

func groupOf(f []string) Group {
	gid, _ := strconv.ParseUint(f[2], 10, 32)
	g := Group{Name: f[0], GID: uint32(gid)}
	if f[3] != "" {
		g.Members = strings.Split(f[3], ",")
	}
	return g
}

// UserByName is getpwnam: the first entry of that name.
func UserByName(t *vfs.Task, name string) (Passwd, bool) {
	for _, f := range dbLines(t, "/etc/passwd", 7) {
		if f[0] == name {
			return passwdOf(f), true
		}
	}
	return Passwd{}, false
}

// UserByID is getpwuid: the first entry with that uid.
func UserByID(t *vfs.Task, uid uint32) (Passwd, bool) {
	for _, f := range dbLines(t, "/etc/passwd", 7) {
		if p := passwdOf(f); p.UID == uid {
			return p, true
		}
	}
	return Passwd{}, false
}

// GroupByName is getgrnam.
func GroupByName(t *vfs.Task, name string) (Group, bool) {
	for _, f := range dbLines(t, "/etc/group", 4) {
		if f[0] == name {
			return groupOf(f), true
		}
	}
	return Group{}, false
}

// GroupByID is getgrgid.
func GroupByID(t *vfs.Task, gid uint32) (Group, bool) {
	for _, f := range dbLines(t, "/etc/group", 4) {
		if g := groupOf(f); g.GID == gid {
			return g, true
		}
	}
	return Group{}, false
}

// GroupList is getgrouplist: gid first, then every other group that
// lists user as a member, in the file's order, each once.
func GroupList(t *vfs.Task, user string, gid uint32) []uint32 {
	list := []uint32{gid}
	for _, f := range dbLines(t, "/etc/group", 4) {
		g := groupOf(f)
		for _, m := range g.Members {
			if m == user && !slices.Contains(list, g.GID) {
				list = append(list, g.GID)
				break
			}
		}
	}
	return list
}
