// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/pattern"
)

// sort orders entries by the sort key (names compared bytewise, as in the
// C locale), reversed by -r, directories first with
// --group-directories-first; -U and -f keep directory order.
func (l *lister) sort(list []*lsEntry) {
	if l.o.sort == lsSortNone {
		return
	}
	less := l.lessFunc()
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if l.o.dirsFirst {
			if da, db := a.linkedDir(), b.linkedDir(); da != db {
				return da
			}
		}
		if l.o.reverse {
			return less(b, a)
		}
		return less(a, b)
	})
}

// linkedDir reports whether an entry is a directory or a symlink to one.
func (e *lsEntry) linkedDir() bool { return applet.IsDir(e.typ) || applet.IsDir(e.linkMode) }

// lessFunc is the order of the sort key, names breaking ties.
func (l *lister) lessFunc() func(a, b *lsEntry) bool {
	byName := func(a, b *lsEntry) bool { return a.name < b.name }
	switch l.o.sort {
	case lsSortTime:
		return func(a, b *lsEntry) bool {
			ta, tb := l.when(a), l.when(b)
			if ta != tb {
				return ta.After(tb)
			}
			return byName(a, b)
		}
	case lsSortSize:
		return func(a, b *lsEntry) bool {
			if a.st.Size != b.st.Size {
				return a.st.Size > b.st.Size
			}
			return byName(a, b)
		}
	case lsSortExtension:
		return func(a, b *lsEntry) bool {
			if ea, eb := extension(a.name), extension(b.name); ea != eb {
				return ea < eb
			}
			return byName(a, b)
		}
	case lsSortVersion:
		return func(a, b *lsEntry) bool {
			if d := fileVersionCompare(a.name, b.name); d != 0 {
				return d < 0
			}
			return byName(a, b)
		}
	case lsSortWidth:
		return func(a, b *lsEntry) bool {
			if wa, wb := l.nameWidth(a), l.nameWidth(b); wa != wb {
				return wa < wb
			}
			return byName(a, b)
		}
	}
	return byName
}

// when is the time -l shows and -t sorts by.
func (l *lister) when(e *lsEntry) vfs.Timespec {
	switch l.o.timeType {
	case lsCtime:
		return e.st.Ctime
	case lsAtime:
		return e.st.Atime
	case lsBtime:
		return e.st.Btime
	}
	return e.st.Mtime
}

// extension is what -X sorts by: the name from its last '.', or "".
func extension(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// fileVersionCompare is ls -v's order (coreutils' "version sort"): ".",
// "..", other dot names, then the rest; names compare as versions without
// their file suffix (".tar.gz"), and with it only to break a tie.
func fileVersionCompare(a, b string) int {
	if a == "" || b == "" {
		return boolCompare(a != "", b != "")
	}
	ra, rb := dotRank(a), dotRank(b)
	if ra != rb || ra < 2 {
		return ra - rb
	}
	if d := versionCompare(trimFileSuffix(a), trimFileSuffix(b)); d != 0 {
		return d
	}
	return versionCompare(a, b)
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// dotRank puts ".", "..", other dot names and other names in that order.
func dotRank(s string) int {
	switch {
	case s == ".":
		return 0
	case s == "..":
		return 1
	case strings.HasPrefix(s, "."):
		return 2
	}
	return 3
}

// fileSuffix matches a tail made only of suffix parts: a dot, a letter or
// '~', then letters, digits and '~'. Compiled at the first ls -v, not
// at every start of linuxvfs.
var fileSuffix = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:\.[A-Za-z~][A-Za-z0-9~]*)*$`)
})

// trimFileSuffix drops the longest file suffix, never the first byte.
func trimFileSuffix(s string) string {
	loc := fileSuffix().FindStringIndex(s[1:])
	return s[:1+loc[0]]
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// versionCompare compares two strings as version numbers do: they are
// split into alternating runs of non-digits and digits; text runs compare
// byte by byte by textWeight, number runs by value.
func versionCompare(a, b string) int {
	for a != "" || b != "" {
		var ta, tb, na, nb string
		ta, a = splitRun(a, false)
		tb, b = splitRun(b, false)
		if d := compareText(ta, tb); d != 0 {
			return d
		}
		na, a = splitRun(a, true)
		nb, b = splitRun(b, true)
		if d := compareNumber(na, nb); d != 0 {
			return d
		}
	}
	return 0
}

// splitRun cuts s after its leading run of digits (or of non-digits).
func splitRun(s string, digits bool) (run, rest string) {
	n := 0
	for n < len(s) && isDigit(s[n]) == digits {
		n++
	}
	return s[:n], s[n:]
}

// compareText orders two text runs: '~' before the end of a run, the end
// before letters, letters before every other byte.
func compareText(a, b string) int {
	for k := 0; k < len(a) || k < len(b); k++ {
		if d := textWeight(a, k) - textWeight(b, k); d != 0 {
			return d
		}
	}
	return 0
}

func textWeight(s string, k int) int {
	switch {
	case k >= len(s):
		return 0
	case s[k] == '~':
		return -1
	case isAlpha(s[k]):
		return int(s[k])
	}
	return 256 + int(s[k])
}

// compareNumber orders two digit runs by value: without leading zeros the
// longer is larger, and equal lengths compare digit by digit.
func compareNumber(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// lsMatchesAny reports whether name matches one of the shell patterns, as
// fnmatch with FNM_PERIOD does: a leading '.' must be matched by a '.'.
func lsMatchesAny(pats []string, name string) bool {
	for _, p := range pats {
		if fnmatchPeriod(p, name) {
			return true
		}
	}
	return false
}

func fnmatchPeriod(pat, name string) bool {
	if strings.HasPrefix(name, ".") && !strings.HasPrefix(pat, ".") {
		return false
	}
	expr, err := pattern.Regexp(pat, pattern.EntireString)
	if err != nil {
		return pat == name
	}
	re, err := regexp.Compile("(?s)" + expr)
	return err == nil && re.MatchString(name)
}
