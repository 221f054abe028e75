// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"errors"
	"strings"
)

// xargsBatch collects one command line: a fixed head (the command and
// its initial arguments) and then input words until a limit is hit.
type xargsBatch struct {
	x        *xargsRun
	head     []string
	headSize int // bytes the head takes, each word with its NUL
	argv     []string
	size     int
	lines    int  // input lines in argv, for -L
	strict   bool // a full command line is an error, not a reason to run
}

// newBatch starts a batch whose head is the given words; the head alone
// must fit.
func (x *xargsRun) newBatch(head []string) (*xargsBatch, error) {
	b := &xargsBatch{x: x, head: head}
	for _, a := range head {
		b.headSize += len(a) + 1
		if b.headSize > x.argMax {
			x.c.Errorf("cannot fit single argument within argument list size limit")
			return nil, xargsExit(1)
		}
	}
	b.argv, b.size = append([]string(nil), head...), b.headSize
	return b, nil
}

// add appends one word, first running the command if the word would
// not fit, and running it afterwards if -n words are now there.
func (b *xargsBatch) add(word string) error {
	need := len(word) + 1
	if b.size+need > b.x.argMax {
		switch {
		case len(b.argv) == len(b.head):
			b.x.c.Errorf("cannot fit single argument within argument list size limit")
			return xargsExit(1)
		case b.strict:
			b.x.c.Errorf("argument list too long")
			return xargsExit(1)
		}
		if err := b.run(); err != nil {
			return err
		}
	}
	b.argv = append(b.argv, word)
	b.size += need
	if b.x.maxArgs > 0 && len(b.argv)-len(b.head) == b.x.maxArgs {
		return b.run()
	}
	return nil
}

// endLine notes the end of an input line, running the command once -L
// lines are collected.
func (b *xargsBatch) endLine() error {
	b.lines++
	if b.x.maxLines == 0 || b.lines < b.x.maxLines {
		return nil
	}
	b.lines = 0
	return b.run()
}

// pending tells whether input words wait to be run.
func (b *xargsBatch) pending() bool { return len(b.argv) > len(b.head) }

// run runs the collected command line and starts the next one.
func (b *xargsBatch) run() error {
	argv := b.argv
	b.argv = append([]string(nil), b.head...)
	b.size = b.headSize
	return b.x.launch(argv)
}

// wordReader sets up the input splitter; headSize is the room the
// command head takes, which no word can have.
func (x *xargsRun) wordReader(in *bufio.Reader, headSize int) *xargsWords {
	return &xargsWords{
		src: in, delimited: x.delimited, delim: x.delim,
		endMark: x.eof, oneWord: x.replace != "",
		maxLen: x.argMax - headSize - 1,
		warn: func() {
			x.c.Errorf("WARNING: a NUL character occurred in the input.  It cannot be passed through in the argument list.  Did you mean to use the --null option?")
		},
	}
}

// runBatches is xargs without -I: as many input words as fit go after
// the initial arguments, as many times as the input needs.
func (x *xargsRun) runBatches(in *bufio.Reader, operands []string) error {
	b, err := x.newBatch(operands)
	if err != nil {
		return err
	}
	b.strict = x.exitIfTooLong && (x.maxLines > 0 || x.maxArgs > 0)
	words := x.wordReader(in, b.headSize)
	for {
		item, ok, err := words.next()
		if err != nil {
			return x.badInput(err, b)
		}
		if !ok {
			break
		}
		if err := b.add(item.text); err != nil {
			return err
		}
		if item.endsLine {
			if err := b.endLine(); err != nil {
				return err
			}
		}
	}
	if b.pending() || !x.noEmpty && x.ran == 0 {
		return b.run()
	}
	return nil
}

// badInput reports unusable input. Words read before it still run
// unless -x (or -L) asked for all-or-nothing command lines.
func (x *xargsRun) badInput(err error, b *xargsBatch) error {
	var bad xargsBadInput
	if !errors.As(err, &bad) {
		return err
	}
	if b != nil && b.pending() && !x.exitIfTooLong {
		b.run()
	}
	x.c.Errorf("%s", string(bad))
	return xargsExit(1)
}

// runPerLine is xargs -I: each input line, put in place of the
// replacement string in the initial arguments, makes one command.
func (x *xargsRun) runPerLine(in *bufio.Reader, operands []string) error {
	words := x.wordReader(in, len(operands[0])+1)
	for {
		item, ok, err := words.next()
		if err != nil {
			return x.badInput(err, nil)
		}
		if !ok {
			return nil
		}
		b := &xargsBatch{x: x, strict: true}
		if err := b.add(operands[0]); err != nil {
			return err
		}
		for _, a := range operands[1:] {
			a = strings.ReplaceAll(a, x.replace, item.text)
			if len(a) >= x.argMax-1 {
				x.c.Errorf("command too long")
				return xargsExit(1)
			}
			if err := b.add(a); err != nil {
				return err
			}
		}
		if err := x.launch(b.argv); err != nil {
			return err
		}
	}
}

// launch shows or asks about a command line as -t and -p want, then
// runs it.
func (x *xargsRun) launch(argv []string) error {
	if x.ask {
		yes, err := x.confirm(argv)
		if err != nil || !yes {
			return err
		}
	} else if x.verbose {
		x.printCommand(argv, "\n")
	}
	return x.spawn(argv)
}
