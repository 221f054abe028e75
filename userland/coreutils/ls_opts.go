// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/size"

	"fmt"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

// Which implied entries a listing leaves out.
const (
	lsIgnoreDots    = iota // names starting with '.' (the default)
	lsIgnoreDotDot         // only "." and ".." (-A)
	lsIgnoreNothing        // nothing (-a, -f)
)

// How symbolic links are followed.
const (
	lsDerefUnset     = iota
	lsDerefNever     // lstat everything
	lsDerefArgs      // -H: operands are followed
	lsDerefArgsToDir // operands that lead to a directory are followed
	lsDerefAlways    // -L
)

// Sort keys, in the order --sort names them.
const (
	lsSortName = iota
	lsSortNone
	lsSortTime
	lsSortSize
	lsSortExtension
	lsSortVersion
	lsSortWidth
)

// Output formats.
const (
	lsOneLine = iota
	lsLong
	lsColumns // -C: down the columns
	lsAcross  // -x: across the rows
	lsCommas  // -m
)

// Which time -l shows and -t sorts by.
const (
	lsMtime = iota
	lsCtime
	lsAtime
	lsBtime
)

// Indicator styles, weakest first: each style marks what the ones before it do.
const (
	lsIndNone = iota
	lsIndSlash
	lsIndFileType
	lsIndClassify
)

// lsOpts are ls's settings once the command line and environment are read.
type lsOpts struct {
	ignore               int
	ignorePats, hidePats []string
	dirOnly, recursive   bool
	deref                int

	sort, timeType     int
	reverse, dirsFirst bool

	format                        int
	inode, blocks, scontext       bool
	owner, group, author, numeric bool
	indicator                     int
	width, tabSize                int
	eol                           byte
	quoting                       int
	qmark, alignQuotes, color     bool
	timeFormat                    [2]string // old, recent

	// Sizes: blocks (-s, "total") and the size column of -l.
	blockSize, fileBlockSize   uint64
	blockStyle, fileBlockStyle size.Style
}

// IDs of the long options without a short form.
const (
	lsOptAuthor = 256 + iota
	lsOptBlockSize
	lsOptColor
	lsOptDerefDir
	lsOptFileType
	lsOptFormat
	lsOptFullTime
	lsOptDirsFirst
	lsOptHide
	lsOptHyperlink
	lsOptIndicator
	lsOptQuoting
	lsOptShowControl
	lsOptSI
	lsOptSort
	lsOptTime
	lsOptTimeStyle
	lsOptZero
	lsOptHelp
	lsOptVersion
)

