// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
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
	k, ok := c.argmatch(context, control, backupWords)
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

// backupArgs are what -b, --backup[=CONTROL] and -S SUFFIX said, for
// ln, cp and mv to settle once their options are read.
type backupArgs struct {
	make, suffixGiven bool
	control, suffix   string
}

// addBackupFlags declares -b/--backup[=CONTROL] and -S/--suffix=SUFFIX;
// a suffix alone asks for backups too.
func addBackupFlags(fs *applet.FlagSet, a *backupArgs) {
	fs.OptionalFunc("backup", "b", "back up each destination that exists, as `CONTROL` says", func(v string, given bool) error {
		a.make = true
		if given {
			a.control = v
		}
		return nil
	})
	fs.ArgFunc("suffix", "S", "end simple backups' names with `SUFFIX`", func(v string) error {
		a.make, a.suffixGiven, a.suffix = true, true, v
		return nil
	})
}

// settle gives the backup kind (noBackups without -b or -S) and the
// suffix; a bad CONTROL is reported and ok is false.
func (a *backupArgs) settle(c *cmd) (kind backupKind, suffix string, ok bool) {
	kind = noBackups
	if a.make {
		if kind, ok = c.backupControl(a.control); !ok {
			return noBackups, "", false
		}
	}
	return kind, c.backupSuffix(a.suffix, a.suffixGiven), true
}

// backupAside renames the file at path dst to the name its backup takes,
// and returns that name; "" when there was nothing to back up.
func (c *cmd) backupAside(dst string, kind backupKind, suffix string) (string, error) {
	name := c.backupName(applet.AtCWD, dst, kind, suffix)
	err := c.Task.Renameat2(applet.AtCWD, dst, applet.AtCWD, name, 0)
	switch {
	case err == nil:
		return name, nil
	case errors.Is(err, linux.ENOENT):
		return "", nil
	}
	c.Errorf("cannot backup %s: %s", c.Quote(dst), applet.ErrText(err))
	return "", err
}

// backupNote is what -v adds to a line about a file that replaced one
// now kept as the backup name: " (backup: 'NAME')".
func backupNote(name string) string {
	if name == "" {
		return ""
	}
	return " (backup: " + applet.Quote(name) + ")"
}
