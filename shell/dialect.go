// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/syntax"
)

// Personality is the shell whose diagnostics and statuses the interpreter
// gives: a system's /bin/sh is dash, while bash words the same failures
// (and ends some with other statuses) differently. Every message the
// shell prints about its own work is worded here, so that the two stay
// side by side and the rest of the package never asks which one runs.
type Personality int

const (
	// Bash is the zero value: the personality of a Config that names none.
	Bash Personality = iota
	// Dash is /bin/sh's.
	Dash
)

// PersonalityOf is the personality of a shell started as the program
// name: bash for bash, dash for sh and every other name (dash, ash).
func PersonalityOf(name string) Personality {
	if path.Base(name) == "bash" {
		return Bash
	}
	return Dash
}

// defaultPath is the PATH a shell sets when its environment has none
// (init's, which the kernel starts with HOME and TERM only): each shell
// has its own built in.
func (s *shell) defaultPath() string {
	if s.dialect == Bash {
		return "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:."
	}
	return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
}

// linePrefix begins the shell's own diagnostics: "sh: line 3: " (bash),
// "sh: 3: " (dash), just "sh: " when the line is unknown.
func (s *shell) linePrefix(line uint) string {
	switch {
	case line == 0:
		return s.name + ": "
	case s.dialect == Dash:
		return fmt.Sprintf("%s: %d: ", s.name, line)
	}
	return fmt.Sprintf("%s: line %d: ", s.name, line)
}

// notFoundText is the diagnostic for a command name found nowhere.
func (s *shell) notFoundText(name string) string {
	if s.dialect == Dash {
		return name + ": not found"
	}
	return name + ": command not found"
}

// execFailure is the diagnostic and status of `exec name` with nothing
// to run, the shell being in directory dir. bash names a path's file by
// its full name and, unless it was missing, has the exec builtin add a
// line of its own: why it could not execute the file, or for a file it
// could, the errno left over, which is none ("Success").
func (s *shell) execFailure(t *vfs.Task, name, dir string, line uint) (msg string, code int) {
	switch {
	case s.dialect == Dash:
		msg, code = s.runFailure(t, name, s.execError(t, name), 0)
		return s.linePrefix(line) + "exec: " + strings.TrimPrefix(msg, s.linePrefix(0)), code
	case !strings.Contains(name, "/"):
		return s.linePrefix(line) + "exec: " + name + ": not found", 127
	}
	full := name
	if !strings.HasPrefix(name, "/") {
		full = strings.TrimSuffix(dir, "/") + "/" + strings.TrimPrefix(name, "./")
	}
	err := s.execError(t, full)
	msg, code = s.runFailure(t, full, err, line)
	if code == 127 {
		return msg, code
	}
	why := applet.ErrText(err)
	if st, serr := t.Stat(full); serr == nil && applet.IsDir(uint32(st.Mode)) {
		why = applet.ErrText(linux.EISDIR)
	}
	if applet.ExecutableFile(t, full) != nil {
		return msg + "\n" + s.linePrefix(line) + "exec: " + full + ": cannot execute: " + why, code
	}
	return msg + "\n" + s.linePrefix(line) + full + ": Success", code
}

// runFailure is the diagnostic, with its line prefix, and the status of
// a command given by path that execve refused with err. dash prints
// execve's error ("not found" for ENOENT and ENOTDIR); bash looks at the
// file to say more: a directory, a file it cannot execute at all, a
// binary, a missing or a bad "#!" interpreter.
func (s *shell) runFailure(t *vfs.Task, name string, err error, line uint) (string, int) {
	prefix := s.linePrefix(line)
	if s.dialect == Dash {
		switch {
		case errors.Is(err, linux.ENOENT), errors.Is(err, linux.ENOTDIR):
			return prefix + name + ": not found", 127
		case errors.Is(err, linux.ELOOP), errors.Is(err, linux.ENAMETOOLONG):
			return prefix + name + ": " + applet.ErrText(err), 127
		}
		return prefix + name + ": " + applet.ErrText(err), 126
	}
	code := 126
	if errors.Is(err, linux.ENOENT) {
		code = 127
	}
	st, serr := t.Stat(name)
	switch {
	case serr == nil && applet.IsDir(uint32(st.Mode)):
		return prefix + name + ": Is a directory", 126
	case errors.Is(err, linux.ENOEXEC):
		return prefix + name + ": cannot execute binary file: Exec format error", 126
	case applet.ExecutableFile(t, name) != nil:
		return prefix + name + ": " + applet.ErrText(err), code
	case code == 127:
		return prefix + name + ": cannot execute: required file not found", 127
	}
	if interp, ok := applet.Interpreter(t, name); ok {
		// bash's report of a "#!" line the kernel refused has no line.
		return s.linePrefix(0) + name + ": " + interp + ": bad interpreter: " + applet.ErrText(err), 126
	}
	return prefix + name + ": " + applet.ErrText(err), 126
}

