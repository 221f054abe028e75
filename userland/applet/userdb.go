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
// virtual system's /etc/passwd and /etc/group, read afresh at each lookup.
// A root without them (a chroot, the new root after pivot_root, a boot
// image that has none) knows no names: IDs stay numbers, as on Linux.
// The default system writes base-passwd's entries at boot (BaseDatabase).

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

// baseDB is a Debian base system's database (base-passwd).
var baseDB = map[string]string{
	"/etc/passwd": `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`,
	"/etc/group": `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`,
}

// BaseDatabase is the text of file (/etc/passwd or /etc/group) as a
// Debian base system installs it, "" for another file.
func BaseDatabase(file string) string { return baseDB[file] }

// dbLines returns the lines of a database file with at least n
// colon-separated fields whose third is a number.
func dbLines(t *vfs.Task, file string, n int) [][]string {
	var text string
	if f, err := OpenFile(t, file, linux.O_RDONLY|linux.O_CLOEXEC, 0); err == nil {
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

// UserName is the name of uid, or "" if it has none.
func UserName(t *vfs.Task, uid uint32) string {
	p, _ := UserByID(t, uid)
	return p.Name
}

// GroupName is the name of gid, or "" if it has none.
func GroupName(t *vfs.Task, gid uint32) string {
	g, _ := GroupByID(t, gid)
	return g.Name
}
