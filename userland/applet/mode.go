// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Permission bit groups, as sys/stat.h names them.
const (
	ModeBits = 0o7777 // CHMOD_MODE_BITS
	RwxUGO   = 0o777
	ReadAll  = 0o444
	WriteAll = 0o222
	ExecAll  = 0o111
)

const setIDBits = linux.S_ISUID | linux.S_ISGID

// modeAction is one operator of a mode: "u+x" is one, "u+x-w" two, and an
// octal mode "755" is one '=' of every bit.
type modeAction struct {
	op byte // '+', '-' or '='
	// who is the bits the clause's u, g, o or a select; 0 when the clause
	// names none, which means every bit less the umask.
	who uint32
	// perms is the bits of r, w, x, s, t (or of octal digits).
	perms uint32
	// copyFrom is the class (0o700, 0o070, 0o007) whose bits "g=u" and
	// the like copy into the others; 0 for none.
	copyFrom uint32
	// execIfAny is X: x for directories and for files with some x bit.
	execIfAny bool
	// dirKeeps is the set-ID bits a directory keeps because the mode did
	// not name them ("chmod 755" leaves a directory's setgid bit alone).
	dirKeeps uint32
}

// ModeChange is a parsed mode, as chmod, mkdir -m, mknod -m, install -m
// and umask take one: octal ("755", "4755") or symbolic clauses separated
// by commas ("u+s,g=u,o-w", "+X", "a+rwx", "go=").
type ModeChange []modeAction

var errBadMode = errors.New("invalid mode")

// ParseMode reads a mode.
func ParseMode(s string) (ModeChange, error) {
	if s != "" && isOctalDigit(s[0]) {
		m, ok := octalValue(s)
		if !ok {
			return nil, errBadMode
		}
		var keeps uint32
		if len(s) < 5 {
			// Short octal modes say nothing of a directory's set-ID bits
			// they leave clear.
			keeps = setIDBits &^ m
		}
		return ModeChange{{op: '=', who: ModeBits, perms: m, dirKeeps: keeps}}, nil
	}
	var ch ModeChange
	for _, clause := range strings.Split(s, ",") {
		acts, ok := parseClause(clause)
		if !ok {
			return nil, errBadMode
		}
		ch = append(ch, acts...)
	}
	return ch, nil
}

func isOctalDigit(c byte) bool { return c >= '0' && c <= '7' }

// octalValue reads a whole string of octal digits no larger than 07777.
func octalValue(s string) (uint32, bool) {
	if s == "" {
		return 0, false
	}
	var m uint32
	for i := 0; i < len(s); i++ {
		if !isOctalDigit(s[i]) {
			return 0, false
		}
		if m = m<<3 | uint32(s[i]-'0'); m > ModeBits {
			return 0, false
		}
	}
	return m, true
}

// whoBits is what one of u, g, o, a selects.
var whoBits = map[byte]uint32{
	'u': linux.S_ISUID | 0o700,
	'g': linux.S_ISGID | 0o070,
	'o': linux.S_ISVTX | 0o007,
	'a': ModeBits,
}

// permBits is what one of r, w, x, s, t grants, to every class; the who
// part narrows it.
var permBits = map[byte]uint32{
	'r': ReadAll, 'w': WriteAll, 'x': ExecAll, 's': setIDBits, 't': linux.S_ISVTX,
}

// classBits is the class one of u, g, o copies from.
var classBits = map[byte]uint32{'u': 0o700, 'g': 0o070, 'o': 0o007}

// parseClause reads "who op perms [op perms]...".
func parseClause(c string) ([]modeAction, bool) {
	var who uint32
	i := 0
	for ; i < len(c) && whoBits[c[i]] != 0; i++ {
		who |= whoBits[c[i]]
	}
	if i == len(c) {
		return nil, false // no operator
	}
	var acts []modeAction
	for i < len(c) {
		a := modeAction{op: c[i], who: who}
		if a.op != '+' && a.op != '-' && a.op != '=' {
			return nil, false
		}
		i++
		rest := c[i:]
		switch {
		case rest != "" && isOctalDigit(rest[0]):
			// "=755", "+4000": only without a who, and only as the
			// clause's end.
			m, ok := octalValue(rest)
			if !ok || who != 0 {
				return nil, false
			}
			a.who, a.perms = ModeBits, m
			i = len(c)
		case rest != "" && classBits[rest[0]] != 0:
			a.copyFrom = classBits[rest[0]]
			i++
		default:
			for ; i < len(c); i++ {
				switch {
				case c[i] == 'X':
					a.execIfAny = true
				case permBits[c[i]] != 0:
					a.perms |= permBits[c[i]]
				default:
					goto done
				}
			}
		done:
			named := a.perms
			if who != 0 {
				named &= who
			}
			a.dirKeeps = setIDBits &^ named
		}
		if a.copyFrom != 0 {
			a.dirKeeps = setIDBits
		}
		acts = append(acts, a)
	}
	return acts, true
}