// cdFailure is the diagnostic and status of a cd whose chdir failed.
func (s *shell) cdFailure(dir string, err error) (string, int) {
	if s.dialect == Dash {
		return "cd: can't cd to " + dir, 2
	}
	return fmt.Sprintf("cd: %s: %s", dir, applet.ErrText(err)), 1
}

// redirText words a redirection whose file did not open: lead+name+": "+
// text. flags are the open's: dash says whether it was opening or
// creating the file.
func (s *shell) redirText(name string, flags uint32, err error) (lead, text string) {
	text = applet.ErrText(err)
	if s.dialect != Dash {
		if errors.Is(err, linux.EEXIST) {
			// Only set -C opens with O_EXCL (noclobber.go).
			text = "cannot overwrite existing file"
		}
		return "", text
	}
	lead, missing := "cannot open ", "No such file"
	if flags&(linux.O_WRONLY|linux.O_RDWR) != 0 {
		lead, missing = "cannot create ", "Directory nonexistent"
	}
	if errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENOTDIR) {
		text = missing
	}
	return lead, text
}

// redirMessage is a redirection's failure with its line prefix.
func (s *shell) redirMessage(line int, unit, name string, flags uint32, err error) string {
	lead, text := s.redirText(name, flags, err)
	return s.unitLinePrefix(uint(line), unit) + lead + name + ": " + text
}

// redirPathError is a failed redirection for the interpreter to print
// (it prints an *os.PathError as "Op Path: Err").
func (s *shell) redirPathError(line int, unit, name string, flags uint32, err error) *os.PathError {
	lead, text := s.redirText(name, flags, err)
	op := strings.TrimSuffix(s.unitLinePrefix(uint(line), unit)+lead, " ")
	return &os.PathError{Op: op, Path: name, Err: errors.New(text)}
}

// dashSpecial are the special builtins, whose errors end a dash shell.
var dashSpecial = map[string]bool{
	":": true, ".": true, "break": true, "continue": true, "eval": true, "exec": true, "exit": true,
	"export": true, "readonly": true, "return": true, "set": true, "shift": true, "times": true,
	"trap": true, "unset": true,
}

// redirFailed is the command that runs instead of a builtin or function
// whose redirection failed: one giving redirStatus, or for a special
// builtin under dash one that ends the (sub)shell with it.
func (s *shell) redirFailed(name string) []string {
	status := []string{internal + "status", strconv.Itoa(s.redirStatus())}
	if s.dialect == Dash && dashSpecial[name] {
		return append([]string{"exec"}, status...)
	}
	return status
}

// redirStatus is the status of a command whose redirection failed.
func (s *shell) redirStatus() int {
	if s.dialect == Dash {
		return 2
	}
	return 1
}

// writeErrorText is a builtin's diagnostic when writing its output
// failed: dash names the builtin again and says "I/O error" whatever the
// error was.
func (s *shell) writeErrorText(builtin string, err error) string {
	if s.dialect == Dash {
		return builtin + ": I/O error"
	}
	return "write error: " + applet.ErrText(err)
}

// unboundText is set -u's diagnostic for an unset parameter; sigil is "$"
// for a positional one, which bash names $1.
func (s *shell) unboundText(sigil, name string) string {
	if s.dialect == Dash {
		return name + ": parameter not set"
	}
	return sigil + name + ": unbound variable"
}