// lsOptions are in coreutils' order of long names, which ambiguity
// messages follow.
var lsOptions = []getopt.Option{
	{Short: 'a', Long: "all"}, {Short: 'b', Long: "escape"}, {Short: 'd', Long: "directory"},
	{Short: 'D', Long: "dired"}, {Long: "full-time", ID: lsOptFullTime},
	{Long: "group-directories-first", ID: lsOptDirsFirst},
	{Short: 'h', Long: "human-readable"}, {Short: 'i', Long: "inode"},
	{Short: 'k', Long: "kibibytes"}, {Short: 'n', Long: "numeric-uid-gid"},
	{Short: 'G', Long: "no-group"}, {Short: 'q', Long: "hide-control-chars"},
	{Short: 'r', Long: "reverse"}, {Short: 's', Long: "size"},
	{Short: 'w', Long: "width", Arg: getopt.RequiredArg},
	{Short: 'A', Long: "almost-all"}, {Short: 'B', Long: "ignore-backups"},
	{Short: 'F', Long: "classify", Arg: getopt.OptionalArg},
	{Long: "file-type", ID: lsOptFileType}, {Long: "si", ID: lsOptSI},
	{Short: 'H', Long: "dereference-command-line"},
	{Long: "dereference-command-line-symlink-to-dir", ID: lsOptDerefDir},
	{Long: "hide", Arg: getopt.RequiredArg, ID: lsOptHide},
	{Short: 'I', Long: "ignore", Arg: getopt.RequiredArg},
	{Long: "indicator-style", Arg: getopt.RequiredArg, ID: lsOptIndicator},
	{Short: 'L', Long: "dereference"}, {Short: 'N', Long: "literal"},
	{Short: 'Q', Long: "quote-name"},
	{Long: "quoting-style", Arg: getopt.RequiredArg, ID: lsOptQuoting},
	{Short: 'R', Long: "recursive"},
	{Long: "format", Arg: getopt.RequiredArg, ID: lsOptFormat},
	{Long: "show-control-chars", ID: lsOptShowControl},
	{Long: "sort", Arg: getopt.RequiredArg, ID: lsOptSort},
	{Short: 'T', Long: "tabsize", Arg: getopt.RequiredArg},
	{Long: "time", Arg: getopt.RequiredArg, ID: lsOptTime},
	{Long: "time-style", Arg: getopt.RequiredArg, ID: lsOptTimeStyle},
	{Long: "zero", ID: lsOptZero},
	{Long: "color", Arg: getopt.OptionalArg, ID: lsOptColor},
	{Long: "hyperlink", Arg: getopt.OptionalArg, ID: lsOptHyperlink},
	{Long: "block-size", Arg: getopt.RequiredArg, ID: lsOptBlockSize},
	{Short: 'Z', Long: "context"}, {Long: "author", ID: lsOptAuthor},
	{Long: "help", ID: lsOptHelp}, {Long: "version", ID: lsOptVersion},
	{Short: 'c'}, {Short: 'C'}, {Short: 'f'}, {Short: 'g'}, {Short: 'l'}, {Short: 'm'},
	{Short: 'o'}, {Short: 'p'}, {Short: 'S'}, {Short: 't'}, {Short: 'u'}, {Short: 'U'},
	{Short: 'v'}, {Short: 'x'}, {Short: 'X'}, {Short: '1'},
}

// lsWords are the argument words of the options that take a keyword, in the
// order the diagnostics list them; each group is one meaning.
var (
	lsWhenWords   = [][]string{{"always", "yes", "force"}, {"never", "no", "none"}, {"auto", "tty", "if-tty"}}
	lsSortWords   = [][]string{{"none"}, {"time"}, {"size"}, {"extension"}, {"version"}, {"width"}}
	lsSortKeys    = []int{lsSortNone, lsSortTime, lsSortSize, lsSortExtension, lsSortVersion, lsSortWidth}
	lsTimeWords   = [][]string{{"atime", "access", "use"}, {"ctime", "status"}, {"birth", "creation"}}
	lsTimeKeys    = []int{lsAtime, lsCtime, lsBtime}
	lsFormatWords = [][]string{{"verbose", "long"}, {"commas"}, {"horizontal", "across"}, {"vertical"}, {"single-column"}}
	lsFormatKeys  = []int{lsLong, lsCommas, lsAcross, lsColumns, lsOneLine}
	lsIndWords    = [][]string{{"none"}, {"slash"}, {"file-type"}, {"classify"}}
)

// lsSettings collects what the options say before defaults are applied;
// -1 means "not given".
type lsSettings struct {
	*cmd
	o                              *lsOpts
	format, sort, quoting, hideCtl int
	width, tabSize                 int
	kibibytes, sizeSet             bool
	timeStyle                      string
	timeStyleSet                   bool
}

