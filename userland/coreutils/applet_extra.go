// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The text tools scripts pipe applet output through: grep, seq and
// sleep (sort, uniq, cut and tr have files of their own).

// grepper is one grep command: the program and its settings.
type grepper struct {
	*cmd
	*grepOpts
}

// grepOpts are grep's settings.
type grepOpts struct {
	invert, count, quiet, number, listFiles, noMessages, withName bool
	// binary is what a file with a NUL byte gets: 't' (-a) reads it as
	// text, 'n' (-I) as matching nothing, 0 ends its output with
	// "binary file matches".
	binary   byte
	nameMode int // 'H', 'h' or 0: see -H, -h
	re       *regexp.Regexp
	grepMore
}

// grepApplet is grep(1): basic (default), extended (-E) or fixed (-F)
// patterns, with -v, -c, -q, -n, -i, -l, -s, -x, -w.
func grepApplet(cmd *cmd) int {
	c := &grepper{cmd: cmd, grepOpts: &grepOpts{}}
	c.maxCount = -1
	o := c.grepOpts
	ops, code := c.parse()
	if code >= 0 {
		return code
	}
	names, implicit := c.operands(ops)
	o.withName = o.nameMode == 'H' || (o.nameMode == 0 && (len(names) > 1 || o.recurse != 0))
	status := 1
	for _, name := range names {
		shown := name
		if implicit {
			shown = ""
		}
		matched, err := c.operand(name, shown, true)
		switch {
		case err != nil:
			if !o.noMessages {
				c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
			}
			status = 2
		case matched && status == 1:
			status = 0
		}
		if matched && o.quiet {
			return 0
		}
		if err := c.OutFailed(); err != nil && !applet.BrokenPipe(err) {
			// grep checks each write and dies with its errno.
			c.ClearOut()
			c.Errorf("write error: %s", applet.ErrText(err))
			return 2
		}
	}
	if c.troubled && !(o.quiet && status == 0) {
		return 2
	}
	return status
}

// grepOptions are grep's options; -e and -f add patterns, the last of
// -E, -F and -G picks their syntax.
var grepOptions = []getopt.Option{
	{Short: 'E', Long: "extended-regexp"}, {Short: 'F', Long: "fixed-strings"},
	{Short: 'G', Long: "basic-regexp"}, {Short: 'e', Long: "regexp", Arg: getopt.RequiredArg},
	{Short: 'f', Long: "file", Arg: getopt.RequiredArg}, {Short: 'i', Long: "ignore-case"},
	{Short: 'y'}, {Long: "no-ignore-case", ID: 'I' << 8},
	{Short: 'x', Long: "line-regexp"}, {Short: 'w', Long: "word-regexp"},
	{Short: 'v', Long: "invert-match"}, {Short: 'c', Long: "count"},
	{Short: 'q', Long: "quiet"}, {Long: "silent", ID: 'q'}, {Short: 'n', Long: "line-number"},
	{Short: 'l', Long: "files-with-matches"}, {Short: 's', Long: "no-messages"},
	{Short: 'H', Long: "with-filename"}, {Short: 'h', Long: "no-filename"},
	{Short: 'a', Long: "text"}, {Short: 'I'},
	{Short: 'o', Long: "only-matching"}, {Short: 'r', Long: "recursive"},
	{Short: 'R', Long: "dereference-recursive"}, {Short: 'm', Long: "max-count", Arg: getopt.RequiredArg},
	{Short: 'A', Long: "after-context", Arg: getopt.RequiredArg},
	{Short: 'B', Long: "before-context", Arg: getopt.RequiredArg},
	{Short: 'C', Long: "context", Arg: getopt.RequiredArg},
	{Short: 'L', Long: "files-without-match"}, {Long: "color", Arg: getopt.OptionalArg, ID: 'c' << 8},
	{Long: "colour", Arg: getopt.OptionalArg, ID: 'c' << 8}, {Short: 'Z', Long: "null"},
	{Short: 'b', Long: "byte-offset"}, {Short: 'T', Long: "initial-tab"}, {Short: 'P', Long: "perl-regexp"},
	{Long: "include", Arg: getopt.RequiredArg, ID: 'i' << 8}, {Long: "exclude", Arg: getopt.RequiredArg, ID: 'e' << 8},
	{Long: "exclude-dir", Arg: getopt.RequiredArg, ID: 'd' << 8},
}

const grepHelp = `[OPTION]... PATTERNS [FILE]...
Print the lines of each FILE (standard input if none or "-") that match
one of the PATTERNS, which are separated by newlines.

  -E, -F, -G       extended regular expressions, fixed strings, basic ones
  -e PATTERNS      use PATTERNS (may be repeated); -f FILE reads them
  -i, -y           ignore case (--no-ignore-case undoes it)
  -w, -x           match whole words only, whole lines only
  -v               select the lines that do not match
  -c, -l, -q       print a count per file, the names of matching files,
                   or nothing (the status says whether a line matched)
  -n, -H, -h       prefix line numbers, file names, or no file names
  -s               no messages about unreadable files

Exit status: 0 if a line was selected, 1 if none was, 2 on error.
`

// grepSpec is what grep's options say before the patterns compile.
type grepSpec struct {
	syntax           byte // 'E', 'F' or 'G'
	patterns         []string
	given            bool // -e or -f was used
	fold, line, word bool
	names            int // 'H', 'h' or 0
}