// unsetParamMessage is the report of ${NAME?WORD} (null false) or
// ${NAME:?WORD} on line; an empty word gives the default message.
func (s *shell) unsetParamMessage(line int, unit, name, word string, null bool) string {
	if word == "" {
		switch {
		case s.dialect == Dash && null:
			word = "parameter not set or null"
		case null:
			word = "parameter null or not set"
		default:
			word = "parameter not set"
		}
	}
	return s.unitLinePrefix(uint(line), unit) + name + ": " + word
}

// unboundStatus is the status a shell stopped by set -u ends with: bash
// -c ends with 127 rather than 1; dash always with 2.
func (s *shell) unboundStatus(commandLine bool) int {
	switch {
	case s.dialect == Dash:
		return 2
	case commandLine:
		return 127
	}
	return 1
}

// syntaxMessage is a parse error's diagnostic with its line prefix; src
// is the program's text ("" when unknown), in which dash's message finds
// the token it names.
func (s *shell) syntaxMessage(pe syntax.ParseError, src string) string {
	if s.dialect != Dash {
		return s.bashSyntax(pe, src)
	}
	line, text := dashSyntax(pe, src)
	return s.linePrefix(line) + "Syntax error: " + text
}

// bashSyntax words a parse error as bash does: "unexpected end of file"
// on the line after the last (bash ends a program with a newline), an
// unclosed quote by the character it looked for, or the token near which
// the program broke, followed by the text of its line.
func (s *shell) bashSyntax(pe syntax.ParseError, src string) string {
	prefix := s.linePrefix
	if s.commandLine {
		prefix = func(line uint) string { return fmt.Sprintf("%s: -c: line %d: ", s.name, line) }
	}
	text, line := pe.Text, pe.Pos.Line()
	eofLine := line
	if src != "" {
		eofLine = uint(strings.Count(strings.TrimSuffix(src, "\n")+"\n", "\n")) + 1
	}
	if m := parserOpenQuote().FindStringSubmatch(text); m != nil {
		return prefix(line) + "unexpected EOF while looking for matching `" + m[1] + "'"
	}
	if m := parserUnmatched().FindStringSubmatch(text); m != nil {
		off := int(pe.Pos.Offset())
		switch {
		case m[1] == "$(":
			return prefix(eofLine) + "unexpected EOF while looking for matching `" + m[2] + "'"
		case m[1] == "${", m[1] == "(" && off > 0 && off <= len(src) && src[off-1] == '=': // an array
			return prefix(line) + "unexpected EOF while looking for matching `" + m[2] + "'"
		}
	}
	if pe.Incomplete && (bashWantsWord[text] || strings.HasPrefix(text, "case patterns must be")) {
		// The program's closing newline stands where a word had to be.
		last := eofLine - 1
		return prefix(last) + "syntax error near unexpected token `newline'\n" + prefix(last) + "`" + sourceLine(src, last) + "'"
	}
	token, tline, ok := "", uint(0), false
	switch m := parserFollow().FindStringSubmatch(text); {
	case m != nil && !pe.Incomplete:
		token, tline, ok = tokenAfter(src, int(pe.Pos.Offset()), m[1])
	case pe.Incomplete, parserEndWord().MatchString(text):
		return prefix(eofLine) + "syntax error: unexpected end of file"
	case text == parserNoSeparator:
		token, tline, ok = tokenAfter(src, int(pe.Pos.Offset()), "")
	default:
		if m := parserMisplaced().FindStringSubmatch(text); m != nil {
			token, ok = m[1], true
		} else if m := parserEncountered().FindStringSubmatch(text); m != nil {
			token, ok = m[1], true
		}
	}
	if !ok {
		return prefix(line) + "syntax error: " + text
	}
	line += tline
	return prefix(line) + "syntax error near unexpected token `" + bashTokenName(token) + "'\n" +
		prefix(line) + "`" + sourceLine(src, line) + "'"
}

// bashTokenName is a token as bash names it.
func bashTokenName(tok string) string {
	if tok == "\n" {
		return "newline"
	}
	return tok
}