// lsParse reads ls's command line. done means ls should exit with status
// (after --help, --version or a usage error).
func lsParse(c *cmd) (o *lsOpts, ops []string, status int, done bool) {
	p := &getopt.Parser{Options: lsOptions, InOrder: c.EnvSet("POSIXLY_CORRECT")}
	parsed, ops, perr := p.Parse(c.Args)
	s := &lsSettings{cmd: c, o: &lsOpts{owner: true, group: true, eol: '\n'},
		format: -1, sort: -1, quoting: -1, hideCtl: -1, width: -1, tabSize: -1}
	for _, opt := range parsed {
		if status, done := s.apply(opt); done {
			return nil, nil, status, true
		}
	}
	if perr != nil {
		c.Errorf("%s", perr.Error())
		c.TryHelp()
		return nil, nil, 2, true
	}
	if status, done := s.defaults(); done {
		return nil, nil, status, true
	}
	return s.o, ops, 0, false
}

// lsFlags are the options without a value, each applied in command-line
// order as ls applies them.
var lsFlags = map[int]func(s *lsSettings){
	'a': func(s *lsSettings) {
		s.o.ignore = lsIgnoreNothing
	},
	'A': func(s *lsSettings) {
		s.o.ignore = lsIgnoreDotDot
	},
	'b': func(s *lsSettings) {
		s.quoting = qsEscape
	},
	'B': func(s *lsSettings) {
		s.o.ignorePats = append(s.o.ignorePats, "*~", ".*~")
	},
	'c': func(s *lsSettings) {
		s.o.timeType = lsCtime
	},
	'C': func(s *lsSettings) {
		s.format = lsColumns
	},
	'd': func(s *lsSettings) {
		s.o.dirOnly = true
	},
	'D': func(s *lsSettings) {
		// --dired only matters with -l; Emacs output is not supported.
	},
	'f': func(s *lsSettings) {
		// -a -U, and no -l, -s or colour.
		s.o.ignore, s.sort = lsIgnoreNothing, lsSortNone
		if s.format == lsLong {
			s.format = -1
		}
		s.o.color, s.o.blocks = false, false
	},
	'g': func(s *lsSettings) {
		s.format, s.o.owner = lsLong, false
	},
	'G': func(s *lsSettings) {
		s.o.group = false
	},
	'H': func(s *lsSettings) {
		s.o.deref = lsDerefArgs
	},
	'i': func(s *lsSettings) {
		s.o.inode = true
	},
	'k': func(s *lsSettings) {
		s.kibibytes = true
	},
	'l': func(s *lsSettings) {
		s.format = lsLong
	},
	'L': func(s *lsSettings) {
		s.o.deref = lsDerefAlways
	},
	'm': func(s *lsSettings) {
		s.format = lsCommas
	},
	'n': func(s *lsSettings) {
		s.o.numeric, s.format = true, lsLong
	},
	'N': func(s *lsSettings) {
		s.quoting = qsLiteral
	},
	'o': func(s *lsSettings) {
		s.format, s.o.group = lsLong, false
	},
	'p': func(s *lsSettings) {
		s.o.indicator = lsIndSlash
	},
	'q': func(s *lsSettings) {
		s.hideCtl = 1
	},
	'Q': func(s *lsSettings) {
		s.quoting = qsC
	},
	'r': func(s *lsSettings) {
		s.o.reverse = true
	},
	'R': func(s *lsSettings) {
		s.o.recursive = true
	},
	's': func(s *lsSettings) {
		s.o.blocks = true
	},
	'S': func(s *lsSettings) {
		s.sort = lsSortSize
	},
	't': func(s *lsSettings) {
		s.sort = lsSortTime
	},
	'u': func(s *lsSettings) {
		s.o.timeType = lsAtime
	},
	'U': func(s *lsSettings) {
		s.sort = lsSortNone
	},
	'v': func(s *lsSettings) {
		s.sort = lsSortVersion
	},
	'x': func(s *lsSettings) {
		s.format = lsAcross
	},
	'X': func(s *lsSettings) {
		s.sort = lsSortExtension
	},
	'Z': func(s *lsSettings) {
		s.o.scontext = true
	},
	'1': func(s *lsSettings) {
		if s.format != lsLong {
			s.format = lsOneLine
		}
	},
}

