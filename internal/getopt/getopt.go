// SPDX-License-Identifier: Apache-2.0

// Package getopt parses command lines by the rules of glibc's getopt_long,
// which every coreutils and util-linux program uses, so that applets accept
// and refuse the same command lines with the same words:
//
//   - short options cluster ("-ab"), and one taking an argument takes the
//     rest of its word or else the next word ("-bx", "-b x");
//   - long options take "--name=value" or, when the argument is required,
//     the next word; any unambiguous prefix of a name is that name, and an
//     exact name wins over the longer names it is a prefix of;
//   - operands and options mix freely (the words are permuted) unless the
//     parser is in order mode (an optstring's leading '+', or
//     POSIXLY_CORRECT), where the first operand ends the options;
//   - "--" ends the options, and "-" alone is an operand.
//
// The error texts are glibc's (2.36) without the "PROGRAM: " prefix, which
// the caller adds with the name it runs under.
package getopt

import (
	"strings"
)

// Arg says whether an option takes an argument.
type Arg uint8

const (
	NoArg Arg = iota
	RequiredArg
	OptionalArg // only attached: "-cVALUE" or "--name=VALUE"
)

// Option is one entry of an option table.
type Option struct {
	Short byte   // 0 if the option has no short form
	Long  string // "" if it has no long form
	Arg   Arg
	// ID is what Parse reports for the option; Short when zero. Long
	// names with the same ID and Arg are aliases: a prefix shared only by
	// aliases is not ambiguous.
	ID int
}

func (o *Option) id() int {
	if o.ID != 0 {
		return o.ID
	}
	return int(o.Short)
}

// Parsed is one option found on the command line, in command-line order.
type Parsed struct {
	ID       int
	Name     string // as it is named in messages: "-x" or "--long"
	Value    string
	HasValue bool
}

// Error is a usage error, worded as glibc words it.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Parser holds an option table and the permutation mode.
type Parser struct {
	Options []Option
	// InOrder stops at the first operand (getopt's '+' and
	// POSIXLY_CORRECT): every word after it is an operand.
	InOrder bool
	// ShortOnly is getopt(3) rather than getopt_long: a word starting
	// with "--" (but "--" itself) is a cluster of short options, the
	// first of them '-' ("invalid option -- '-'" for "--help").
	ShortOnly bool
}

// Parse splits args (without the program name) into options and
// operands. The first usage error stops it.
func (p *Parser) Parse(args []string) ([]Parsed, []string, error) {
	st := p.ParseToError(args)
	if st.Err != nil {
		return st.Opts, st.passed, st.Err
	}
	operands := st.Words[st.Index:]
	if len(operands) == 0 {
		operands = nil // as callers have always had it
	}
	return st.Opts, operands, nil
}

// optionWord parses the option word args[i], long or a cluster; it
// returns the index of the last word it used.
func (p *Parser) optionWord(args []string, i int) ([]Parsed, int, error) {
	if strings.HasPrefix(args[i], "--") && !p.ShortOnly {
		return p.long(args, i)
	}
	return p.shorts(args, i)
}

// long parses the long option in args[i]; it returns the index of the
// last word it used.
func (p *Parser) long(args []string, i int) ([]Parsed, int, error) {
	text := args[i][2:]
	name, value, attached := strings.Cut(text, "=")
	o, err := p.lookupLong(name, text)
	if err != nil {
		return nil, i, err
	}
	got := Parsed{ID: o.id(), Name: "--" + o.Long}
	switch {
	case o.Arg == NoArg && attached:
		return nil, i, &Error{"option '--" + o.Long + "' doesn't allow an argument"}
	case attached:
		got.Value, got.HasValue = value, true
	case o.Arg == RequiredArg && i+1 < len(args):
		i++
		got.Value, got.HasValue = args[i], true
	case o.Arg == RequiredArg:
		return nil, i, &Error{"option '--" + o.Long + "' requires an argument"}
	}
	return []Parsed{got}, i, nil
}

// lookupLong resolves a long name or abbreviation; text is the word
// without its dashes, as the messages quote it.
func (p *Parser) lookupLong(name, text string) (*Option, error) {
	var first *Option
	var rivals []*Option
	for k := range p.Options {
		o := &p.Options[k]
		if o.Long == "" || !strings.HasPrefix(o.Long, name) {
			continue
		}
		if o.Long == name {
			return o, nil
		}
		switch {
		case first == nil:
			first = o
		case o.id() != first.id() || o.Arg != first.Arg:
			rivals = append(rivals, o)
		}
	}
	if first == nil {
		return nil, &Error{"unrecognized option '--" + text + "'"}
	}
	if len(rivals) == 0 {
		return first, nil
	}
	var b strings.Builder
	b.WriteString("option '--" + text + "' is ambiguous; possibilities:")
	for _, o := range append([]*Option{first}, rivals...) {
		b.WriteString(" '--" + o.Long + "'")
	}
	return nil, &Error{b.String()}
}

// shorts parses a cluster of short options in args[i]; it returns the
// index of the last word it used.
func (p *Parser) shorts(args []string, i int) ([]Parsed, int, error) {
	word := args[i]
	var out []Parsed
	for j := 1; j < len(word); j++ {
		c := word[j]
		o := p.lookupShort(c)
		if o == nil {
			return out, i, &Error{"invalid option -- '" + string([]byte{c}) + "'"}
		}
		got := Parsed{ID: o.id(), Name: "-" + string([]byte{c})}
		rest := word[j+1:]
		switch {
		case o.Arg == NoArg:
			out = append(out, got)
			continue
		case rest != "":
			got.Value, got.HasValue = rest, true
		case o.Arg == RequiredArg && i+1 < len(args):
			i++
			got.Value, got.HasValue = args[i], true
		case o.Arg == RequiredArg:
			return out, i, &Error{"option requires an argument -- '" + string([]byte{c}) + "'"}
		}
		return append(out, got), i, nil
	}
	return out, i, nil
}

func (p *Parser) lookupShort(c byte) *Option {
	if c == 0 {
		return nil
	}
	for k := range p.Options {
		if p.Options[k].Short == c {
			return &p.Options[k]
		}
	}
	return nil
}