// sourceLine is line n (from 1) of src.
func sourceLine(src string, n uint) string {
	lines := strings.Split(src, "\n")
	if n == 0 || int(n) > len(lines) {
		return ""
	}
	return lines[n-1]
}

// dashSyntax words a parse error as dash does: "end of file unexpected",
// with what dash was expecting when the parser says, or `"TOKEN"
// unexpected` for the token that broke the construct, on its line.
func dashSyntax(pe syntax.ParseError, src string) (line uint, text string) {
	text, line = pe.Text, pe.Pos.Line()
	if pe.Incomplete && src != "" {
		line = uint(strings.Count(src, "\n")) + 1 // dash is at the end
	}
	if m := parserEndWord().FindStringSubmatch(text); m != nil {
		if m[1] == "esac" {
			return line, `end of file unexpected (expecting "` + caseExpecting(src) + `")`
		}
		return line, `end of file unexpected (expecting "` + m[1] + `")`
	}
	if m := parserMisplaced().FindStringSubmatch(text); m != nil {
		return line, `"` + m[1] + `" unexpected`
	}
	switch {
	case text == "reached EOF without closing quote \"`\"":
		return line, "EOF in backquote substitution"
	case strings.HasPrefix(text, "reached EOF without closing quote"):
		return line, "Unterminated quoted string"
	case strings.HasPrefix(text, "`for` must be followed by"):
		return line, "Bad for loop variable"
	case pe.Incomplete && strings.HasPrefix(text, "case patterns must be"):
		return line, `end of file unexpected (expecting ")")`
	}
	if text == parserNoSeparator {
		if raw, tline, ok := tokenAfter(src, int(pe.Pos.Offset()), ""); ok {
			tok, tline := dashUnexpected(raw, tline)
			return line + tline, tok
		}
	}
	m := parserFollow().FindStringSubmatch(text)
	if m == nil {
		if m := parserEncountered().FindStringSubmatch(text); m != nil {
			return line, `"` + m[1] + `" unexpected`
		}
		return line, text
	}
	raw, tline, ok := tokenAfter(src, int(pe.Pos.Offset()), m[1])
	tok, tline := dashUnexpected(raw, tline)
	if pe.Incomplete && !(ok && m[1] == "foo(") {
		return line, "end of file unexpected" + dashExpecting(m[1])
	}
	if ok {
		if m[1] == "foo(" {
			tok += ` (expecting ")")`
		}
		return line + tline, tok
	}
	return line, text
}

// caseExpecting is what dash expects when a case ends with the program:
// a pattern's ")" after "in" or ";;", else the ";;" ending an item.
func caseExpecting(src string) string {
	lastItem := max(strings.LastIndex(src, ";;"), strings.LastIndex(src, " in"), strings.LastIndex(src, "\tin"))
	if strings.LastIndex(src, ")") > lastItem {
		return ";;"
	}
	return ")"
}

// dashExpecting is what dash names as expected after an opening word at
// the end of the program.
func dashExpecting(opening string) string {
	word, _, _ := strings.Cut(opening, " ")
	switch word {
	case "if", "elif":
		return ` (expecting "then")`
	case "then", "else":
		return ` (expecting "fi")`
	case "while", "until", "for":
		if opening == "for foo [in words]" {
			return ""
		}
		return ` (expecting "do")`
	case "do":
		return ` (expecting "done")`
	case "{":
		return ` (expecting "}")`
	case "(", "foo(":
		return ` (expecting ")")`
	case "case":
		if opening == "case" {
			return " (expecting word)"
		}
		return ` (expecting "in")`
	}
	return ""
}