// lsApply applies one option.
func (s *lsSettings) apply(p getopt.Parsed) (int, bool) {
	if set, ok := lsFlags[p.ID]; ok {
		set(s)
		return 0, false
	}
	return s.applyValue(p)
}

// lsApplyValue applies the options that take a value or have only a long
// name.
func (s *lsSettings) applyValue(p getopt.Parsed) (int, bool) {
	c := s.cmd
	o := s.o
	var ok = true
	switch p.ID {
	case 'F':
		var when int
		if when, ok = s.when("--classify", p); ok && when == 0 {
			o.indicator = lsIndClassify
		}
	case 'h':
		s.sizeSet = true
		o.blockStyle, o.blockSize = size.Human, 1
		o.fileBlockStyle, o.fileBlockSize = o.blockStyle, 1
	case lsOptSI:
		s.sizeSet = true
		o.blockStyle, o.blockSize = size.HumanSI, 1
		o.fileBlockStyle, o.fileBlockSize = o.blockStyle, 1
	case lsOptBlockSize:
		return s.blockSize(p)
	case 'T':
		return s.count(p.Value, "invalid tab size", &s.tabSize)
	case 'w':
		return s.count(p.Value, "invalid line width", &s.width)
	case lsOptAuthor:
		o.author = true
	case lsOptColor:
		var when int
		if when, ok = s.when("--color", p); ok {
			o.color = when == 0
		}
	case lsOptHyperlink:
		// Hyperlinks are for terminals; "always" would need the host name.
		_, ok = s.when("--hyperlink", p)
	case lsOptDerefDir:
		o.deref = lsDerefArgsToDir
	case lsOptFileType:
		o.indicator = lsIndFileType
	case lsOptFormat:
		var k int
		if k, ok = c.argmatch("--format", p.Value, lsFormatWords); ok {
			s.format = lsFormatKeys[k]
		}
	case lsOptFullTime:
		s.format, s.timeStyle, s.timeStyleSet = lsLong, "full-iso", true
	case lsOptDirsFirst:
		o.dirsFirst = true
	case lsOptHide:
		o.hidePats = append(o.hidePats, p.Value)
	case 'I':
		o.ignorePats = append(o.ignorePats, p.Value)
	case lsOptIndicator:
		o.indicator, ok = c.argmatch("--indicator-style", p.Value, lsIndWords)
	case lsOptQuoting:
		s.quoting, ok = c.argmatch("--quoting-style", p.Value, qsWords)
	case lsOptShowControl:
		s.hideCtl = 0
	case lsOptSort:
		var k int
		if k, ok = c.argmatch("--sort", p.Value, lsSortWords); ok {
			s.sort = lsSortKeys[k]
		}
	case lsOptTime:
		var k int
		if k, ok = c.argmatch("--time", p.Value, lsTimeWords); ok {
			o.timeType = lsTimeKeys[k]
		}
	case lsOptTimeStyle:
		s.timeStyle, s.timeStyleSet = p.Value, true
	case lsOptZero:
		o.eol, s.hideCtl, o.color, s.quoting = 0, 0, false, qsLiteral
		if s.format != lsLong {
			s.format = lsOneLine
		}
	case lsOptHelp:
		c.Out.WriteString(lsHelp)
		return 0, true
	case lsOptVersion:
		c.Out.WriteString("ls (linuxvfs) " + Version + "\n")
		return 0, true
	}
	if !ok {
		return 1, true
	}
	return 0, false
}

// lsCount decodes -w or -T into dst; a bad number ends ls with status 2.
func (s *lsSettings) count(value, complaint string, dst *int) (int, bool) {
	c := s.cmd
	n, valid := lsNumber(value)
	if !valid {
		c.Errorf("%s: %s", complaint, c.QuoteArg(value))
		return 2, true
	}
	*dst = n
	return 0, false
}

