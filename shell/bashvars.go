// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
)

// bash's own variables that the interpreter lacks, which the shell's
// environment answers while the program has not set them: the version
// (that of the bash this shell stands for, 5.2.15 on x86_64), SECONDS and
// EPOCHSECONDS. dash has none of them.

const bashVersion = "5.2.15(1)-release"

var bashVersinfo = []string{"5", "2", "15", "1", "release", "x86_64-pc-linux-gnu"}

// bashVarNames are the variables bashVar answers.
var bashVarNames = []string{"BASH_VERSION", "BASH_VERSINFO", "SECONDS", "EPOCHSECONDS", "EPOCHREALTIME"}

// bashVar is bash's variable name, ok false for any other name or in dash.
func (s *shell) bashVar(name string) (vr expand.Variable, ok bool) {
	if s.dialect == Dash {
		return vr, false
	}
	str := func(v string) expand.Variable { return expand.Variable{Set: true, Kind: expand.String, Str: v} }
	now := time.Now()
	switch name {
	case "BASH_VERSION":
		return str(bashVersion), true
	case "BASH_VERSINFO":
		return expand.Variable{Set: true, Kind: expand.Indexed, ReadOnly: true, List: bashVersinfo}, true
	case "SECONDS":
		return str(strconv.Itoa(int(now.Sub(s.started).Seconds()))), true
	case "EPOCHSECONDS":
		return str(strconv.FormatInt(now.Unix(), 10)), true
	case "EPOCHREALTIME":
		return str(strconv.FormatInt(now.Unix(), 10) + "." + strconv.Itoa(now.Nanosecond()/1000 + 1000000)[1:]), true
	}
	return vr, false
}

// shellLevel is env with SHLVL one more than it says (1 if it says
// nothing), as bash starts; dash leaves it.
func (s *shell) shellLevel(env []string) []string {
	if s.dialect == Dash {
		return env
	}
	level := 1
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "SHLVL="); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				level = n + 1
			}
			continue
		}
		out = append(out, kv)
	}
	return append(out, "SHLVL="+strconv.Itoa(level))
}
