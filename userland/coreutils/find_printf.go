// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// findPiece is one part of a compiled -printf format: literal text, a
// directive (letter, with sub for the time directives), or the \c stop.
type findPiece struct {
	text   string
	spec   string // flags, width and precision
	letter byte
	sub    byte
	stop   bool
}

// findTimeLetters are the strftime-like letters after %A, %B, %C and %T.
const findTimeLetters = "aAbBcCdDeFgGhHIjklmMnprRsStTuUVwWxXyYzZ+@"

// compilePrintf parses a -printf format; unknown escapes and directives
// draw a warning and stay as written.
func (f *finder) compilePrintf(format string) ([]findPiece, error) {
	var out []findPiece
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, findPiece{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(format); i++ {
		ch := format[i]
		switch {
		case ch == '\\' && i+1 < len(format):
			i++
			n := format[i]
			if k := strings.IndexByte("abfnrtv\\", n); k >= 0 {
				lit.WriteByte("\a\b\f\n\r\t\v\\"[k])
				continue
			}
			switch {
			case n == 'c':
				flush()
				out = append(out, findPiece{stop: true})
			case n >= '0' && n <= '7':
				v, j := 0, i
				for j < len(format) && j < i+3 && format[j] >= '0' && format[j] <= '7' {
					v = v*8 + int(format[j]-'0')
					j++
				}
				lit.WriteByte(byte(v))
				i = j - 1
			default:
				f.c.Errorf("warning: unrecognized escape `\\%c'", n)
				lit.WriteByte('\\')
				lit.WriteByte(n)
			}
		case ch == '%':
			j := i + 1
			for j < len(format) && strings.IndexByte("-+ #0", format[j]) >= 0 {
				j++
			}
			for j < len(format) && (isDigit(format[j]) || format[j] == '.') {
				j++
			}
			if j >= len(format) {
				return nil, findErrf("error: %% at end of format string")
			}
			letter := format[j]
			raw := format[i : j+1]
			switch {
			case letter == '%':
				lit.WriteByte('%')
			case letter == '(' || letter == '{' || letter == '[':
				return nil, findErrf("error: the format directive `%%%c' is reserved for future use", letter)
			case strings.IndexByte("ABCT", letter) >= 0:
				if j+1 >= len(format) {
					f.c.Errorf("warning: format directive `%%%c' should be followed by another character", letter)
					lit.WriteString(raw)
					break
				}
				flush()
				out = append(out, findPiece{spec: format[i+1 : j], letter: letter, sub: format[j+1]})
				j++
			case strings.IndexByte("acdDfFgGhHiklmMnpPsStuUyYZb", letter) >= 0:
				flush()
				out = append(out, findPiece{spec: format[i+1 : j], letter: letter})
			default:
				f.c.Errorf("warning: unrecognized format directive `%%%c'", letter)
				lit.WriteString(raw)
			}
			i = j
		default:
			lit.WriteByte(ch)
		}
	}
	flush()
	return out, nil
}

// printf writes one file's -printf line.
func (f *finder) printf(w io.Writer, pieces []findPiece, e *findEntry) {
	for _, p := range pieces {
		if p.stop {
			return
		}
		if p.letter == 0 {
			io.WriteString(w, p.text)
			continue
		}
		io.WriteString(w, f.directive(p, e))
	}
}

// directive expands one directive.
func (f *finder) directive(p findPiece, e *findEntry) string {
	st := &e.st
	str := func(s string) string { return fmt.Sprintf("%"+p.spec+"s", s) }
	num := func(v uint64) string { return fmt.Sprintf("%"+strings.ReplaceAll(p.spec, "#", "")+"d", v) }
	switch p.letter {
	case 'a', 'c', 't':
		return str(findCtime(findTime(st, map[byte]byte{'a': 'a', 'c': 'c', 't': 'm'}[p.letter])))
	case 'A', 'C', 'T', 'B':
		letter := map[byte]byte{'A': 'a', 'C': 'c', 'T': 'm', 'B': 'B'}[p.letter]
		return str(findTimePart(findTime(st, letter), p.sub, p.letter == 'B'))
	case 'b':
		return num(uint64(st.Blocks))
	case 'k':
		return num((uint64(st.Blocks) + 1) / 2)
	case 's':
		return num(uint64(st.Size))
	case 'd':
		return num(uint64(e.depth))
	case 'D':
		return num(st.Dev())
	case 'i':
		return num(st.Ino)
	case 'n':
		return num(uint64(st.Nlink))
	case 'U':
		return num(uint64(st.UID))
	case 'G':
		return num(uint64(st.GID))
	case 'm':
		return fmt.Sprintf("%"+p.spec+"o", uint32(st.Mode)&07777)
	case 'M':
		return str(applet.ModeString(uint32(st.Mode)))
	case 'S':
		ratio := 1.0
		if st.Size > 0 {
			ratio = float64(st.Blocks*512) / float64(st.Size)
		}
		return fmt.Sprintf("%"+p.spec+"g", ratio)
	case 'u':
		return str(userName(f.c.Task, st.UID, ""))
	case 'g':
		return str(groupName(f.c.Task, st.GID, ""))
	case 'f':
		// The last component with its trailing slashes.
		t := strings.TrimRight(e.path, "/")
		if t == "" {
			return str(e.path[:min(len(e.path), 1)])
		}
		return str(e.path[strings.LastIndexByte(t, '/')+1:])
	case 'h':
		if k := strings.LastIndexByte(e.path, '/'); k >= 0 {
			return str(e.path[:k])
		}
		return str(".")
	case 'p':
		return str(e.path)
	case 'P':
		rel := strings.TrimPrefix(e.path, e.start)
		return str(strings.TrimPrefix(rel, "/"))
	case 'H':
		return str(e.start)
	case 'l':
		if applet.IsLink(uint32(e.lstat().Mode)) {
			target, _ := f.c.Task.Readlinkat(e.dirfd, e.name)
			return str(target)
		}
		return str("")
	case 'y':
		return str(string(findTypeLetter(uint32(st.Mode))))
	case 'Y':
		return str(f.targetType(e))
	case 'F':
		return str(f.fsType(e))
	case 'Z':
		f.c.Errorf("getfilecon failed: %s: %s", applet.QuoteArg(e.path), applet.ErrText(linux.ENODATA))
		f.status = 1
		return ""
	}
	return ""
}

// findTypeLetter is %y's letter.
func findTypeLetter(mode uint32) byte {
	if mode&linux.S_IFMT == linux.S_IFREG {
		return 'f'
	}
	return applet.ModeString(mode)[0]
}

// targetType is %Y: the type of what a symlink points to, N for nothing
// and L for a loop.
func (f *finder) targetType(e *findEntry) string {
	if !applet.IsLink(uint32(e.lstat().Mode)) && !applet.IsLink(uint32(e.st.Mode)) {
		return string(findTypeLetter(uint32(e.st.Mode)))
	}
	st, err := f.c.Task.Fstatat(e.dirfd, e.name, 0)
	switch {
	case errors.Is(err, linux.ELOOP):
		return "L"
	case err != nil:
		return "N"
	}
	return string(findTypeLetter(uint32(st.Mode)))
}

// findFraction is the ten-digit fraction find prints after seconds.
func findFraction(ts vfs.Timespec) string { return fmt.Sprintf("%09d0", ts.Nsec) }

// findCtime is %a, %c and %t: ctime(3)'s layout with the fraction.
func findCtime(ts vfs.Timespec) string {
	t := time.Unix(ts.Sec, ts.Nsec).UTC()
	return t.Format("Mon Jan _2 15:04:05.") + findFraction(ts) + t.Format(" 2006")
}

// findTimePart is %Ak and its kin: one strftime field, with the fraction
// after the seconds of S, T, X and +; an unknown birth time is empty
// except for @.
func findTimePart(ts vfs.Timespec, k byte, unknown bool) string {
	if strings.IndexByte(findTimeLetters, k) < 0 {
		return "%" + string(k)
	}
	if unknown {
		if k == '@' {
			return "-1.-000000010"
		}
		return ""
	}
	t := time.Unix(ts.Sec, ts.Nsec).UTC()
	switch k {
	case '@':
		return strconv.FormatInt(ts.Sec, 10) + "." + findFraction(ts)
	case '+':
		return strftime("%Y-%m-%d+%H:%M:%S", t) + "." + findFraction(ts)
	case 'S', 'T', 'X':
		return strftime("%"+string(k), t) + "." + findFraction(ts)
	}
	return strftime("%"+string(k), t)
}

// listLine is -ls and -fls: an "ls -dils" line.
func (f *finder) listLine(w io.Writer, e *findEntry) {
	st := &e.st
	size := fmt.Sprintf("%8d", st.Size)
	if applet.IsChr(uint32(st.Mode)) || applet.IsBlk(uint32(st.Mode)) {
		size = fmt.Sprintf("%3d, %3d", st.RdevMajor, st.RdevMinor)
	}
	const halfYear = 31556952 / 2
	past := vfs.Timespec{Sec: f.now.Sec - halfYear, Nsec: f.now.Nsec}
	mt := st.Mtime
	layout := "%b %e  %Y"
	if mt.After(past) && !mt.After(f.now) {
		layout = "%b %e %H:%M"
	}
	fmt.Fprintf(w, "%9d %6d %s %3d %-8s %-8s %s %s %s", st.Ino, (st.Blocks+1)/2, applet.ModeString(uint32(st.Mode)),
		st.Nlink, userName(f.c.Task, st.UID, ""), groupName(f.c.Task, st.GID, ""), size,
		strftime(layout, time.Unix(mt.Sec, mt.Nsec).UTC()), e.path)
	if applet.IsLink(uint32(st.Mode)) {
		if target, err := f.c.Task.Readlinkat(e.dirfd, e.name); err == nil {
			fmt.Fprintf(w, " -> %s", target)
		}
	}
	io.WriteString(w, "\n")
}
