// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// uniq(1) of coreutils 9.1: runs of adjacent lines with equal keys (the
// line after -f fields and -s bytes, at most -w bytes of it, -i without
// case) form groups, printed once, counted, or all, as the options say.

const uniqHelp = `[OPTION]... [INPUT [OUTPUT]]
Merge runs of equal adjacent lines of INPUT (standard input without one,
or for -) into one, writing to OUTPUT (standard output without one).

  -c, --count                prefix each line with how often it occurs
  -d, --repeated             print one line of each repeated run only
  -D                         print every line of each repeated run
      --all-repeated[=HOW]   -D, runs set apart by empty lines as HOW
                             says: none (the default), prepend, separate
  -f, --skip-fields=N        compare the lines without their first N
                             fields (blanks, then non-blanks)
      --group[=HOW]          print every line, runs set apart by empty
                             lines: separate (the default), prepend,
                             append, both
  -i, --ignore-case          compare without regard to case
  -s, --skip-chars=N         compare the lines without their first N
                             bytes (after the skipped fields)
  -u, --unique               print the lines that do not repeat only
  -z, --zero-terminated      lines end with NUL, not newline
  -w, --check-chars=N        compare at most N bytes
      --help                 show this help
      --version              show the version
`

const (
	uniqAllRepeated = 0x100 + iota
	uniqGroup
)

var uniqOptions = []getopt.Option{
	{Short: 'c', Long: "count"},
	{Short: 'd', Long: "repeated"},
	{Short: 'D'},
	{Long: "all-repeated", Arg: getopt.OptionalArg, ID: uniqAllRepeated},
	{Short: 'f', Long: "skip-fields", Arg: getopt.RequiredArg},
	{Long: "group", Arg: getopt.OptionalArg, ID: uniqGroup},
	{Short: 'i', Long: "ignore-case"},
	{Short: 's', Long: "skip-chars", Arg: getopt.RequiredArg},
	{Short: 'u', Long: "unique"},
	{Short: 'w', Long: "check-chars", Arg: getopt.RequiredArg},
	{Short: 'z', Long: "zero-terminated"},
}

// uniqer is one uniq command's settings.
type uniqer struct {
	*cmd
	count, repeated, unique, icase, all bool
	allHow, groupHow                    string // "" when not asked for
	fields, chars, width                uint64
	eol                                 byte
	allPrinted                          bool // a run was printed for -D
}

func uniqApplet(c *cmd) int {
	u := &uniqer{cmd: c, unique: true, repeated: true, width: ^uint64(0), eol: '\n'}
	dFlag, uFlag := false, false
	operands, status, ok := c.GetoptEach(uniqOptions, false, uniqHelp, func(o getopt.Parsed) bool {
		switch o.ID {
		case 'c':
			u.count = true
		case 'd':
			dFlag = true
		case 'u':
			uFlag = true
		case 'D':
			u.all, u.allHow = true, "none"
		case uniqAllRepeated:
			u.all, u.allHow = true, "none"
			return !o.HasValue || u.choose(&u.allHow, o, []string{"none", "prepend", "separate"})
		case uniqGroup:
			u.groupHow = "separate"
			return !o.HasValue || u.choose(&u.groupHow, o, []string{"prepend", "append", "separate", "both"})
		case 'f':
			return u.size(&u.fields, o.Value, "invalid number of fields to skip")
		case 's':
			return u.size(&u.chars, o.Value, "invalid number of bytes to skip")
		case 'w':
			return u.size(&u.width, o.Value, "invalid number of bytes to compare")
		case 'i':
			u.icase = true
		case 'z':
			u.eol = 0
		}
		return true
	})
	if !ok {
		return status
	}
	if dFlag || uFlag || u.all {
		// -d keeps only repeated runs, -u only single lines.
		u.unique, u.repeated = !dFlag && !u.all, !uFlag
	}
	if len(operands) > 2 {
		return c.ExtraOperand(operands[2])
	}
	switch {
	case u.groupHow != "" && (u.count || dFlag || uFlag || u.all):
		return c.Usage("--group is mutually exclusive with -c/-d/-D/-u")
	case u.all && u.count:
		return c.Usage("printing all duplicated lines and repeat counts is meaningless")
	}
	return u.run(operands)
}