// tokenAfter finds the token after the opening word at off in src (the
// one that broke the construct): an operator, a word, or "\n" for the
// end of the line; and how many lines below off's it is.
func tokenAfter(src string, off int, opening string) (tok string, lines uint, ok bool) {
	word, _, _ := strings.Cut(opening, " ")
	if word == "foo(" && off >= 0 && off < len(src) {
		// The parser points at the function's name.
		if i := strings.IndexByte(src[off:], '('); i >= 0 {
			off, word = off+i, "("
		}
	}
	if strings.Contains(opening, "<cond>") || off < 0 || off >= len(src) || !strings.HasPrefix(src[off:], word) {
		return "", 0, false
	}
	rest := src[off+len(word):]
	for rest != "" && (rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' && opening != "foo(") {
		if rest[0] == '\n' {
			lines++
		}
		rest = rest[1:]
	}
	switch {
	case rest == "":
		return "", 0, false
	case rest[0] == '\n':
		return "\n", lines, true
	}
	for _, op := range []string{";;", "&&", "||", ";", "&", "|", "(", ")"} {
		if strings.HasPrefix(rest, op) {
			return op, lines, true
		}
	}
	end := strings.IndexAny(rest, " \t\n;&|()<>")
	if end < 0 {
		end = len(rest)
	}
	return rest[:end], lines, true
}

// dashUnexpected is dash's words for an unexpected token: reserved words
// and operators quoted, any other word as "word", and the newline it has
// already read (so on the next line).
func dashUnexpected(tok string, lines uint) (string, uint) {
	switch {
	case tok == "\n":
		return "newline unexpected", lines + 1
	case dashReserved[tok], strings.Trim(tok, ";&|()") == "":
		return `"` + tok + `" unexpected`, lines
	}
	return "word unexpected", lines
}

// dashReserved are dash's reserved words, which its messages quote.
var dashReserved = map[string]bool{"!": true, "case": true, "do": true, "done": true, "elif": true, "else": true,
	"esac": true, "fi": true, "for": true, "if": true, "in": true, "then": true, "until": true, "while": true,
	"{": true, "}": true}

// The parser's words for a construct cut short by the end of the script
// ("`if` statement must end with `fi`", "reached EOF without matching
// `{` with `}`"), for a reserved word out of place ("`fi` can only be
// used to end an `if`"), for an opening word not followed by its body
// ("`then` must be followed by a statement list") and for a token where
// a command's words were ("... encountered `)`").
//
// Each is compiled at its first use: compiling the six at package
// initialisation was nearly a tenth of it, in every start of linuxvfs, for
// messages most runs never see.
var (
	parserEndWord     = lazyRegexp("^(?:`[^`]+` statement must end with|reached EOF without matching `[^`]+` with) `([^`]+)`$")
	parserMisplaced   = lazyRegexp("^`([^`]+)` can only be used ")
	parserFollow      = lazyRegexp("^`([^`]+)` must be followed by")
	parserEncountered = lazyRegexp("encountered `([^`]+)`$")
	parserOpenQuote   = lazyRegexp("^reached EOF without closing quote [`\"](.)[`\"]$")
	parserUnmatched   = lazyRegexp("^reached EOF without matching `([^`]+)` with `([^`]+)`$")
)

// lazyRegexp returns the regular expression expr, compiled when first
// called for.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// parserNoSeparator is the parser's word for a second command on a line
// with no separator before it ("fi fi"): the token there is unexpected.
const parserNoSeparator = "statements must be separated by &, ; or a newline"

// bashWantsWord are the parser's words for a construct cut short where
// it needed a word, which bash reports as an unexpected newline.
var bashWantsWord = map[string]bool{
	"`for` must be followed by a literal": true,
	"`case` must be followed by a word":   true,
	"`foo(` must be followed by `)`":      true,
}

// argError is dash's diagnostic for bad arguments of exit, return and
// shift (a number), read and unset (variable names), all with status 2;
// fatal says it is a special builtin's, which ends the shell. Bash's
// are the interpreter's; it reports none here.
func (s *shell) argError(args []string) (msg string, fatal bool) {
	if s.dialect != Dash {
		return "", false
	}
	switch args[0] {
	case "exit", "return", "shift":
		// (Shifting more than $# is an error too, but the handler does
		// not see the positional parameters.)
		if len(args) > 1 && !dashNumber(args[1]) {
			return args[0] + ": Illegal number: " + args[1], true
		}
	case "read":
		names := skipReadOptions(args[1:])
		if len(names) == 0 {
			return "read: arg count", false
		}
		return badName("read", names), false
	case "unset":
		if len(args) > 1 && args[1] == "-f" {
			return "", false
		}
		return badName("unset", args[1:]), true
	}
	return "", false
}

