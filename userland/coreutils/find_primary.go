// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/pattern"
)

// The primaries of find's expression: options, tests and actions.

// primary parses the primary t and its arguments.
func (p *findParser) primary(t string) (findExpr, error) {
	f := p.f
	always := findTest(func(*findEntry) bool { return true })
	switch t {
	case "-help", "--help":
		fmt.Fprintf(f.c.Out, "Usage: %s %s", f.c.Name, findHelp)
		return nil, errFindDone
	case "-version", "--version":
		fmt.Fprintf(f.c.Out, "%s (linuxvfs) %s\n", f.c.Name, applet.Version)
		return nil, errFindDone
	case "-true":
		return always, nil
	case "-false":
		return findNot{always}, nil
	case "-depth", "-d":
		f.depth, f.depthSet = true, true
		return always, nil
	case "-xdev", "-mount":
		f.xdev = true
		return always, nil
	case "-noleaf", "-ignore_readdir_race", "-noignore_readdir_race", "-warn", "-nowarn":
		return always, nil
	case "-follow":
		f.follow = 'L'
		return always, nil
	case "-daystart":
		now := time.Unix(f.now.Sec, 0).UTC()
		y, m, d := now.Date()
		f.now = vfs.Timespec{Sec: time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() + 86400}
		return always, nil
	case "-maxdepth", "-mindepth":
		a, err := p.arg(t)
		if err != nil {
			return nil, err
		}
		n, err := strconv.ParseUint(a, 10, 31)
		if err != nil || a == "" || a[0] == '+' {
			return nil, findErrf("Expected a positive decimal integer argument to %s, but got %s", t, applet.QuoteArg(a))
		}
		if t == "-maxdepth" {
			f.maxDepth = int(n)
		} else {
			f.minDepth = int(n)
		}
		return always, nil
	case "-regextype":
		a, err := p.arg(t)
		if err != nil {
			return nil, err
		}
		switch a {
		case "findutils-default", "emacs", "posix-basic", "grep", "ed", "sed", "posix-minimal-basic",
			"posix-extended", "posix-egrep", "egrep", "awk", "posix-awk", "gnu-awk":
			f.regexType = a
		default:
			return nil, findErrf("Unknown regular expression type %s; valid types are 'findutils-default', 'ed', 'emacs', 'gnu-awk', 'grep', 'posix-awk', 'awk', 'posix-basic', 'posix-egrep', 'egrep', 'posix-extended', 'posix-minimal-basic', 'sed'.", applet.QuoteArg(a))
		}
		return always, nil
	case "-files0-from":
		a, err := p.arg(t)
		if err != nil {
			return nil, err
		}
		f.hasFiles0, f.files0From = true, a
		return always, nil
	case "-empty":
		return findTest(f.isEmpty), nil
	case "-nouser", "-nogroup":
		return findTest(func(e *findEntry) bool {
			if t == "-nogroup" {
				return applet.GroupName(f.c.Task, e.st.GID) == ""
			}
			return applet.UserName(f.c.Task, e.st.UID) == ""
		}), nil
	case "-readable", "-writable", "-executable":
		mode := map[string]uint32{"-readable": 4, "-writable": 2, "-executable": 1}[t]
		return findTest(func(e *findEntry) bool {
			return f.c.Task.Faccessat(e.dirfd, e.name, mode, 0) == nil
		}), nil
	case "-print", "-print0":
		p.printing = true
		end := byte('\n')
		if t == "-print0" {
			end = 0
		}
		return findTest(func(e *findEntry) bool { f.writeName(f.c.Out, e.path, end); return true }), nil
	case "-prune":
		p.prune = true
		return findTest(func(e *findEntry) bool {
			if !f.depth {
				e.prune = true
			}
			return true
		}), nil
	case "-quit":
		return findTest(func(e *findEntry) bool { f.quit = true; return true }), nil
	case "-delete":
		p.printing, f.delete = true, true
		return findTest(f.deleteEntry), nil
	case "-ls":
		p.printing = true
		return findTest(func(e *findEntry) bool { f.listLine(f.c.Out, e); return true }), nil
	case "-context":
		if _, err := p.arg(t); err != nil {
			return nil, err
		}
		return nil, findErrf("invalid predicate -context: SELinux is not enabled.")
	}
	if strings.HasPrefix(t, "-exec") || strings.HasPrefix(t, "-ok") {
		switch t {
		case "-exec", "-execdir", "-ok", "-okdir":
			p.printing = true
			return p.parseExec(t)
		}
	}
	if strings.HasPrefix(t, "-newer") && len(t) == 8 {
		return p.newerXY(t)
	}
	if len(t) < 2 || t[0] != '-' {
		return nil, findErrf("paths must precede expression: `%s'", t)
	}
	if fn, ok := findArgPrimaries[t]; ok {
		a, err := p.arg(t)
		if err != nil {
			return nil, err
		}
		return fn(p, t, a)
	}
	return nil, findErrf("unknown predicate `%s'", t)
}

