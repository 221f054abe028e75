// SPDX-License-Identifier: Apache-2.0

package sed

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// output is a stream sed writes lines to. When the last line written had
// no newline (the input's last line had none), the newline is written
// before anything else goes to the same stream.
type output struct {
	w       *bufio.Writer
	missing bool
	closer  io.Closer
	// failed is the first write that failed, as ck_fwrite words it.
	failed error
}

// put is ck_fwrite: one write of n items (bytes); the first failure is
// kept for the machine to die of (exit status 4).
func (o *output) put(s string) {
	if o.failed != nil {
		return
	}
	if _, err := o.w.WriteString(s); err != nil && !applet.BrokenPipe(err) {
		items := "items"
		if len(s) == 1 {
			items = "item"
		}
		o.failed = &fatalError{fmt.Sprintf("couldn't write %d %s to stdout: %s", len(s), items, applet.ErrText(err))}
	}
}

func (o *output) catchUp(delim byte) {
	if o.missing {
		o.put(string(delim))
		o.missing = false
	}
}

// line writes a buffer, newline-terminated if it was read with one.
func (o *output) line(b buffer, delim byte) {
	o.catchUp(delim)
	o.put(b.text)
	if b.chomped {
		o.put(string(delim))
	} else {
		o.missing = true
	}
}

// text writes text that ends with its own newline.
func (o *output) text(s string, delim byte) {
	o.catchUp(delim)
	o.put(s)
}

// buffer is the pattern or hold space: its text, and whether the line it
// came from ended with the delimiter.
type buffer struct {
	text    string
	chomped bool
}

// input reads the lines of the input files in turn.
type input struct {
	m     *machine
	names []string
	next  int // index of the next name to open
	name  string
	rd    *bufio.Reader
	file  *applet.File
	delim byte
	// ahead is a line read ahead, to tell whether the current line is
	// the last one.
	ahead   *buffer
	aheadIn string // the file ahead was read from
}

// open moves to the next readable file; false when there is none.
func (in *input) open() bool {
	for in.next < len(in.names) {
		name := in.names[in.next]
		in.next++
		if name == "-" {
			in.name, in.rd, in.file = "-", bufio.NewReader(in.m.c.Stdin), nil
			return true
		}
		f, err := applet.OpenFile(in.m.c.Task, name, linux.O_RDONLY, 0)
		if err != nil {
			in.m.c.Errorf("can't read %s: %s", name, applet.ErrText(err))
			in.m.status = 2
			continue
		}
		in.name, in.rd, in.file = name, bufio.NewReader(f), f
		return true
	}
	return false
}

func (in *input) closeCur() {
	if in.file != nil {
		in.file.Close()
		in.file = nil
	}
	in.rd = nil
}

// fetch reads the next line from the files, crossing to the next file
// when one ends.
func (in *input) fetch() (*buffer, error) {
	for {
		if in.rd == nil && !in.open() {
			return nil, nil
		}
		s, err := in.rd.ReadString(in.delim)
		if s != "" {
			b := &buffer{text: s, chomped: s[len(s)-1] == in.delim}
			if b.chomped {
				b.text = s[:len(s)-1]
			}
			in.aheadIn = in.name
			return b, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, &fatalError{fmt.Sprintf("read error on %s: %s", in.displayName(), applet.ErrText(err))}
		}
		in.closeCur()
	}
}

func (in *input) displayName() string {
	if in.name == "-" {
		return "stdin"
	}
	return in.name
}

// read returns the next line, or nil at the end of the input.
func (in *input) read() (*buffer, error) {
	if in.ahead != nil {
		b := in.ahead
		in.ahead = nil
		in.name = in.aheadIn
		return b, nil
	}
	return in.fetch()
}

// last reports whether no line follows the current one.
func (in *input) last() (bool, error) {
	if in.ahead != nil {
		return false, nil
	}
	cur := in.name
	b, err := in.fetch()
	if err != nil {
		return false, err
	}
	if b == nil {
		return true, nil
	}
	in.ahead = b
	// Reading ahead may have opened the next file; the current line is
	// still in the one before.
	in.aheadIn, in.name = in.name, cur
	return false, nil
}
