// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// duDeref says which symbolic links du follows.
type duDeref uint8

const (
	duFollowNone duDeref = iota // -P, the default
	duFollowArgs                // -D, -H: those named on the command line
	duFollowAll                 // -L
)

// duOpts are du's settings.
type duOpts struct {
	all, summarize, total, apparent, countLinks bool
	separateDirs, nul, inodes, oneFS            bool
	deref                                       duDeref
	maxDepth                                    uint64
	threshold                                   int64
	units                                       size.BlockSize
	exclude                                     duExcludes
	files0From                                  string
	// showTime is --time: timeOf picks the time ('m', 'a' or 'c'),
	// timeFormat is the strftime format of the time style.
	showTime   bool
	timeOf     byte
	timeFormat string
}

// duTimeWords are --time's values: access time, then change time.
var duTimeWords = [][]string{{"atime", "access", "use"}, {"ctime", "status"}}

// duTimeStyles are --time-style's names and formats.
var duTimeStyles = [][2]string{
	{"full-iso", "%Y-%m-%d %H:%M:%S.%N %z"},
	{"long-iso", "%Y-%m-%d %H:%M"},
	{"iso", "%Y-%m-%d"},
}

// duParse reads du's command line; with done, du ends with status.
func duParse(c *cmd) (o *duOpts, ops []string, status int, done bool) {
	o = &duOpts{maxDepth: math.MaxUint64, timeOf: 'm'}
	o.units, _ = size.BlockSizeFromEnv("DU_BLOCK_SIZE", c.lookupEnv)
	fs := c.FlagSet()
	var p duParser
	p.declare(c, fs, o)
	ops, ok := c.Parse(fs)
	if !ok {
		return nil, nil, 1, true
	}
	if p.bad {
		c.TryHelp()
		return nil, nil, 1, true
	}
	if !p.settle(c, o) {
		return nil, nil, 1, true
	}
	return o, ops, 0, false
}

// duParser holds what the options leave for after the command line.
type duParser struct {
	bad                   bool // an option was refused; the help hint follows
	depthGiven, timeGiven bool
	timeStyle             string
	timeStyleGiven        bool
}

// declare lists du's options, the long ones in coreutils' table order
// (the order an ambiguous abbreviation lists them in). Those that set
// the unit act in order: the last one wins.
func (p *duParser) declare(c *cmd, fs *applet.FlagSet, o *duOpts) {
	fs.Synopsis = "[OPTION]... [FILE]...\n  or:  du [OPTION]... --files0-from=F"
	fs.About = `Show how much space each FILE (the current directory by default)
takes, summed over the directories below it. Without a unit option, the
unit is DU_BLOCK_SIZE, BLOCK_SIZE or BLOCKSIZE, else 1024 bytes (512
with POSIXLY_CORRECT).`
	fs.BoolVarP(&o.all, "all", "a", false, "a line for files too, not only for directories")
	fs.BoolVar(&o.apparent, "apparent-size", false, "count the sizes files claim, not the blocks they use")
	fs.ArgFunc("block-size", "B", "count in units of `SIZE` bytes (1K, 1M, KB...)", func(v string) error {
		b, problem := size.BlockSizeOption(v, c.lookupEnv)
		if problem != 0 {
			return sizeArgError(fs.Current(), v, problem)
		}
		o.units = b
		return nil
	})
	fs.Func("bytes", "b", "the same as --apparent-size --block-size=1", func() {
		o.apparent, o.units = true, size.BlockSize{Size: 1}
	})
	fs.BoolVarP(&o.countLinks, "count-links", "l", false, "count a file again for each hard link met")
	fs.Func("dereference", "L", "follow every symbolic link", func() { o.deref = duFollowAll })
	fs.Func("dereference-args", "D", "follow symbolic links named on the command line", func() { o.deref = duFollowArgs })
	fs.ArgFunc("exclude", "", "leave out files matching `PATTERN`", func(v string) error {
		o.exclude.add(v)
		return nil
	})
	fs.ArgFunc("exclude-from", "X", "leave out files matching a pattern listed in `FILE`", func(v string) error {
		if err := o.exclude.addFile(c, v); err != nil {
			c.Errorf("%s: %s", c.QuoteName(v), applet.ErrText(err))
			p.bad = true
		}
		return nil
	})
	fs.StringVarP(&o.files0From, "files0-from", "", "", "read NUL-separated operands from file `F` (- for stdin)")
	fs.Func("human-readable", "h", "sizes with a unit suffix in powers of 1024 (1.5K, 20M)", func() {
		o.units = size.BlockSize{Size: 1, Style: size.Human}
	})
	fs.BoolVar(&o.inodes, "inodes", false, "count inodes instead of space")
	fs.Func("si", "", "like -h in powers of 1000 (1.5k, 20M)", func() {
		o.units = size.BlockSize{Size: 1, Style: size.HumanSI}
	})
	fs.ArgFunc("max-depth", "d", "show directories at most `N` levels below an operand", func(v string) error {
		n := size.Syntax{CNumbers: true}.Parse(v)
		if n.Problem != 0 {
			c.Errorf("invalid maximum depth %s", c.QuoteArg(v))
			p.bad = true
			return nil
		}
		o.maxDepth, p.depthGiven = n.Value, true
		return nil
	})
	fs.BoolVarP(&o.nul, "null", "0", false, "end output lines with a NUL byte")
	fs.Func("no-dereference", "P", "follow no symbolic link (the default)", func() { o.deref = duFollowNone })
	fs.BoolVarP(&o.oneFS, "one-file-system", "x", false, "do not count directories on other file systems")
	fs.BoolVarP(&o.separateDirs, "separate-dirs", "S", false, "leave subdirectories out of a directory's sum")
	fs.BoolVarP(&o.summarize, "summarize", "s", false, "one line for each operand")
	fs.BoolVarP(&o.total, "total", "c", false, "end with the sum of everything")
	fs.ArgFunc("threshold", "t", "leave out what is below `SIZE`, or above -SIZE", func(v string) error {
		return p.threshold(fs.Current(), v, o)
	})
	fs.OptionalFunc("time", "", "also show the latest mtime met, or the `WORD` time (atime, ctime)", func(v string, given bool) error {
		return p.timeWord(c, v, given, o)
	})
	fs.ArgFunc("time-style", "", "show times in `STYLE`: full-iso, long-iso, iso or +FORMAT", func(v string) error {
		p.timeStyle, p.timeStyleGiven = v, true
		return nil
	})
	fs.Func("H", "H", "the same as -D", func() { o.deref = duFollowArgs })
	fs.Func("k", "k", "count in units of 1024 bytes", func() { o.units = size.BlockSize{Size: 1024} })
	fs.Func("m", "m", "count in units of 1048576 bytes", func() { o.units = size.BlockSize{Size: 1 << 20} })
}

