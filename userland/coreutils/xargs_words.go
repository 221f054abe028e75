// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"strings"
)

// xargsItem is one argument read from xargs's input. endsLine marks the
// last word of an input line that counts for -L.
type xargsItem struct {
	text     string
	endsLine bool
}

// xargsBadInput is input xargs refuses; the text is the complaint.
type xargsBadInput string

func (e xargsBadInput) Error() string { return string(e) }

// xargsWords splits xargs's input into items. Two dialects exist: with
// -0/-d every byte up to the delimiter belongs to the word; otherwise
// words are shell-like (blanks between them, quotes and backslashes).
type xargsWords struct {
	src       *bufio.Reader
	delimited bool
	delim     byte
	endMark   string // -E: a word that ends the input ("" for none)
	oneWord   bool   // -I: a whole line is one word
	maxLen    int    // longest word any command line has room for
	warn      func() // called on the first NUL byte in quoting mode
	warned    bool
	finished  bool
	inLine    bool // some word of the current line was already returned
}

// next returns the following item, or false once the input is over.
func (w *xargsWords) next() (xargsItem, bool, error) {
	if w.finished {
		return xargsItem{}, false, nil
	}
	if w.delimited {
		return w.nextDelimited()
	}
	return w.nextQuoted()
}

// nextDelimited reads up to the delimiter. Each delimiter ends a
// "line" for -L, and an empty word between two delimiters is a word.
func (w *xargsWords) nextDelimited() (xargsItem, bool, error) {
	var buf []byte
	for {
		b, err := w.src.ReadByte()
		if err != nil {
			w.finished = true
			return xargsItem{text: cString(buf)}, len(buf) > 0, nil
		}
		if b == w.delim {
			return xargsItem{text: cString(buf), endsLine: true}, true, nil
		}
		if len(buf) >= w.maxLen {
			return xargsItem{}, false, xargsBadInput("argument line too long")
		}
		buf = append(buf, b)
	}
}

// nextQuoted reads one word in the default dialect. White space before
// a word (blank lines too) is skipped; a newline after a blank is just
// more white space, which is how a trailing blank continues a line.
func (w *xargsWords) nextQuoted() (xargsItem, bool, error) {
	b, ok := w.skipSpace()
	if !ok {
		w.finished = true
		return xargsItem{}, false, nil
	}
	var buf []byte
	var open byte // the quote character while inside quotes
	last := byte(0)
	for {
		switch {
		case open != 0 && b == '\n':
			return xargsItem{}, false, unmatchedQuote(open)
		case open != 0 && b == open:
			open = 0
		case open == 0 && (b == '\'' || b == '"'):
			open = b
		case open == 0 && b == '\\':
			last = b
			if b, ok = w.readByte(); !ok {
				return w.atInputEnd(buf, open)
			}
			fallthrough
		case open != 0 || b != '\n' && !w.separates(b):
			var err error
			if buf, err = w.keep(buf, b); err != nil {
				return xargsItem{}, false, err
			}
		default:
			return w.wordEnds(buf, b == '\n' && last != ' ' && last != '\t', b == '\n')
		}
		last = b
		if b, ok = w.readByte(); !ok {
			return w.atInputEnd(buf, open)
		}
	}
}

// separates tells whether an unquoted b ends a word within a line.
func (w *xargsWords) separates(b byte) bool {
	return !w.oneWord && (b == ' ' || b == '\t')
}

// wordEnds hands out a word ended by a blank or a newline, unless it is
// the -E word, which ends the input.
func (w *xargsWords) wordEnds(buf []byte, countsLine, newline bool) (xargsItem, bool, error) {
	if w.endMark != "" && string(buf) == w.endMark {
		w.finished = true
		return xargsItem{}, false, nil
	}
	w.inLine = !newline
	return xargsItem{text: cString(buf), endsLine: countsLine}, true, nil
}

// atInputEnd finishes the word the input ended in. An empty one (even
// an open quote with nothing in it yet) is dropped, and the -E word
// only counts here when it starts its line: that is what xargs does.
func (w *xargsWords) atInputEnd(buf []byte, open byte) (xargsItem, bool, error) {
	w.finished = true
	switch {
	case len(buf) == 0:
		return xargsItem{}, false, nil
	case open != 0:
		return xargsItem{}, false, unmatchedQuote(open)
	case !w.inLine && w.endMark != "" && string(buf) == w.endMark:
		return xargsItem{}, false, nil
	}
	return xargsItem{text: cString(buf)}, true, nil
}

// keep adds b to the word being read, if the word still fits.
func (w *xargsWords) keep(buf []byte, b byte) ([]byte, error) {
	if b == 0 && !w.warned {
		w.warned = true
		w.warn()
	}
	if len(buf) >= w.maxLen {
		return nil, xargsBadInput("argument line too long")
	}
	return append(buf, b), nil
}

// skipSpace returns the first byte that is not C white space.
func (w *xargsWords) skipSpace() (byte, bool) {
	for {
		b, ok := w.readByte()
		if !ok || !isCSpace(b) {
			return b, ok
		}
	}
}

func (w *xargsWords) readByte() (byte, bool) {
	b, err := w.src.ReadByte()
	return b, err == nil
}

// unmatchedQuote is the complaint about a quote left open at the end of
// a line or of the input.
func unmatchedQuote(q byte) error {
	kind := "single"
	if q == '"' {
		kind = "double"
	}
	return xargsBadInput("unmatched " + kind + " quote; by default quotes are special to xargs unless you use the -0 option")
}

// cString is buf as an argument: a C string stops at a NUL byte.
func cString(buf []byte) string {
	s := string(buf)
	if k := strings.IndexByte(s, 0); k >= 0 {
		s = s[:k]
	}
	return s
}
