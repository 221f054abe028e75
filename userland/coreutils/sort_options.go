// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"

	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// sortSettings is what sort's command line asks for.
type sortSettings struct {
	order        sortOrder
	global       sortKey // the ordering options given outside -k
	check        byte    // 'c' or 'C' for -c/-C, else 0
	merge, zero  bool
	output       string
	files0From   string
	randomSource string
	compressor   string
	debug        bool
	// badWord is set when --check or --sort got an unknown word: sort
	// then ends with 1 (gnulib's argmatch failure), not 2.
	badWord bool
}

// sortFailure is sort's status for trouble (1 is for unsorted input with
// -c and -C).
const sortFailure = 2

// sortWords are --sort's values and the letters they stand for.
var sortWords = [][]string{{"general-numeric"}, {"human-numeric"}, {"month"}, {"numeric"}, {"random"}, {"version"}}

const sortWordLetters = "ghMnRV"

// sortCheckWords are --check's values: quiet (-C) and diagnose-first
// (-c).
var sortCheckWords = [][]string{{"quiet", "silent"}, {"diagnose-first"}}

// sortRun is one sort command: the program and its settings.
type sortRun struct {
	*cmd
	*sortSettings
}

// sortParse reads sort's command line; with done, sort ends with status.
func sortParse(cmd *cmd) (c *sortRun, files []string, status int, done bool) {
	s := &sortSettings{global: sortKey{startField: sortNoField, endField: sortNoField}}
	s.order.tab = -1
	c = &sortRun{cmd: cmd, sortSettings: s}
	args, obsolete, err := c.pickObsolete(c.Args)
	if err != nil {
		c.Errorf("%s", err)
		return nil, nil, sortFailure, true
	}
	c.Args = args
	fs := c.FlagSet()
	sortFlags(cmd, fs, s)
	files, ok := c.Parse(fs)
	switch {
	case !ok && s.badWord:
		return nil, nil, 1, true
	case !ok:
		return nil, nil, sortFailure, true
	}
	s.insertObsolete(obsolete)
	return c, files, 0, false
}

// sortFlags declares sort's options, the long ones in coreutils' order.
func sortFlags(c *cmd, fs *applet.FlagSet, s *sortSettings) {
	fs.Synopsis = "[OPTION]... [FILE]...\n  or:  sort [OPTION]... --files0-from=F"
	fs.About = `Write the lines of the FILEs (standard input for none or -) in order.
KEYDEF is F[.C][OPTS][,F[.C][OPTS]]: a key starts at character C
(default 1) of field F and ends with the second field F (at its
character C if one is given), or with the line. With -t, SEP separates
fields; otherwise each field starts with the blanks before it. OPTS are
ordering letters (bdfgiMhnRrV) for that key alone. Lines compare as
bytes; lines with equal keys then compare whole, unless -s or -u.`
	g := &s.global
	letter := func(long, short, usage string) {
		fs.Func(long, short, usage, func() { g.setOrdering(short, sortBlankStart|sortBlankEnd) })
	}
	letter("ignore-leading-blanks", "b", "leave out leading blanks")
	fs.OptionalFunc("check", "", "check the input is sorted; `WHEN`: diagnose-first (-c), quiet (-C)", func(v string, given bool) error {
		mode := byte('c')
		if given {
			k, ok := c.argmatch("--check", v, sortCheckWords)
			if !ok {
				s.badWord = true
				return applet.ErrReported
			}
			mode = "Cc"[k]
		}
		return s.setCheck(mode)
	})
	fs.ArgFunc("compress-program", "", "accepted: no temporary file is made (`PROG`)", func(v string) error {
		if s.compressor != "" && s.compressor != v {
			return errors.New("multiple compress programs specified")
		}
		s.compressor = v
		return nil
	})
	fs.BoolVar(&s.debug, "debug", false, "underline the keys used and warn about doubtful options")
	letter("dictionary-order", "d", "compare only blanks, letters and digits")
	letter("ignore-case", "f", "compare lower case letters as upper case ones")
	fs.StringVarP(&s.files0From, "files0-from", "", "", "read the input file names, NUL-separated, from `F`")
	letter("general-numeric-sort", "g", "compare floating-point numbers (1e3, 0x10, inf, nan)")
	letter("ignore-nonprinting", "i", "compare only printable bytes")
	fs.ArgFunc("key", "k", "sort by `KEYDEF`; several keys apply in turn", func(v string) error {
		k, err := parseSortKey(v, c.QuoteArg)
		if err != nil {
			return err
		}
		s.order.keys = append(s.order.keys, k)
		return nil
	})
	fs.BoolVarP(&s.merge, "merge", "m", false, "merge inputs that are sorted already")
	letter("month-sort", "M", "compare month names: (other) < JAN < ... < DEC")
	letter("numeric-sort", "n", "compare decimal numbers")
	letter("human-numeric-sort", "h", "compare numbers with unit suffixes (2K < 1G)")
	letter("version-sort", "V", "compare version numbers within the text")
	letter("random-sort", "R", "shuffle, keeping equal keys together")
	fs.ArgFunc("random-source", "", "take -R's randomness from `FILE`", func(v string) error {
		if s.randomSource != "" && s.randomSource != v {
			return errors.New("multiple random sources specified")
		}
		s.randomSource = v
		return nil
	})
	fs.ArgFunc("sort", "", "`WORD` is general-numeric, human-numeric, month, numeric, random or version", func(v string) error {
		k, ok := c.argmatch("--sort", v, sortWords)
		if !ok {
			s.badWord = true
			return applet.ErrReported
		}
		g.setOrdering(sortWordLetters[k:k+1], sortBlankStart|sortBlankEnd)
		return nil
	})
	fs.ArgFunc("output", "o", "write to `FILE` (it may be an input too)", func(v string) error {
		if s.output != "" && s.output != v {
			return errors.New("multiple output files specified")
		}
		s.output = v
		return nil
	})
	letter("reverse", "r", "reverse the order")
	fs.BoolVarP(&s.order.stable, "stable", "s", false, "keep lines with equal keys in input order")
	fs.ArgFunc("batch-size", "", "accepted: how many inputs one merge takes (`NMERGE`)", func(v string) error {
		return sortBatchSize(fs.Current(), v)
	})
	fs.ArgFunc("buffer-size", "S", "accepted: a memory `SIZE` (K unit by default; b, %)", func(v string) error {
		return sortBufferSize(fs.Current(), v)
	})
	fs.ArgFunc("field-separator", "t", "fields end at `SEP` (\\0 for NUL)", func(v string) error {
		return s.setTab(c, v)
	})
	fs.ArgFunc("temporary-directory", "T", "accepted: `DIR` for temporary files", func(string) error { return nil })
	fs.BoolVarP(&s.order.unique, "unique", "u", false, "only the first of equal lines; with -c, equal is disorder")
	fs.BoolVarP(&s.zero, "zero-terminated", "z", false, "lines end with NUL, not newline")
	fs.ArgFunc("parallel", "", "accepted: run `N` sorts at once", func(v string) error {
		return sortParallel(fs.Current(), v)
	})
	fs.Action("c", "c", "the same as --check", func() error { return s.setCheck('c') })
	fs.Action("C", "C", "the same as --check=quiet", func() error { return s.setCheck('C') })
}

