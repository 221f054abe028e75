// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// lsDefaultColors are the colours ls uses when LS_COLORS does not say
// otherwise, by dircolors' two-letter names.
var lsDefaultColors = map[string]string{
	"di": "01;34", "ln": "01;36", "pi": "33", "so": "01;35", "bd": "01;33",
	"cd": "01;33", "ex": "01;32", "do": "01;35", "su": "37;41", "sg": "30;43",
	"st": "37;44", "ow": "34;42", "tw": "30;42",
}

// colorTerminals are patterns of the TERM values that take colours
// (dircolors' built-in list).
var colorTerminals = []string{"Eterm", "ansi", "*color*", "con[0-9]*x[0-9]*", "cons25", "console",
	"cygwin", "*direct*", "dtterm", "gnome", "hurd", "jfbterm", "konsole", "kterm", "linux",
	"linux-c", "mlterm", "putty", "rxvt*", "screen*", "st", "terminator", "tmux*", "vt100", "xterm*"}

// knownTerminal reports whether ls colours for this TERM without LS_COLORS.
func knownTerminal(term string) bool {
	return term != "" && lsMatchesAny(colorTerminals, term)
}

// lsColors are the colours of one run: by type name, and by file-name
// ending ("*.tar" entries of LS_COLORS).
type lsColors struct {
	byType map[string]string
	byEnd  map[string]string
}

// lsLoadColors reads LS_COLORS over the defaults; false means it could
// not be parsed, and ls goes on without colours.
func lsLoadColors(env string) (*lsColors, bool) {
	c := &lsColors{byType: map[string]string{}, byEnd: map[string]string{}}
	for k, v := range lsDefaultColors {
		c.byType[k] = v
	}
	for _, item := range strings.Split(env, ":") {
		if item == "" {
			continue
		}
		key, val, ok := strings.Cut(item, "=")
		switch {
		case !ok:
			return nil, false
		case strings.HasPrefix(key, "*"):
			c.byEnd[strings.ToLower(key[1:])] = val
		case len(key) == 2:
			c.byType[key] = val
		default:
			return nil, false
		}
	}
	return c, true
}

// colorKey picks the colour of an entry, or of its symlink's target.
func (c *lsColors) colorKey(e *lsEntry, target bool) string {
	mode, statOK := uint32(e.st.Mode), e.statOK
	if target {
		mode, statOK = e.linkMode, e.linkOK
		if !e.linkOK && c.byType["mi"] != "" {
			return "mi"
		}
	}
	if !statOK && !target {
		mode = e.typ
	}
	switch mode & linux.S_IFMT {
	case linux.S_IFREG:
		return c.regularKey(mode, e.st.Nlink, statOK)
	case linux.S_IFDIR:
		return c.dirKey(mode)
	case linux.S_IFLNK:
		if !e.linkOK && c.byType["or"] != "" && e.target != "" {
			return "or"
		}
		return "ln"
	case linux.S_IFIFO:
		return "pi"
	case linux.S_IFSOCK:
		return "so"
	case linux.S_IFBLK:
		return "bd"
	case linux.S_IFCHR:
		return "cd"
	}
	return "or"
}

func (c *lsColors) regularKey(mode, nlink uint32, statOK bool) string {
	switch {
	case !statOK:
	case mode&linux.S_ISUID != 0 && c.byType["su"] != "":
		return "su"
	case mode&linux.S_ISGID != 0 && c.byType["sg"] != "":
		return "sg"
	case mode&applet.ExecAll != 0 && c.byType["ex"] != "":
		return "ex"
	case nlink > 1 && c.byType["mh"] != "":
		return "mh"
	}
	return "fi"
}

func (c *lsColors) dirKey(mode uint32) string {
	sticky, otherW := mode&linux.S_ISVTX != 0, mode&0o002 != 0
	switch {
	case sticky && otherW && c.byType["tw"] != "":
		return "tw"
	case otherW && c.byType["ow"] != "":
		return "ow"
	case sticky && c.byType["st"] != "":
		return "st"
	}
	return "di"
}

// code is the SGR sequence for an entry, or "".
func (c *lsColors) code(e *lsEntry, name string, target bool) string {
	key := c.colorKey(e, target)
	if key == "fi" {
		lower := strings.ToLower(name)
		for end, v := range c.byEnd {
			if strings.HasSuffix(lower, end) {
				return v
			}
		}
	}
	return c.byType[key]
}

// colored wraps a shown name in its colour; the first colour of a run is
// preceded by a reset.
func (l *lister) colored(e *lsEntry, shown string, target bool) string {
	if l.colors == nil {
		return shown
	}
	name := e.name
	if target {
		name = e.target
	}
	code := l.colors.code(e, name, target)
	if code == "" {
		return shown
	}
	s := "\033[" + code + "m" + shown + "\033[0m"
	if !l.usedColor {
		l.usedColor = true
		s = "\033[0m" + s
	}
	return s
}