// lsWhen decodes --color, --classify and --hyperlink's WHEN: 0 always,
// 1 never, 2 auto (never here: standard output is not a terminal).
func (s *lsSettings) when(opt string, p getopt.Parsed) (int, bool) {
	c := s.cmd
	if !p.HasValue {
		return 0, true
	}
	k, ok := c.argmatch(opt, p.Value, lsWhenWords)
	if k == 2 {
		k = 1
	}
	return k, ok
}

// lsBlockSize is --block-size=SIZE.
func (s *lsSettings) blockSize(p getopt.Parsed) (int, bool) {
	c := s.cmd
	b, problem := size.BlockSizeOption(p.Value, c.lookupEnv)
	switch {
	case problem == 0:
		s.sizeSet = true
		o := s.o
		o.blockSize, o.blockStyle = b.Size, b.Style
		o.fileBlockSize, o.fileBlockStyle = b.Size, b.Style
		return 0, false
	case problem&size.BadSuffix != 0:
		c.Errorf("invalid suffix in --block-size argument %s", c.QuoteArg(p.Value))
	case problem == size.TooBig:
		c.Errorf("--block-size argument %s too large", c.QuoteArg(p.Value))
	default:
		c.Errorf("invalid --block-size argument %s", c.QuoteArg(p.Value))
	}
	return 2, true
}

// lsNumber decodes -w and -T as xstrtoumax does without suffixes: a number
// in C syntax (decimal, 0octal, 0xhex) after optional blanks and '+'.
// Values too large for the machine mean "no limit" (0).
func lsNumber(s string) (int, bool) {
	n := size.Syntax{CNumbers: true}.Parse(s)
	switch {
	case n.Problem == size.TooBig, n.Problem == 0 && n.Value > math.MaxInt32:
		return 0, true
	case n.Problem != 0:
		return 0, false
	}
	return int(n.Value), true
}

// lsDefaults settles what the options left open, from the environment
// and the rule that standard output is not a terminal.
func (s *lsSettings) defaults() (int, bool) {
	c := s.cmd
	o := s.o
	s.sizeDefaults()
	o.format = lsOneLine
	if s.format >= 0 {
		o.format = s.format
	}
	o.width, o.tabSize = s.termWidth(), 8
	if s.tabSize >= 0 {
		o.tabSize = s.tabSize
	} else if v := c.Getenv("TABSIZE"); c.EnvSet("TABSIZE") {
		if n, ok := lsNumber(v); ok {
			o.tabSize = n
		} else if o.format == lsColumns || o.format == lsAcross || o.format == lsCommas {
			c.Errorf("ignoring invalid tab size in environment variable TABSIZE: %s", c.QuoteArg(v))
		}
	}
	o.qmark = s.hideCtl == 1
	o.quoting = s.quotingOf(s.quoting)
	o.alignQuotes = (o.format == lsLong || (o.format == lsColumns || o.format == lsAcross) && o.width > 0) &&
		(o.quoting == qsShell || o.quoting == qsShellEscape || o.quoting == qsCMaybe)
	o.sort = lsSortName
	switch {
	case s.sort >= 0:
		o.sort = s.sort
	case o.format != lsLong && o.timeType != lsMtime:
		o.sort = lsSortTime
	}
	if o.deref == lsDerefUnset {
		o.deref = lsDerefArgsToDir
		if o.dirOnly || o.indicator == lsIndClassify || o.format == lsLong {
			o.deref = lsDerefNever
		}
	}
	if o.format == lsLong {
		return s.settleTimeStyle()
	}
	return 0, false
}