// setCheck takes -c or -C; the two do not go together.
func (s *sortSettings) setCheck(mode byte) error {
	if s.check != 0 && s.check != mode {
		return errors.New("options '-cC' are incompatible")
	}
	s.check = mode
	return nil
}

// setTab takes -t SEP: one byte, or "\\0" for NUL; a second, different
// one is refused.
func (s *sortSettings) setTab(c *cmd, v string) error {
	var tab int
	switch {
	case v == "":
		return errors.New("empty tab")
	case v == "\\0":
		tab = 0
	case len(v) > 1:
		return fmt.Errorf("multi-character tab %s", c.QuoteArg(v))
	default:
		tab = int(v[0])
	}
	if s.order.tab >= 0 && s.order.tab != tab {
		return errors.New("incompatible tabs")
	}
	s.order.tab = tab
	return nil
}

// sortBatchSize checks --batch-size: a number, at least 2, within the
// descriptors a process may open.
func sortBatchSize(opt, v string) error {
	const maxMerge = 1024 - 3 // RLIMIT_NOFILE's usual soft limit, less stdio
	n := size.Syntax{}.Parse(v)
	switch {
	case n.Problem&size.TooBig != 0 || n.Problem == 0 && n.Value > maxMerge:
		return fmt.Errorf("%s argument %s too large\nsort: maximum %s argument with current rlimit is %d",
			opt, applet.QuoteArg(v), opt, maxMerge)
	case n.Problem != 0:
		return sizeArgError(opt, v, n.Problem)
	case n.Value < 2:
		return fmt.Errorf("invalid %s argument %s\nsort: minimum %s argument is '2'", opt, applet.QuoteArg(v), opt)
	}
	return nil
}

// sortSizeSyntax is -S's: K M G... units (kibibytes without one).
var sortSizeSyntax = size.Syntax{Units: "EgGkKmMPtTYZ"}

// sortBufferSize checks -S SIZE: a number with a unit, 'b' (bytes) or
// '%' (of memory).
func sortBufferSize(opt, v string) error {
	t := v
	if n := len(t); n > 1 && (t[n-1] == 'b' || t[n-1] == '%') && isDigit(t[n-2]) {
		t = t[:n-1]
	}
	if n := sortSizeSyntax.Parse(t); n.Problem != 0 {
		return sizeArgError(opt, v, n.Problem)
	}
	return nil
}

// sortParallel checks --parallel: a number other than 0.
func sortParallel(opt, v string) error {
	n := size.Syntax{}.Parse(v)
	switch {
	case n.Problem&^size.TooBig != 0:
		return sizeArgError(opt, v, n.Problem)
	case n.Problem == 0 && n.Value == 0:
		return errors.New("number in parallel must be nonzero")
	}
	return nil
}
