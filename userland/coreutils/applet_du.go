// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"io"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// du(1): the space files take, summed over directory trees. This file is
// the command's frame (operands, --files0-from, the grand total);
// du_options.go reads the command line, du_walk.go walks a tree and sums
// it up, du_exclude.go holds the --exclude patterns and du_print.go writes
// a line.

// duApplet is du(1).
func duApplet(c *cmd) int {
	o, ops, status, done := duParse(c)
	if done {
		return status
	}
	r := &duRun{c: c, o: o, seen: map[[2]uint64]bool{}, ok: true}
	var names []string
	switch {
	case o.files0From != "":
		var ok bool
		if names, ok = r.files0(ops); !ok {
			return 1
		}
		r.hashAll = true
	case len(ops) == 0:
		names = []string{"."}
	default:
		names = ops
	}
	// Every file is remembered once more than one tree is walked, or
	// when symbolic links lead anywhere: the same file may then come
	// twice even with a single link.
	r.hashAll = r.hashAll || len(names) > 1 || o.deref == duFollowAll
	for i, name := range names {
		if c.Cancelled() {
			break
		}
		r.operand(name, i+1)
	}
	if o.total {
		r.print(r.grand, "total")
	}
	if !r.ok {
		return 1
	}
	return 0
}

// operand walks one tree, after refusing an empty name (and "-" among
// names read from standard input); index counts the names.
func (r *duRun) operand(name string, index int) {
	from := r.o.files0From
	if from == "-" && name == "-" {
		r.c.Errorf("when reading file names from stdin, no file name of %s allowed", r.c.Quote(name))
		r.ok = false
		return
	}
	if name == "" {
		if from != "" {
			r.c.Errorf("%s:%d: invalid zero-length file name", r.c.QuoteName(from), index)
		} else {
			r.c.Errorf("invalid zero-length file name")
		}
		r.ok = false
		return
	}
	r.walkRoot(ftsRootName(name))
}

// ftsRootName is an operand as fts shows it: two or more trailing
// slashes become one.
func ftsRootName(name string) string {
	n := len(name)
	if n > 2 && name[n-1] == '/' {
		for n > 1 && name[n-2] == '/' {
			n--
		}
	}
	return name[:n]
}

// files0 reads --files0-from's names, NUL-separated; none may be given on
// the command line too.
func (r *duRun) files0(ops []string) ([]string, bool) {
	c, from := r.c, r.o.files0From
	if len(ops) > 0 {
		c.files0Conflict(c.QuoteArg(ops[0]))
		return nil, false
	}
	in, err := c.openInput(from)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(from), applet.ErrText(err))
		return nil, false
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		c.Errorf("%s: read error: %s", c.QuoteName(from), applet.ErrText(err))
		r.ok = false
	}
	return files0Names(data), true
}
