// SPDX-License-Identifier: Apache-2.0

package sed

import "fmt"

// piece is one part of a sed program as the command line gave it: the
// text of an -e expression or of an -f file. Each piece ends with a
// newline, so an a\ at the end of one -e continues into the next.
type piece struct {
	text string
	file string // the -f file's name; "" for -e
	expr int    // the -e expression's number
}

// scriptReader reads the pieces of a program one character at a time and
// knows where it is, for the error messages.
type scriptReader struct {
	pieces []piece
	cur    int // index of the piece being read
	off    int // characters of it consumed
}

const eof = -1

func (r *scriptReader) get() int {
	for r.cur < len(r.pieces) {
		if r.off < len(r.pieces[r.cur].text) {
			c := r.pieces[r.cur].text[r.off]
			r.off++
			return int(c)
		}
		if r.cur+1 == len(r.pieces) {
			return eof
		}
		r.cur++
		r.off = 0
	}
	return eof
}

// unget gives back the last character got (not an eof).
func (r *scriptReader) unget(c int) {
	if c == eof {
		return
	}
	if r.off > 0 {
		r.off--
	}
}

// atEnd reports whether the character just got was the last of the
// program (the newline every piece ends with).
func (r *scriptReader) atEnd() bool {
	return r.cur == len(r.pieces)-1 && r.off == len(r.pieces[r.cur].text)
}

// peek returns the next character without consuming it.
func (r *scriptReader) peek() int {
	c := r.get()
	r.unget(c)
	return c
}

// where names the place just read, as GNU sed's messages do: "-e
// expression #1, char 3" or "file F line 2".
func (r *scriptReader) where() string {
	if r.cur >= len(r.pieces) {
		return "-e expression #1, char 0"
	}
	p := r.pieces[r.cur]
	if p.file != "" {
		line := 1
		for i := 0; i < r.off && i < len(p.text); i++ {
			if p.text[i] == '\n' {
				line++
			}
		}
		return fmt.Sprintf("file %s line %d", p.file, line)
	}
	return fmt.Sprintf("-e expression #%d, char %d", p.expr, r.off)
}

// scriptError is a complaint about the program, with its place.
type scriptError struct {
	where string
	msg   string
}

func (e *scriptError) Error() string { return e.where + ": " + e.msg }

func (r *scriptReader) fail(msg string) error {
	return &scriptError{where: r.where(), msg: msg}
}

// skipSpace consumes blanks (not newlines) and returns the next
// character, consumed.
func (r *scriptReader) skipSpace() int {
	for {
		c := r.get()
		if c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
			return c
		}
	}
}