// skipReadOptions drops dash's read options: -r, and -p with its prompt.
func skipReadOptions(args []string) []string {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		if args[0] == "--" {
			return args[1:]
		}
		if strings.HasSuffix(args[0], "p") && len(args) > 1 {
			args = args[1:]
		}
		args = args[1:]
	}
	return args
}

// badName is "BUILTIN: NAME: bad variable name" for the first operand
// that is no variable name, "" if all are.
func badName(builtin string, names []string) string {
	for _, n := range names {
		if n != "-v" && !syntax.ValidName(n) {
			return builtin + ": " + n + ": bad variable name"
		}
	}
	return ""
}

// dashNumber reports whether arg is a number as dash's builtins take
// one: decimal digits after an optional '+'.
func dashNumber(arg string) bool {
	digits := strings.TrimPrefix(arg, "+")
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// badOption is a builtin's diagnostic for an unknown option letter, after
// the "NAME: " prefix, with bash's usage line; the status is 2 for both.
func (s *shell) badOption(builtin string, opt rune, usage string) string {
	if s.dialect == Dash {
		return fmt.Sprintf("Illegal option -%c", opt)
	}
	return fmt.Sprintf("-%c: invalid option\n%s: usage: %s", opt, builtin, usage)
}

// cdUnset is cd's failure when the variable naming its target (HOME for
// a bare cd, OLDPWD for cd -) is unset; ok false means dash's way: a bare
// cd stays, cd - goes to the directory it is in.
func (s *shell) cdUnset(name string) (msg string, ok bool) {
	if s.dialect == Dash {
		return "", false
	}
	return "cd: " + name + " not set", true
}

// cdTooMany is whether cd refuses a second operand (bash); dash takes
// the first.
func (s *shell) cdTooMany() bool { return s.dialect != Dash }

// umaskLetters are the options umask takes: dash has no -p.
func (s *shell) umaskLetters() string {
	if s.dialect == Dash {
		return "S"
	}
	return "Sp"
}

// umaskShowsSet is whether umask -S MODE prints the mask it set, as
// bash's does; dash's sets it silently.
func (s *shell) umaskShowsSet() bool { return s.dialect != Dash }

// umaskError is umask's diagnostic (after "umask: ") and status for a
// mask it cannot read: an octal one (number) or a symbolic mode.
func (s *shell) umaskError(arg string, number bool) (string, int) {
	switch {
	case s.dialect == Dash && number:
		return "Illegal number: " + arg, 2
	case s.dialect == Dash:
		return "Illegal mode: " + arg, 2
	case number:
		return arg + ": octal number out of range", 1
	}
	return "`" + arg + "': invalid symbolic mode operator", 1
}

// typeNotFound reports a name type or command -v/-V finds nothing for
// (if report), returning the status: bash prints "type: NAME: not found"
// as an error with status 1, dash "NAME: not found" on standard output
// with 127.
func (c *cmd) typeNotFound(name string, report bool) int {
	switch {
	case c.sh.dialect == Dash:
		if report {
			fmt.Fprintf(c.Out, "%s: not found\n", name)
		}
		return 127
	case report:
		c.builtinErrorf("%s: not found", name)
	}
	return 1
}

// echoOptions reads echo's options: bash's -n, -e and -E (escapes off by
// default), or dash's, whose echo interprets escapes always and takes
// only a first word "-n".
func (s *shell) echoOptions(args []string) (rest []string, newline, escapes bool) {
	if s.dialect != Dash {
		return applet.EchoOptions(args, true, false)
	}
	if len(args) > 0 && args[0] == "-n" {
		return args[1:], false, true
	}
	return args, true, true
}

// badNumberText is printf's complaint about a numeric argument: digits
// says some were read before the rest, overflow that they were too many.
func (s *shell) badNumberText(digits, overflow bool) string {
	switch {
	case overflow:
		return "Numerical result out of range"
	case s.dialect != Dash:
		return "invalid number"
	case digits:
		return "not completely converted"
	}
	return "expected numeric value"
}