// spread gives every class the r, w and x bits any class in v has.
func spread(v uint32) uint32 {
	var out uint32
	for _, m := range []uint32{ReadAll, WriteAll, ExecAll} {
		if v&m != 0 {
			out |= m
		}
	}
	return out
}

// Apply is the permission bits (07777) that ch makes of old, for a
// directory or not; clauses without a who leave the umask's bits alone.
func (ch ModeChange) Apply(old uint32, dir bool, umask uint32) uint32 {
	m, _ := ch.Adjust(old, dir, umask)
	return m
}

// Adjust is Apply also returning the bits the change set or cleared on
// purpose (mkdir -m uses them to know what the umask must not hide).
func (ch ModeChange) Adjust(old uint32, dir bool, umask uint32) (mode, touched uint32) {
	mode = old & ModeBits
	for _, a := range ch {
		grant := a.perms
		if a.copyFrom != 0 {
			grant = spread(mode & a.copyFrom)
		}
		if a.execIfAny && (dir || mode&ExecAll != 0) {
			grant |= ExecAll
		}
		scope := a.who
		if scope == 0 {
			scope = ModeBits &^ umask
		}
		if dir {
			scope &^= a.dirKeeps
		}
		grant &= scope
		switch a.op {
		case '+':
			mode |= grant
			touched |= grant
		case '-':
			mode &^= grant
			touched |= grant
		case '=':
			clear := a.who
			if clear == 0 {
				clear = ModeBits
			}
			if dir {
				clear &^= a.dirKeeps
			}
			mode = mode&^clear | grant
			touched |= clear
		}
	}
	return mode & ModeBits, touched
}

// ModeString is filemodestring: "drwxr-xr-x" and the like.
func ModeString(mode uint32) string {
	b := []byte{typeLetter(mode), '-', '-', '-', '-', '-', '-', '-', '-', '-'}
	for i, c := range "rwxrwxrwx" {
		if mode&(0o400>>i) != 0 {
			b[i+1] = byte(c)
		}
	}
	special := []struct {
		bit   uint32
		pos   int
		set   byte
		unset byte
	}{{linux.S_ISUID, 3, 's', 'S'}, {linux.S_ISGID, 6, 's', 'S'}, {linux.S_ISVTX, 9, 't', 'T'}}
	for _, s := range special {
		if mode&s.bit == 0 {
			continue
		}
		if b[s.pos] == 'x' {
			b[s.pos] = s.set
		} else {
			b[s.pos] = s.unset
		}
	}
	return string(b)
}

// typeLetter is ls's file type character.
func typeLetter(mode uint32) byte {
	switch mode & linux.S_IFMT {
	case linux.S_IFDIR:
		return 'd'
	case linux.S_IFLNK:
		return 'l'
	case linux.S_IFCHR:
		return 'c'
	case linux.S_IFBLK:
		return 'b'
	case linux.S_IFIFO:
		return 'p'
	case linux.S_IFSOCK:
		return 's'
	}
	return '-'
}

// FileTypeName is stat's %F.
func FileTypeName(mode uint32, size int64) string {
	switch mode & linux.S_IFMT {
	case linux.S_IFREG:
		if size == 0 {
			return "regular empty file"
		}
		return "regular file"
	case linux.S_IFDIR:
		return "directory"
	case linux.S_IFLNK:
		return "symbolic link"
	case linux.S_IFCHR:
		return "character special file"
	case linux.S_IFBLK:
		return "block special file"
	case linux.S_IFIFO:
		return "fifo"
	case linux.S_IFSOCK:
		return "socket"
	}
	return "weird file"
}

// SetMode is the change that sets every permission bit to those of mode,
// as chmod --reference does.
func SetMode(mode uint32) ModeChange {
	return ModeChange{{op: '=', who: ModeBits, perms: mode & ModeBits}}
}
