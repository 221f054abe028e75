// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"

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

// How a modeOp takes its value (gnulib modechange's flags).
const (
	modeOrdinary     = iota // the listed bits
	modeXIfAnyX             // X: execute if a directory or already executable
	modeCopyExisting        // u, g or o: copy that class's bits
)

// modeOp is one "who op perms" clause of a symbolic or octal mode
// (struct mode_change).
type modeOp struct {
	op        byte // '=', '+' or '-'
	flag      int
	affected  uint32
	value     uint32
	mentioned uint32
}

// ModeChange is a compiled mode string, as chmod, mkdir -m, mknod -m and
// umask accept it.
type ModeChange []modeOp

var errBadMode = errors.New("invalid mode")

// ParseMode is gnulib's mode_compile.
func ParseMode(s string) (ModeChange, error) {
	if s != "" && s[0] >= '0' && s[0] <= '7' {
		return parseOctalMode(s)
	}
	var ch ModeChange
	p := 0
	for {
		affected, n := parseWho(s[p:])
		p += n
		if p >= len(s) || !isModeOp(s[p]) {
			return nil, errBadMode
		}
		for p < len(s) && isModeOp(s[p]) {
			op, n, err := parseModeClause(s[p:], affected)
			if err != nil {
				return nil, err
			}
			ch = append(ch, op)
			p += n
		}
		if p == len(s) {
			return ch, nil
		}
		if s[p] != ',' {
			return nil, errBadMode
		}
		p++
	}
}

func isModeOp(c byte) bool { return c == '=' || c == '+' || c == '-' }

// parseOctalMode handles "755" style modes: '=' of the given bits. With
// fewer than five digits a directory keeps set-id bits not mentioned.
func parseOctalMode(s string) (ModeChange, error) {
	var m uint32
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '7' {
			return nil, errBadMode
		}
		m = m*8 + uint32(s[i]-'0')
		if m > ModeBits {
			return nil, errBadMode
		}
	}
	mentioned := uint32(ModeBits)
	if len(s) < 5 {
		mentioned = m&(linux.S_ISUID|linux.S_ISGID) | linux.S_ISVTX | RwxUGO
	}
	return ModeChange{{op: '=', flag: modeOrdinary, affected: ModeBits, value: m, mentioned: mentioned}}, nil
}

// parseWho reads [ugoa]* and returns the affected bits.
func parseWho(s string) (affected uint32, n int) {
	for ; n < len(s); n++ {
		switch s[n] {
		case 'u':
			affected |= linux.S_ISUID | 0o700
		case 'g':
			affected |= linux.S_ISGID | 0o070
		case 'o':
			affected |= linux.S_ISVTX | 0o007
		case 'a':
			affected |= ModeBits
		default:
			return affected, n
		}
	}
	return affected, n
}

// parseModeClause reads one "op perms" after the who part.
func parseModeClause(s string, affected uint32) (modeOp, int, error) {
	o := modeOp{op: s[0], flag: modeCopyExisting, affected: affected}
	p := 1
	switch {
	case p < len(s) && s[p] >= '0' && s[p] <= '7':
		var m uint32
		for ; p < len(s) && s[p] >= '0' && s[p] <= '7'; p++ {
			if m = m*8 + uint32(s[p]-'0'); m > ModeBits {
				return o, 0, errBadMode
			}
		}
		if affected != 0 || (p < len(s) && s[p] != ',') {
			return o, 0, errBadMode
		}
		o.affected, o.mentioned, o.value, o.flag = ModeBits, ModeBits, m, modeOrdinary
		return o, p, nil
	case p < len(s) && (s[p] == 'u' || s[p] == 'g' || s[p] == 'o'):
		o.value = map[byte]uint32{'u': 0o700, 'g': 0o070, 'o': 0o007}[s[p]]
		p++
	default:
		o.flag = modeOrdinary
		for ; p < len(s); p++ {
			v, ok := permLetter(s[p], &o)
			if !ok {
				break
			}
			o.value |= v
		}
	}
	switch {
	case affected != 0:
		o.mentioned = affected & o.value
	default:
		o.mentioned = o.value
	}
	return o, p, nil
}

// permLetter maps one of rwxXst to bits; X sets the op's flag instead.
func permLetter(c byte, o *modeOp) (uint32, bool) {
	switch c {
	case 'r':
		return ReadAll, true
	case 'w':
		return WriteAll, true
	case 'x':
		return ExecAll, true
	case 'X':
		o.flag = modeXIfAnyX
		return 0, true
	case 's':
		return linux.S_ISUID | linux.S_ISGID, true
	case 't':
		return linux.S_ISVTX, true
	}
	return 0, false
}

// apply is gnulib's mode_adjust: the permission bits (07777) that result
// from applying ch to old, for a directory or not, with umask limiting
// clauses that name no "who".
func (ch ModeChange) Apply(old uint32, dir bool, umask uint32) uint32 {
	m, _ := ch.Adjust(old, dir, umask)
	return m
}

// adjust is apply also returning the bits the change spoke about.
func (ch ModeChange) Adjust(old uint32, dir bool, umask uint32) (newMode, bits uint32) {
	newMode = old & ModeBits
	for _, c := range ch {
		var omit uint32
		if dir {
			omit = (linux.S_ISUID | linux.S_ISGID) &^ c.mentioned
		}
		value := c.value
		switch c.flag {
		case modeCopyExisting:
			value = spreadClass(value & newMode)
		case modeXIfAnyX:
			if newMode&ExecAll != 0 || dir {
				value |= ExecAll
			}
		}
		limit := ^umask
		if c.affected != 0 {
			limit = c.affected
		}
		value &= limit &^ omit
		switch c.op {
		case '=':
			preserved := omit
			if c.affected != 0 {
				preserved |= ^c.affected
			}
			bits |= ModeBits &^ preserved
			newMode = newMode&preserved | value
		case '+':
			bits |= value
			newMode |= value
		case '-':
			bits |= value
			newMode &^= value
		}
	}
	return newMode & ModeBits, bits
}

// spreadClass copies the r, w and x bits present in any class to all.
func spreadClass(v uint32) uint32 {
	var out uint32
	for _, m := range []uint32{ReadAll, WriteAll, ExecAll} {
		if v&m != 0 {
			out |= m
		}
	}
	return out
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
	return ModeChange{{op: '=', affected: ModeBits, value: mode & ModeBits, mentioned: ModeBits}}
}
