// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"regexp"
	"sort"
	"strings"

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
func (e *lsEntry) linkedDir() bool { return isDir(e.typ) || isDir(e.linkMode) }

// lessFunc is the order of the sort key, names breaking ties.
func (l *lister) lessFunc() func(a, b *lsEntry) bool {
	byName := func(a, b *lsEntry) bool { return a.name < b.name }
	switch l.o.sort {
	case lsSortTime:
		return func(a, b *lsEntry) bool {
			ta, tb := l.when(a), l.when(b)
			if ta != tb {
				return tsAfter(ta, tb)
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

// fileVersionCompare orders names as gnulib's filevercmp: ".", "..", other
// dot names, then the rest; digit runs compare as numbers and a trailing
// file suffix (".tar.gz") counts only to break ties.
func fileVersionCompare(a, b string) int {
	if a == "" || b == "" {
		return boolCompare(a != "", b != "")
	}
	ra, rb := dotRank(a), dotRank(b)
	if ra != rb || ra < 2 {
		return ra - rb
	}
	pa, pb := a[:suffixStart(a)], b[:suffixStart(b)]
	if d := versionCompare(pa, pb); d != 0 || (pa == a && pb == b) {
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

// suffixStart is where a name's file suffix begins: the longest run of
// ".letter(alnum|~)*" parts at its end (the first byte never counts).
func suffixStart(s string) int {
	prefix := 0
	for i := 0; i < len(s); {
		i++
		prefix = i
		for i+1 < len(s) && s[i] == '.' && (isAlpha(s[i+1]) || s[i+1] == '~') {
			for i += 2; i < len(s) && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '~'); i++ {
			}
		}
	}
	return prefix
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// versionCompare compares alternating runs of non-digits (letters before
// other bytes, '~' before everything, even the end) and of digits (as
// numbers, leading zeros ignored).
func versionCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !isDigit(a[i]) || j < len(b) && !isDigit(b[j]) {
			ca, cb := versionOrder(a, i), versionOrder(b, j)
			if ca != cb {
				return ca - cb
			}
			i, j = i+1, j+1
		}
		for i < len(a) && a[i] == '0' {
			i++
		}
		for j < len(b) && b[j] == '0' {
			j++
		}
		firstDiff := 0
		for i < len(a) && j < len(b) && isDigit(a[i]) && isDigit(b[j]) {
			if firstDiff == 0 {
				firstDiff = int(a[i]) - int(b[j])
			}
			i, j = i+1, j+1
		}
		switch {
		case i < len(a) && isDigit(a[i]):
			return 1
		case j < len(b) && isDigit(b[j]):
			return -1
		case firstDiff != 0:
			return firstDiff
		}
	}
	return 0
}

// versionOrder is the weight of s[i] in a non-digit run; the end of the
// string and digits weigh 0.
func versionOrder(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch c := s[i]; {
	case isDigit(c):
		return 0
	case isAlpha(c):
		return int(c)
	case c == '~':
		return -1
	default:
		return int(c) + 256
	}
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
