// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Backups of files about to be replaced (ln -b, --backup, -S), named as
// GNU's backup code names them: NAME~ (or another suffix), or numbered
// NAME.~N~.

// backupKind is a --backup CONTROL.
type backupKind uint8

const (
	noBackups backupKind = iota
	simpleBackups
	// numberedIfAny makes numbered backups of files that have some
	// already, simple ones of the others.
	numberedIfAny
	numberedBackups
)

// backupWords are the CONTROL words, synonyms grouped, in backupKind
// order.
var backupWords = [][]string{{"none", "off"}, {"simple", "never"}, {"existing", "nil"}, {"numbered", "t"}}

// backupControl settles the backup kind from --backup's CONTROL, else
// from VERSION_CONTROL; neither set (or empty) means numberedIfAny. An
// unknown word is reported (naming the variable when it came from
// there) and ok is false.
func (c *cmd) backupControl(control string) (kind backupKind, ok bool) {
	context := "backup type"
	if control == "" {
		context, control = "$VERSION_CONTROL", c.Getenv("VERSION_CONTROL")
	}
	if control == "" {
		return numberedIfAny, true
	}
	k, ok := c.lsArgmatch(context, control, backupWords)
	return backupKind(k), ok
}

// backupSuffix is the suffix of simple backups: -S's, else
// SIMPLE_BACKUP_SUFFIX's, if it is a non-empty name without a slash;
// otherwise "~".
func (c *cmd) backupSuffix(suffix string, given bool) string {
	if !given {
		suffix = c.Getenv("SIMPLE_BACKUP_SUFFIX")
	}
	if suffix == "" || strings.Contains(suffix, "/") {
		return "~"
	}
	return suffix
}

// backupName is the name a backup of name (relative to dirfd) takes.
// Numbered backups count on from the highest NAME.~N~ in name's
// directory.
func (c *cmd) backupName(dirfd int, name string, kind backupKind, suffix string) string {
	if kind == simpleBackups {
		return name + suffix
	}
	next, found := c.nextBackupNumber(dirfd, name)
	if !found && kind == numberedIfAny {
		return fitBackupName(name, suffix)
	}
	return fitBackupName(name, ".~"+next+"~")
}

// nextBackupNumber is one more than the highest number of name's
// numbered backups ("1" when there are none, found false then). The
// numbers are decimal strings of any length.
func (c *cmd) nextBackupNumber(dirfd int, name string) (next string, found bool) {
	dir, base := ".", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, base = name[:i+1], name[i+1:]
	}
	fd, err := c.Task.Openat(dirfd, dir, 0, 0)
	if err != nil {
		return "1", false
	}
	ents, _ := applet.ReadDirentsFd(c.Task, fd, false)
	c.Task.Close(fd)
	highest := ""
	for _, e := range ents {
		n, ok := strings.CutPrefix(e.Name, base+".~")
		if !ok {
			continue
		}
		n, ok = strings.CutSuffix(n, "~")
		if !ok || n == "" || n[0] == '0' || strings.Trim(n, "0123456789") != "" {
			continue
		}
		if len(n) > len(highest) || len(n) == len(highest) && n > highest {
			highest = n
		}
	}
	if highest == "" {
		return "1", false
	}
	return decimalIncrement(highest), true
}

// decimalIncrement adds one to a decimal string of any length.
func decimalIncrement(n string) string {
	b := []byte(n)
	i := len(b) - 1
	for i >= 0 && b[i] == '9' {
		b[i] = '0'
		i--
	}
	if i < 0 {
		return "1" + string(b)
	}
	b[i]++
	return string(b)
}

// fitBackupName appends ext to name; a last component growing beyond
// NAME_MAX gets a lone '~' in place of ext, its end cut to make room.
func fitBackupName(name, ext string) string {
	const nameMax = 255
	base := name[strings.LastIndexByte(name, '/')+1:]
	if len(base)+len(ext) <= nameMax {
		return name + ext
	}
	keep := min(len(base), nameMax-1)
	return name[:len(name)-len(base)] + base[:keep] + "~"
}