// findArgPrimaries are the primaries with one argument, beyond the
// options handled in primary.
var findArgPrimaries map[string]func(p *findParser, name, arg string) (findExpr, error)

func init() {
	findArgPrimaries = map[string]func(p *findParser, name, arg string) (findExpr, error){
		"-name": findGlob, "-iname": findGlob, "-path": findGlob, "-ipath": findGlob,
		"-wholename": findGlob, "-iwholename": findGlob, "-lname": findGlob, "-ilname": findGlob,
		"-regex": findRegex, "-iregex": findRegex,
		"-type": findTypes, "-xtype": findTypes,
		"-perm": findPerm, "-size": findSize,
		"-user": findOwner, "-group": findOwner, "-uid": findNumber, "-gid": findNumber,
		"-inum": findNumber, "-links": findNumber,
		"-amin": findAge, "-atime": findAge, "-cmin": findAge, "-ctime": findAge,
		"-mmin": findAge, "-mtime": findAge, "-used": findUsed,
		"-newer": findNewer, "-anewer": findNewer, "-cnewer": findNewer,
		"-samefile": findSameFile, "-fstype": findFstype,
		"-printf": findPrintfAction, "-fprint": findFileAction, "-fprint0": findFileAction,
		"-fls": findFileAction, "-fprintf": findFileAction,
	}
}

// findGlob is -name and the other shell-pattern tests.
func findGlob(p *findParser, name, arg string) (findExpr, error) {
	fold := strings.HasPrefix(name, "-i")
	expr, err := pattern.Regexp(arg, pattern.EntireString)
	var re *regexp.Regexp
	if err == nil {
		if fold {
			expr = "(?i)" + expr
		}
		re, err = regexp.Compile("(?s)" + expr)
	}
	match := func(s string) bool {
		if err != nil {
			return s == arg
		}
		return re.MatchString(s)
	}
	f := p.f
	switch strings.TrimPrefix(strings.TrimPrefix(name, "-"), "i") {
	case "name":
		return findTest(func(e *findEntry) bool { return match(findBase(e.path)) }), nil
	case "lname":
		return findTest(func(e *findEntry) bool {
			if !applet.IsLink(uint32(e.lstat().Mode)) {
				return false
			}
			target, err := f.c.Task.Readlinkat(e.dirfd, e.name)
			return err == nil && match(target)
		}), nil
	}
	return findTest(func(e *findEntry) bool { return match(e.path) }), nil
}

// findBase is the name -name matches: the last component, trailing
// slashes dropped ("/" stays "/").
func findBase(p string) string {
	t := strings.TrimRight(p, "/")
	if t == "" {
		return p[:min(len(p), 1)]
	}
	return t[strings.LastIndexByte(t, '/')+1:]
}