// lsSizeDefaults applies LS_BLOCK_SIZE, BLOCK_SIZE and -k when no size
// option was given.
func (s *lsSettings) sizeDefaults() {
	c := s.cmd
	o := s.o
	if s.sizeSet {
		return
	}
	o.fileBlockSize = 1
	b, _ := size.BlockSizeFromEnv("LS_BLOCK_SIZE", c.lookupEnv)
	o.blockSize, o.blockStyle = b.Size, b.Style
	if c.EnvSet("LS_BLOCK_SIZE") || c.EnvSet("BLOCK_SIZE") {
		o.fileBlockSize, o.fileBlockStyle = b.Size, b.Style
	}
	if s.kibibytes {
		o.blockSize, o.blockStyle = 1024, size.Style{}
	}
}

// lsWidth is the line width: -w, else COLUMNS, else 80.
func (s *lsSettings) termWidth() int {
	c := s.cmd
	if s.width >= 0 {
		return s.width
	}
	o := s.o
	if o.format != lsColumns && o.format != lsAcross && o.format != lsCommas && !o.color {
		return 80
	}
	if v := c.Getenv("COLUMNS"); v != "" {
		if n, ok := lsNumber(v); ok {
			return n
		}
		c.Errorf("ignoring invalid width in environment variable COLUMNS: %s", c.QuoteArg(v))
	}
	return 80
}

// lsQuoting picks the quoting style: the options, QUOTING_STYLE, or
// literal names (standard output is not a terminal).
func (s *lsSettings) quotingOf(opt int) int {
	c := s.cmd
	if opt >= 0 {
		return opt
	}
	if c.EnvSet("QUOTING_STYLE") {
		v := c.Getenv("QUOTING_STYLE")
		if k, res := matchWord(v, qsWords); res == matchOK {
			return k
		}
		c.Errorf("ignoring invalid value of environment variable QUOTING_STYLE: %s", c.QuoteArg(v))
	}
	return qsLiteral
}

// lsTimeStyles are the named --time-style values: old and recent formats.
var lsTimeStyles = []struct {
	name   string
	format [2]string
}{
	{"full-iso", [2]string{"%Y-%m-%d %H:%M:%S.%N %z", "%Y-%m-%d %H:%M:%S.%N %z"}},
	{"long-iso", [2]string{"%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M"}},
	{"iso", [2]string{"%Y-%m-%d ", "%m-%d %H:%M"}},
	{"locale", [2]string{"%b %e  %Y", "%b %e %H:%M"}},
}

// lsTimeStyle decodes --time-style (or TIME_STYLE) for a long listing.
// "posix-" styles are the locale's in the C locale.
func (s *lsSettings) settleTimeStyle() (int, bool) {
	c := s.cmd
	o := s.o
	style := s.timeStyle
	if !s.timeStyleSet {
		style = "locale"
		if c.EnvSet("TIME_STYLE") {
			style = c.Getenv("TIME_STYLE")
		}
	}
	o.timeFormat = lsTimeStyles[3].format
	if strings.HasPrefix(style, "posix-") {
		return 0, false
	}
	if f, ok := strings.CutPrefix(style, "+"); ok {
		old, recent, two := strings.Cut(f, "\n")
		if two && strings.Contains(recent, "\n") {
			c.Errorf("invalid time style format %s", c.QuoteArg(f))
			return 2, true
		}
		if !two {
			recent = old
		}
		o.timeFormat = [2]string{old, recent}
		return 0, false
	}
	words := make([][]string, len(lsTimeStyles))
	for k, ts := range lsTimeStyles {
		words[k] = []string{ts.name}
	}
	k, res := matchWord(style, words)
	if res == matchOK {
		o.timeFormat = lsTimeStyles[k].format
		return 0, false
	}
	c.Errorf("%s argument %s for 'time style'", res, c.QuoteArg(style))
	var b strings.Builder
	b.WriteString("Valid arguments are:\n")
	for _, ts := range lsTimeStyles {
		b.WriteString("  - [posix-]" + ts.name + "\n")
	}
	b.WriteString("  - +FORMAT (e.g., +%H:%M) for a 'date'-style format\n")
	fmt.Fprint(c.Errw, b.String())
	c.TryHelp()
	return 2, true
}
