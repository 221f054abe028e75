// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
)

// bash's $_ is the last argument of the previous simple command the
// shell ran in the foreground, after expansion; it starts as the _ the
// shell was given in its environment, or the name it was started by.
// Commands of pipelines and command substitutions run in children and
// leave the shell's alone (noHashVar marks them). dash has no $_. Only
// the top-level shell's is kept: a subshell's commands do not change it.

// initLastArg sets $_ from the environment the shell starts with.
func (s *shell) initLastArg(env []string) {
	if s.dialect != Bash {
		return
	}
	v := s.name
	for _, kv := range env {
		if rest, ok := strings.CutPrefix(kv, "_="); ok {
			v = rest
		}
	}
	s.lastArg.Store(&v)
}

// noteLastArg records the last word of a call the top-level bash shell
// makes.
func (s *shell) noteLastArg(hc interp.HandlerContext, args []string) {
	if s.dialect != Bash || len(args) == 0 || strings.HasPrefix(args[0], internal) ||
		hc.Env.Get(noHashVar).IsSet() || s.procOf(hc) != s.top {
		return
	}
	last := args[len(args)-1]
	s.lastArg.Store(&last)
}

// lastArgVar is $_ as the environment answers it.
func (s *shell) lastArgVar() (expand.Variable, bool) {
	p := s.lastArg.Load()
	if s.dialect != Bash || p == nil {
		return expand.Variable{}, false
	}
	return expand.Variable{Set: true, Kind: expand.String, Str: *p}, true
}
