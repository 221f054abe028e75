// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// The interpreter answers $$ and $PPID with the host process's numbers.
// The shell is a task of the virtual kernel, whose /proc knows other
// ones, so prepare renames those parameters to variables Run sets from
// the task: $$ stays the top-level shell's in subshells, as in bash.
const (
	pidVar  = "LINUXVFS_PID"
	ppidVar = "LINUXVFS_PPID"
)

// rewritePids renames $$ and $PPID in n.
func rewritePids(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if pe, ok := n.(*syntax.ParamExp); ok && pe.Param != nil {
			switch pe.Param.Value {
			case "$":
				pe.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: pidVar}
			case "PPID":
				pe.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: ppidVar}
			}
		}
		return true
	})
}

// pidEnv are the variables rewritePids refers to, for the shell's task.
func (s *shell) pidEnv() []string {
	return []string{pidVar + "=" + strconv.Itoa(int(s.task.Getpid())), ppidVar + "=" + strconv.Itoa(int(s.task.PPID()))}
}