// threshold reads -t: a size with an optional sign; -0 makes no sense.
func (p *duParser) threshold(opt, v string, o *duOpts) error {
	n, problem := duThresholdSyntax.ParseSigned(v)
	if problem != 0 {
		return sizeArgError(opt, v, problem)
	}
	if n == 0 && strings.HasPrefix(v, "-") {
		return fmt.Errorf("invalid --threshold argument '-0'")
	}
	o.threshold = n
	return nil
}

// duThresholdSyntax is how -t reads a size: C numbers with K M G T P E Z
// Y (k too), each with B or D for powers of 1000, iB for 1024.
var duThresholdSyntax = size.Syntax{Units: "kKmMGTPEZY", Decimal: true, CNumbers: true}

// timeWord reads --time[=WORD].
func (p *duParser) timeWord(c *cmd, v string, given bool, o *duOpts) error {
	o.showTime, o.timeOf = true, 'm'
	if !given {
		return nil
	}
	k, ok := c.argmatch("--time", v, duTimeWords)
	if !ok {
		return applet.ErrReported
	}
	o.timeOf = "ac"[k]
	return nil
}

// settle checks the combinations of options and fills in what depends
// on several of them; false when du must stop (already reported).
func (p *duParser) settle(c *cmd, o *duOpts) bool {
	if o.all && o.summarize {
		c.Errorf("cannot both summarize and show all entries")
		c.TryHelp()
		return false
	}
	if o.summarize && p.depthGiven {
		if o.maxDepth != 0 {
			c.Errorf("warning: summarizing conflicts with --max-depth=%d", o.maxDepth)
			c.TryHelp()
			return false
		}
		c.Errorf("warning: summarizing is the same as using --max-depth=0")
	}
	if o.summarize {
		o.maxDepth = 0
	}
	if o.inodes {
		if o.apparent {
			c.Errorf("warning: options --apparent-size and -b are ineffective with --inodes")
		}
		o.units.Size = 1
	}
	if o.showTime {
		return p.timeFormat(c, o)
	}
	return true
}

// timeFormat settles the time style: --time-style, else TIME_STYLE
// (where "locale" and "posix-" prefixes are ignored), else long-iso.
func (p *duParser) timeFormat(c *cmd, o *duOpts) bool {
	style := p.timeStyle
	if !p.timeStyleGiven {
		style = c.Getenv("TIME_STYLE")
		if style == "" || style == "locale" {
			style = "long-iso"
		}
		if f, ok := strings.CutPrefix(style, "+"); ok {
			style, _, _ = strings.Cut(f, "\n")
			style = "+" + style
		}
		for strings.HasPrefix(style, "posix-") {
			style = style[len("posix-"):]
		}
	}
	if f, ok := strings.CutPrefix(style, "+"); ok {
		o.timeFormat = f
		return true
	}
	words := make([][]string, len(duTimeStyles))
	for i, s := range duTimeStyles {
		words[i] = []string{s[0]}
	}
	k, ok := c.argmatch("time style", style, words)
	if !ok {
		return false
	}
	o.timeFormat = duTimeStyles[k][1]
	return true
}

// sizeArgError words a bad size argument of option opt ("-B" or
// "--block-size") as gnulib's xstrtol_fatal does.
func sizeArgError(opt, v string, problem size.Problem) error {
	switch {
	case problem&size.BadSuffix != 0:
		return fmt.Errorf("invalid suffix in %s argument '%s'", opt, v)
	case problem == size.TooBig:
		return fmt.Errorf("%s argument '%s' too large", opt, v)
	}
	return fmt.Errorf("invalid %s argument '%s'", opt, v)
}
