// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"io"
)

// traceFilter hides linuxvfs's own rewriting from set -x: the interpreter
// traces each command as one write of "+ NAME ARGS\n", including the
// internal commands and variables that prepare and the handlers insert
// (subshell.go, umask.go, redirect.go). Those lines are dropped, except
// that the internal fdredir shows as the exec it stands for, as bash
// prints it. Everything else passes unchanged.
type traceFilter struct{ w io.Writer }

func (f traceFilter) Write(p []byte) (int, error) {
	rest, ok := bytes.CutPrefix(p, []byte("+ "))
	if !ok || !internalTrace(rest) {
		return f.w.Write(p)
	}
	if bytes.HasPrefix(rest, []byte(fdredirCmd+" ")) {
		if _, err := f.w.Write([]byte("+ exec\n")); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// internalTrace reports whether a traced command is one of linuxvfs's.
func internalTrace(line []byte) bool {
	if bytes.HasPrefix(line, []byte(internal)) {
		return true
	}
	name, _, ok := bytes.Cut(line, []byte("="))
	return ok && internalVars[string(name)]
}