// findRegex is -regex: the whole path must match, in -regextype's syntax.
func findRegex(p *findParser, name, arg string) (findExpr, error) {
	var expr string
	switch p.f.regexType {
	case "posix-extended", "posix-egrep", "egrep", "awk", "posix-awk", "gnu-awk":
		expr = arg
	case "posix-basic", "grep", "ed", "sed", "posix-minimal-basic":
		var err error
		if expr, _, err = posixre.Translate(arg, posixre.Syntax{Dialect: posixre.Grep, Raw: true}); err != nil {
			return nil, findErrf("%s", err)
		}
	default:
		expr = emacsToERE(arg)
	}
	if name == "-iregex" {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(`^(?s:` + expr + `)$`)
	if err != nil {
		return nil, findErrf("%s", regexErrorText(err))
	}
	return findTest(func(e *findEntry) bool { return re.MatchString(e.path) }), nil
}

// regexErrorText words a Go regexp error as glibc's regerror might.
func regexErrorText(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "missing closing )"):
		return "Unmatched ( or \\("
	case strings.Contains(s, "unexpected )"):
		return "Unmatched ) or \\)"
	case strings.Contains(s, "missing closing ]"):
		return "Unmatched [, [^, [:, [., or [="
	}
	return "Invalid regular expression"
}

// emacsToERE turns find's default (Emacs) regular expressions into Go
// syntax: \( \) \| group and alternate, + ? * repeat, and { } are plain.
func emacsToERE(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch == '\\' && i+1 < len(p):
			i++
			switch n := p[i]; n {
			case '(':
				b.WriteString("(")
			case ')', '|':
				b.WriteByte(n)
			case '<', '>':
				b.WriteString(`\b`)
			case '`':
				b.WriteString(`\A`)
			case '\'':
				b.WriteString(`\z`)
			case 'w', 'W', 'b', 'B':
				b.WriteByte('\\')
				b.WriteByte(n)
			default:
				b.WriteString(regexp.QuoteMeta(string(n)))
			}
		case ch == '[':
			j := bracketEnd(p, i)
			b.WriteString(p[i:j])
			i = j - 1
		case strings.IndexByte("(){}|", ch) >= 0:
			b.WriteByte('\\')
			b.WriteByte(ch)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// bracketEnd is the index after the bracket expression starting at i.
func bracketEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++
	}
	for j < len(p) && p[j] != ']' {
		if p[j] == '[' && j+1 < len(p) && strings.IndexByte(":.=", p[j+1]) >= 0 {
			if k := strings.Index(p[j+2:], string(p[j+1])+"]"); k >= 0 {
				j += k + 4
				continue
			}
		}
		j++
	}
	if j < len(p) {
		j++
	}
	return j
}

// findTypes is -type and -xtype: a comma-separated list of letters.
func findTypes(p *findParser, name, arg string) (findExpr, error) {
	letters := map[byte]uint32{'b': linux.S_IFBLK, 'c': linux.S_IFCHR, 'd': linux.S_IFDIR, 'p': linux.S_IFIFO,
		'f': linux.S_IFREG, 'l': linux.S_IFLNK, 's': linux.S_IFSOCK, 'D': 0}
	if arg == "" {
		return nil, findErrf("Arguments to %s should contain at least one letter", name)
	}
	want := map[uint32]bool{}
	seen := map[byte]bool{}
	for i := 0; i < len(arg); i += 2 {
		typ, ok := letters[arg[i]]
		if !ok {
			return nil, findErrf("Unknown argument to %s: %c", name, arg[i])
		}
		if seen[arg[i]] {
			return nil, findErrf("Duplicate file type '%c' in the argument list to %s.", arg[i], name)
		}
		seen[arg[i]] = true
		want[typ] = true
		switch {
		case i+1 == len(arg):
		case arg[i+1] != ',':
			return nil, findErrf("Must separate multiple arguments to %s using: ','", name)
		case i+2 == len(arg):
			return nil, findErrf("Last file type in list argument to %s is missing, i.e., list is ending on: ','", name)
		}
	}
	f := p.f
	if name == "-xtype" {
		return findTest(func(e *findEntry) bool {
			st, ok := f.otherStat(e)
			return ok && want[uint32(st.Mode)&linux.S_IFMT]
		}), nil
	}
	return findTest(func(e *findEntry) bool { return want[uint32(e.st.Mode)&linux.S_IFMT] }), nil
}