// choose takes an argument that must be one of words (or a prefix of
// exactly one), as argmatch does.
func (u *uniqer) choose(dst *string, o getopt.Parsed, words []string) bool {
	var found []string
	for _, w := range words {
		if w == o.Value {
			*dst = w
			return true
		}
		if strings.HasPrefix(w, o.Value) {
			found = append(found, w)
		}
	}
	if len(found) == 1 {
		*dst = found[0]
		return true
	}
	kind := "invalid"
	if len(found) > 1 {
		kind = "ambiguous"
	}
	u.Errorf("%s argument %s for %s", kind, u.QuoteArg(o.Value), u.QuoteArg(o.Name))
	fmt.Fprintln(u.Errw, "Valid arguments are:")
	for _, w := range words {
		fmt.Fprintf(u.Errw, "  - %s\n", u.QuoteArg(w))
	}
	u.TryHelp()
	return false
}

// size reads a count; one too big for the type saturates, as uniq's
// size_opt does.
func (u *uniqer) size(dst *uint64, s, msg string) bool {
	t := strings.TrimPrefix(strings.TrimLeft(s, " \t\n\v\f\r"), "+")
	n, err := strconv.ParseUint(t, 10, 64)
	switch {
	case err == nil:
		*dst = n
	case err.(*strconv.NumError).Err == strconv.ErrRange:
		*dst = ^uint64(0)
	default:
		u.Errorf("%s: %s", s, msg)
		return false
	}
	return true
}

// key is the part of a line that is compared.
func (u *uniqer) key(line []byte) []byte {
	i := 0
	for f := uint64(0); f < u.fields && i < len(line); f++ {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		for i < len(line) && line[i] != ' ' && line[i] != '\t' {
			i++
		}
	}
	if uint64(len(line)-i) <= u.chars {
		return nil
	}
	k := line[i+int(u.chars):]
	if uint64(len(k)) > u.width {
		k = k[:u.width]
	}
	return k
}

func (u *uniqer) same(a, b []byte) bool {
	ka, kb := u.key(a), u.key(b)
	if u.icase {
		return bytes.EqualFold(ka, kb)
	}
	return bytes.Equal(ka, kb)
}

// run reads the input and writes the groups.
func (u *uniqer) run(operands []string) int {
	in, out := "-", ""
	if len(operands) > 0 {
		in = operands[0]
	}
	if len(operands) > 1 && operands[1] != "-" {
		out = operands[1]
	}
	r, err := u.openInput(in)
	if err != nil {
		u.Errorf("%s: %s", u.QuoteName(in), applet.ErrText(err))
		return 1
	}
	defer r.Close()
	if out != "" {
		f, err := applet.OpenFile(u.Task, out, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o666)
		if err != nil {
			u.Errorf("%s: %s", u.QuoteName(out), applet.ErrText(err))
			return 1
		}
		defer f.Close()
		u.Out.Flush()
		u.Out.Reset(f)
		defer u.Out.Flush()
	}
	return u.groups(bufio.NewReader(r), in)
}

// groups walks the runs of equal lines.
func (u *uniqer) groups(in *bufio.Reader, name string) int {
	var run [][]byte
	first := true
	for {
		line, err := in.ReadBytes(u.eol)
		line = bytes.TrimSuffix(line, []byte{u.eol})
		if err == nil || len(line) > 0 {
			if len(run) > 0 && !u.same(run[0], line) {
				u.emit(run, first)
				first = false
				run = run[:0]
			}
			run = append(run, line)
		}
		if err != nil {
			if len(run) > 0 {
				u.emit(run, first)
			}
			if u.groupHow == "append" || u.groupHow == "both" {
				if !first || len(run) > 0 {
					u.Out.WriteByte(u.eol)
				}
			}
			if err != io.EOF {
				u.Errorf("%s: %s", u.QuoteName(name), applet.ErrText(err))
				return 1
			}
			return 0
		}
	}
}

// emit prints one run as the mode wants; first says no run was printed
// before (for the separators).
func (u *uniqer) emit(run [][]byte, first bool) {
	switch {
	case u.groupHow != "":
		if u.groupHow == "prepend" || u.groupHow == "both" || !first {
			u.Out.WriteByte(u.eol)
		}
		u.lines(run)
	case u.all:
		if len(run) < 2 {
			return
		}
		if u.allHow == "prepend" || u.allHow == "separate" && u.allPrinted {
			u.Out.WriteByte(u.eol)
		}
		u.lines(run)
		u.allPrinted = true
	case len(run) == 1 && u.unique, len(run) > 1 && u.repeated:
		if u.count {
			fmt.Fprintf(u.Out, "%7d ", len(run))
		}
		u.Out.Write(run[0])
		u.Out.WriteByte(u.eol)
	}
}

func (u *uniqer) lines(run [][]byte) {
	for _, l := range run {
		u.Out.Write(l)
		u.Out.WriteByte(u.eol)
	}
}