// parse reads grep's command line; code >= 0 ends grep with it.
func (c *grepper) parse() (ops []string, code int) {
	c.UsageStatus, c.UsageLine = 2, "Usage: grep [OPTION]... PATTERNS [FILE]..."
	c.HelpName = path.Base(c.Name) // grep's usage lines name it short (getprogname)
	o, sp := c.grepOpts, &grepSpec{syntax: 'G'}
	ops, status, ok := c.GetoptEach(grepOptions, false, grepHelp, func(p getopt.Parsed) bool {
		return c.option(p, sp)
	})
	if !ok {
		return nil, status
	}
	if !sp.given {
		if len(ops) == 0 {
			c.TryHelp()
			return nil, 2
		}
		sp.patterns, ops = strings.Split(ops[0], "\n"), ops[1:]
	}
	re, err := sp.compile()
	if err != nil {
		c.Errorf("%s", err)
		return nil, 2
	}
	o.re, o.nameMode = re, sp.names
	return ops, -1
}

// grepOption applies one option; false ends grep (a -f file failed).
func (c *grepper) option(p getopt.Parsed, sp *grepSpec) bool {
	o := c.grepOpts
	switch p.ID {
	case 'E', 'F', 'G', 'P':
		sp.syntax = byte(p.ID)
	case 'm', 'A', 'B', 'C':
		return c.numberOption(p)
	case 'i' << 8, 'e' << 8, 'd' << 8:
		o.globs = append(o.globs, grepGlob{kind: byte(p.ID >> 8), pattern: p.Value})
	case 'c' << 8:
		// No terminal here: auto and never alike print no colours.
	case 'e':
		sp.patterns, sp.given = append(sp.patterns, strings.Split(p.Value, "\n")...), true
	case 'f':
		data, err := c.patternFile(p.Value)
		if err != nil {
			c.Errorf("%s: %s", c.QuoteName(p.Value), applet.ErrText(err))
			return false
		}
		if text := strings.TrimSuffix(string(data), "\n"); len(data) > 0 {
			sp.patterns = append(sp.patterns, strings.Split(text, "\n")...)
		}
		sp.given = true
	case 'i', 'y':
		sp.fold = true
	case 'I' << 8:
		sp.fold = false
	case 'x':
		sp.line = true
	case 'w':
		sp.word = true
	case 'H', 'h':
		sp.names = p.ID
	default:
		o.set(byte(p.ID))
	}
	return true
}

// set records one of the output options.
func (o *grepOpts) set(opt byte) {
	switch opt {
	case 'v':
		o.invert = true
	case 'c':
		o.count = true
	case 'q':
		o.quiet = true
	case 'n':
		o.number = true
	case 'l':
		o.listFiles = true
	case 's':
		o.noMessages = true
	case 'a':
		o.binary = 't'
	case 'I':
		o.binary = 'n'
	case 'o':
		o.only = true
	case 'r':
		o.recurse = 'r'
	case 'R':
		o.recurse = 'R'
	case 'L':
		o.listMissing = true
	case 'Z':
		o.null = true
	case 'b':
		o.offsets = true
	case 'T':
		o.tab = true
	}
}

// compile turns the patterns into one Go expression: a line matches if
// any pattern does (no pattern at all matches nothing).
func (sp *grepSpec) compile() (*regexp.Regexp, error) {
	if len(sp.patterns) == 0 {
		return regexp.Compile(`[^\s\S]`)
	}
	alts := make([]string, len(sp.patterns))
	for i, pat := range sp.patterns {
		if sp.syntax == 'F' {
			pat = regexp.QuoteMeta(pat)
		} else if sp.syntax == 'P' {
			// Go's syntax is close enough to Perl's for grep -P.
		} else {
			var err error
			syn := posixre.Syntax{ERE: sp.syntax == 'E', Dialect: posixre.Grep, Raw: true}
			if pat, _, err = posixre.Translate(pat, syn); err != nil {
				return nil, err
			}
		}
		if sp.word {
			// A match counts when no word character touches it on
			// either side; \b would also demand one inside it.
			pat = `(?:^|[^0-9A-Za-z_])(?P<w>` + pat + `)(?:[^0-9A-Za-z_]|$)`
		}
		if sp.line {
			pat = `^(?:` + pat + `)$`
		}
		alts[i] = `(?:` + pat + `)`
	}
	pat := strings.Join(alts, "|")
	if sp.fold {
		pat = `(?i)` + pat
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, posixre.ErrTooBig
	}
	re.Longest()
	return re, nil
}

// sleepApplet is sleep(1): NUMBER[smhd]..., ended early by the script's
// context.
func sleepApplet(c *cmd) int {
	if len(c.Args) == 0 {
		return c.MissingOperand("")
	}
	var total time.Duration
	for _, a := range c.Args {
		unit := time.Second
		if n := len(a); n > 0 && strings.IndexByte("smhd", a[n-1]) >= 0 {
			unit = map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour}[a[n-1]]
			a = a[:n-1]
		}
		f, err := strconv.ParseFloat(a, 64)
		if err != nil || f < 0 {
			c.Errorf("invalid time interval %s", c.QuoteArg(a))
			c.TryHelp()
			return 1
		}
		total += time.Duration(f * float64(unit))
	}
	select {
	case <-time.After(total):
		return 0
	case <-c.Ctx.Done():
		return 130
	}
}

// readPatternFile reads grep's -f file; a failure is reported by the
// caller alone, as "grep: NAME: REASON".
func (c *grepper) patternFile(name string) ([]byte, error) {
	r, err := c.openInput(name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