// findPerm is -perm MODE (exactly), -MODE (all of) and /MODE (any of).
func findPerm(p *findParser, name, arg string) (findExpr, error) {
	kind, m := byte('='), arg
	if m != "" && (m[0] == '-' || m[0] == '/') {
		kind, m = m[0], m[1:]
	}
	ch, err := applet.ParseMode(m)
	if err != nil || m == "" || m[0] == '+' {
		return nil, findErrf("invalid mode %s", applet.QuoteArg(arg))
	}
	fileBits := ch.Apply(0, false, 0) & 07777
	dirBits := ch.Apply(0, true, 0) & 07777
	return findTest(func(e *findEntry) bool {
		want := fileBits
		if applet.IsDir(uint32(e.st.Mode)) {
			want = dirBits
		}
		have := uint32(e.st.Mode) & 07777
		switch kind {
		case '-':
			return have&want == want
		case '/':
			return want == 0 || have&want != 0
		}
		return have == want
	}), nil
}

// findCmp is a parsed N, +N or -N.
type findCmp struct {
	sign byte // '+', '-' or 0
	n    float64
}

func (c findCmp) match(v float64) bool {
	switch c.sign {
	case '+':
		return v > c.n
	case '-':
		return v < c.n
	}
	return v == c.n
}

// window compares a duration with N units: +N is longer, -N shorter,
// and N within the unit up to N units.
func (c findCmp) window(d, unit float64) bool {
	switch c.sign {
	case '+':
		return d > c.n*unit
	case '-':
		return d < c.n*unit
	}
	return d >= (c.n-1)*unit && d < c.n*unit
}

