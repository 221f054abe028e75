// SPDX-License-Identifier: Apache-2.0

package getopt

// Some callers (mkfs(8)) read their own options with getopt_long, stop
// at the first one they do not take and hand the rest of argv, as
// getopt has rearranged it by then, to another program. What they pass
// on depends on that arrangement and on getopt's index, so both are
// reported here as the result rather than as getopt's step-by-step
// state: by the time getopt looks at a word, every option word before
// it stands ahead of every operand before it, and nothing from that
// word on has moved.

// Stop is where ParseToError stopped and what the words look like then.
type Stop struct {
	Opts []Parsed // the options read, up to the one in error
	// Words is args rearranged: the words the options used (a "--"
	// that ended them included), then the operands passed over, then
	// the words from the stopping point on, untouched.
	Words []string
	// Index is getopt's optind over Words, counted from 0 (args has no
	// program name): the first operand when the options ran out
	// (len(Words) when there is none); after an error, the word after
	// the bad option's, or that word itself when letters follow the
	// bad one in its cluster.
	Index int
	Err   *Error // nil when the options ran out

	passed []string // the operands passed over before the stop
}

// ParseToError reads options until they run out or the first usage
// error, and reports the arrangement getopt_long leaves behind at that
// point. Parse is this without the arrangement.
func (p *Parser) ParseToError(args []string) Stop {
	var st Stop
	var optWords, operands []string
	finish := func(rest []string, index int) Stop {
		st.passed = operands
		st.Words = append(append(optWords, operands...), rest...)
		st.Index = index
		return st
	}
	for i := 0; i < len(args); i++ {
		word := args[i]
		switch {
		case word == "--":
			optWords = append(optWords, word)
			return finish(args[i+1:], len(optWords))
		case len(word) < 2 || word[0] != '-':
			if p.InOrder {
				return finish(args[i:], len(optWords))
			}
			operands = append(operands, word)
			continue
		}
		found, last, err := p.optionWord(args, i)
		st.Opts = append(st.Opts, found...)
		if err != nil {
			st.Err = err.(*Error)
			at := len(optWords) + len(operands)
			if p.wordFinished(word, len(found)) {
				at++
			}
			return finish(args[i:], at)
		}
		optWords = append(optWords, args[i:last+1]...)
		i = last
	}
	return finish(nil, len(optWords))
}

// wordFinished says whether getopt was done with an option word that
// failed after good options found in it: a long option is always one
// word, and a cluster is done when the failing letter was its last.
func (p *Parser) wordFinished(word string, good int) bool {
	if len(word) > 2 && word[:2] == "--" && !p.ShortOnly {
		return true
	}
	return 1+good == len(word)-1
}
