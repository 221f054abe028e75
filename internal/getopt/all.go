// SPDX-License-Identifier: Apache-2.0

package getopt

import "strings"

// The whole loop of a getopt_long caller that goes on after errors, as
// getopt(1) does: each bad option is reported and skipped, the rest are
// still parsed.

// OperandID is the ID an operand is reported with in InPlace mode
// (getopt's return of 1 for an optstring starting with '-').
const OperandID = 1

// Loop is the settings of ParseAll beyond the Parser's.
type Loop struct {
	// InPlace reports operands among the options, with OperandID.
	InPlace bool
	// LongOnly lets a long option start with one '-'
	// (getopt_long_only); a word that names none is short options.
	LongOnly bool
}

// ParseAll is Parse that reports each usage error to bad and goes on.
func (p *Parser) ParseAll(args []string, l Loop, bad func(*Error)) ([]Parsed, []string) {
	args = append([]string(nil), args...) // LongOnly rewrites words
	var opts []Parsed
	var operands []string
	for i := 0; i < len(args); i++ {
		word := args[i]
		switch {
		case word == "--":
			return opts, append(operands, args[i+1:]...)
		case len(word) < 2 || word[0] != '-':
			if l.InPlace {
				opts = append(opts, Parsed{ID: OperandID, Value: word, HasValue: true})
				continue
			}
			if p.InOrder {
				return opts, append(operands, args[i:]...)
			}
			operands = append(operands, word)
			continue
		}
		var found []Parsed
		if strings.HasPrefix(word, "--") && !p.ShortOnly {
			var err error
			found, i, err = p.long(args, i)
			if err != nil {
				bad(err.(*Error))
			}
		} else if l.LongOnly && p.singleDashLong(word) {
			var err error
			args[i] = "-" + word // long() reads from the second dash on
			found, i, err = p.long(args, i)
			if err != nil {
				bad(&Error{strings.Replace(err.Error(), "'--", "'-", 1)})
			}
		} else {
			found, i = p.shortsAll(args, i, bad)
		}
		opts = append(opts, found...)
	}
	return opts, operands
}

// singleDashLong is getopt_long_only's choice for "-word": a long option
// when the name is more than one letter or not a short option, and some
// long option starts with it.
func (p *Parser) singleDashLong(word string) bool {
	name, _, _ := strings.Cut(word[1:], "=")
	if len(name) == 1 && p.lookupShort(name[0]) != nil {
		return false
	}
	for _, o := range p.Options {
		if o.Long != "" && strings.HasPrefix(o.Long, name) {
			return true
		}
	}
	return len(name) > 1 && p.lookupShort(name[0]) == nil
}

// shortsAll is shorts going on after a letter it does not know.
func (p *Parser) shortsAll(args []string, i int, bad func(*Error)) ([]Parsed, int) {
	var out []Parsed
	word := args[i]
	for j := 1; j < len(word); j++ {
		sub := append([]string{"-" + word[j:]}, args[i+1:]...)
		found, used, err := p.shorts(sub, 0)
		out = append(out, found...)
		if err == nil {
			return out, i + used
		}
		bad(err.(*Error))
		// The cluster goes on after the letter in error, if it was
		// unknown; a missing argument ends it.
		if p.lookupShort(word[j]) != nil {
			return out, i + used
		}
		j += len(found)
	}
	return out, i
}