// parseFindCmp parses N, +N, -N; frac allows a decimal fraction.
func parseFindCmp(arg string, frac bool) (findCmp, bool) {
	var c findCmp
	s := arg
	if s != "" && (s[0] == '+' || s[0] == '-') {
		c.sign, s = s[0], s[1:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return c, false
	}
	var err error
	if frac {
		c.n, err = strconv.ParseFloat(s, 64)
		if strings.ContainsAny(s, "eEinxp") {
			return c, false
		}
	} else {
		var u uint64
		u, err = strconv.ParseUint(s, 10, 64)
		c.n = float64(u)
	}
	return c, err == nil
}

// findNumber is -uid, -gid, -inum and -links.
func findNumber(p *findParser, name, arg string) (findExpr, error) {
	c, ok := parseFindCmp(arg, false)
	if !ok {
		return nil, findErrf("invalid argument `%s' to `%s'", arg, name)
	}
	return findTest(func(e *findEntry) bool {
		var v uint64
		switch name {
		case "-uid":
			v = uint64(e.st.UID)
		case "-gid":
			v = uint64(e.st.GID)
		case "-inum":
			v = e.st.Ino
		default:
			v = uint64(e.st.Nlink)
		}
		return c.match(float64(v))
	}), nil
}

// findOwner is -user and -group: a name, or a number.
func findOwner(p *findParser, name, arg string) (findExpr, error) {
	var id uint64
	pw, isUser := applet.UserByName(p.f.c.Task, arg)
	gr, isGroup := applet.GroupByName(p.f.c.Task, arg)
	switch n, err := strconv.ParseUint(arg, 10, 32); {
	case name == "-user" && isUser:
		id = uint64(pw.UID)
	case name == "-group" && isGroup:
		id = uint64(gr.GID)
	case err == nil:
		id = n
	case name == "-user" && arg == "":
		return nil, findErrf("The argument to -user should not be empty")
	case name == "-user":
		return nil, findErrf("%s is not the name of a known user", applet.QuoteArg(arg))
	case arg == "":
		return nil, findErrf("Argument to -group is empty, but should be a group name")
	default:
		return nil, findErrf("%s is not the name of an existing group", applet.QuoteArg(arg))
	}
	return findTest(func(e *findEntry) bool {
		if name == "-user" {
			return uint64(e.st.UID) == id
		}
		return uint64(e.st.GID) == id
	}), nil
}

// findSize is -size N[bcwkMG]: the size rounded up to whole units.
func findSize(p *findParser, name, arg string) (findExpr, error) {
	s := arg
	unit := int64(512)
	if s != "" {
		switch last := s[len(s)-1]; last {
		case 'b', 'c', 'w', 'k', 'M', 'G':
			unit = map[byte]int64{'b': 512, 'c': 1, 'w': 2, 'k': 1024, 'M': 1 << 20, 'G': 1 << 30}[last]
			s = s[:len(s)-1]
		default:
			if last < '0' || last > '9' {
				return nil, findErrf("invalid -size type `%c'", last)
			}
		}
	}
	c, ok := parseFindCmp(s, false)
	if !ok {
		if strings.TrimLeft(s, "+-") == "" {
			return nil, findErrf("invalid -size type `%s'", arg[len(arg)-1:])
		}
		return nil, findErrf("Invalid argument `%s' to -size", arg)
	}
	return findTest(func(e *findEntry) bool {
		units := (e.st.Size + unit - 1) / unit
		return c.match(float64(units))
	}), nil
}

// findAge is -amin, -atime and their c and m siblings: the age in
// minutes or whole days.
func findAge(p *findParser, name, arg string) (findExpr, error) {
	c, ok := parseFindCmp(arg, true)
	if !ok {
		return nil, findErrf("invalid argument `%s' to `%s'", arg, name)
	}
	unit := 86400.0
	if strings.HasSuffix(name, "min") {
		unit = 60
	}
	f := p.f
	letter := name[1]
	return findTest(func(e *findEntry) bool {
		ts := findTime(&e.st, letter)
		age := float64(f.now.Sec-ts.Sec) + float64(f.now.Nsec-ts.Nsec)/1e9
		if unit == 60 {
			return c.window(age, unit)
		}
		return c.match(math.Floor(age / unit))
	}), nil
}

// findTime picks a, c or m time.
func findTime(st *vfs.Statx, letter byte) vfs.Timespec {
	switch letter {
	case 'a':
		return st.Atime
	case 'c':
		return st.Ctime
	case 'B':
		return st.Btime
	}
	return st.Mtime
}

// findUsed is -used N: days from the last status change to the last
// access.
func findUsed(p *findParser, name, arg string) (findExpr, error) {
	c, ok := parseFindCmp(arg, true)
	if !ok {
		return nil, findErrf("Invalid argument %s to -used", arg)
	}
	return findTest(func(e *findEntry) bool {
		d := float64(e.st.Atime.Sec-e.st.Ctime.Sec) + float64(e.st.Atime.Nsec-e.st.Ctime.Nsec)/1e9
		return c.window(d, 86400)
	}), nil
}

// refTime stats a reference file of -newer and its kin.
func (f *finder) refTime(file string, letter byte) (vfs.Timespec, error) {
	flags := linux.AT_SYMLINK_NOFOLLOW
	if f.follow != 'P' {
		flags = 0
	}
	st, err := f.c.Task.Fstatat(applet.AtCWD, file, flags)
	if err != nil {
		return vfs.Timespec{}, findErrf("%s: %s", applet.QuoteArg(file), applet.ErrText(err))
	}
	return findTime(&st, letter), nil
}

// findNewer is -newer, -anewer and -cnewer: a time later than the
// reference file's modification time.
func findNewer(p *findParser, name, arg string) (findExpr, error) {
	ref, err := p.f.refTime(arg, 'm')
	if err != nil {
		return nil, err
	}
	letter := byte('m')
	if name != "-newer" {
		letter = name[1]
	}
	return findTest(func(e *findEntry) bool { return findTime(&e.st, letter).After(ref) }), nil
}

// newerXY is -newerXY REF: X of the file later than Y of REF (or, for Y
// t, than the time REF spells).
func (p *findParser) newerXY(name string) (findExpr, error) {
	x, y := name[6], name[7]
	if !strings.ContainsRune("acmB", rune(x)) || !strings.ContainsRune("acmBt", rune(y)) {
		return nil, findErrf("invalid predicate `%s'", name)
	}
	arg, err := p.arg(name)
	if err != nil {
		return nil, err
	}
	var ref vfs.Timespec
	if y == 't' {
		t, ok := parseFindDate(arg)
		if !ok {
			return nil, findErrf("I cannot figure out how to interpret %s as a date or time", applet.QuoteArg(arg))
		}
		ref = vfs.Timespec{Sec: t.Unix(), Nsec: int64(t.Nanosecond())}
	} else if ref, err = p.f.refTime(arg, y); err != nil {
		return nil, err
	}
	return findTest(func(e *findEntry) bool {
		if x == 'B' {
			return false // find 4.9 never knows a birth time
		}
		return findTime(&e.st, x).After(ref)
	}), nil
}

// parseFindDate reads the common date forms of -newermt, in UTC.
func parseFindDate(s string) (time.Time, bool) {
	if strings.HasPrefix(s, "@") {
		if n, err := strconv.ParseFloat(s[1:], 64); err == nil {
			sec := math.Floor(n)
			return time.Unix(int64(sec), int64((n-sec)*1e9)), true
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02 15:04",
		"2006-01-02T15:04:05", "2006-01-02", "20060102", "2006-01-02 15:04:05 -0700", "Jan 2 2006", "2 Jan 2006"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// findSameFile is -samefile: the same inode as the reference.
func findSameFile(p *findParser, name, arg string) (findExpr, error) {
	flags := linux.AT_SYMLINK_NOFOLLOW
	if p.f.follow == 'L' {
		flags = 0
	}
	ref, err := p.f.c.Task.Fstatat(applet.AtCWD, arg, flags)
	if err != nil {
		return nil, findErrf("%s: %s", applet.QuoteArg(arg), applet.ErrText(err))
	}
	return findTest(func(e *findEntry) bool { return e.st.Ino == ref.Ino && e.st.Dev() == ref.Dev() }), nil
}

// findFstype is -fstype TYPE: the file system's type name.
func findFstype(p *findParser, name, arg string) (findExpr, error) {
	f := p.f
	return findTest(func(e *findEntry) bool {
		return f.fsType(e) == arg
	}), nil
}

// findPrintfAction is -printf FORMAT.
func findPrintfAction(p *findParser, name, arg string) (findExpr, error) {
	p.printing = true
	fm, err := p.f.compilePrintf(arg)
	if err != nil {
		return nil, err
	}
	f := p.f
	return findTest(func(e *findEntry) bool { f.printf(f.c.Out, fm, e); return true }), nil
}

// findFileAction is -fprint, -fprint0, -fls and -fprintf: the output
// goes to FILE, truncated when find starts.
func findFileAction(p *findParser, name, arg string) (findExpr, error) {
	p.printing = true
	f := p.f
	w, err := f.openOutput(arg)
	if err != nil {
		return nil, err
	}
	switch name {
	case "-fprint", "-fprint0":
		end := byte('\n')
		if name == "-fprint0" {
			end = 0
		}
		return findTest(func(e *findEntry) bool { f.writeName(w, e.path, end); return true }), nil
	case "-fls":
		return findTest(func(e *findEntry) bool { f.listLine(w, e); return true }), nil
	}
	format, err := p.arg(name)
	if err != nil {
		return nil, err
	}
	fm, err := f.compilePrintf(format)
	if err != nil {
		return nil, err
	}
	return findTest(func(e *findEntry) bool { f.printf(w, fm, e); return true }), nil
}
