// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

var envOptions = []getopt.Option{
	{Short: 'i', Long: "ignore-environment"},
	{Short: '0', Long: "null"},
	{Short: 'u', Long: "unset", Arg: getopt.RequiredArg},
	{Short: 'C', Long: "chdir", Arg: getopt.RequiredArg},
	{Short: 'S', Long: "split-string", Arg: getopt.RequiredArg},
	{Short: 'v', Long: "debug"},
	// White space as an option letter is a shebang line's "env -i cmd"
	// arriving as one word; env says so.
	{Short: ' '}, {Short: '\t'}, {Short: '\n'}, {Short: '\v'}, {Short: '\f'}, {Short: '\r'},
}

const envHelp = `[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Run COMMAND with an environment changed by the options and the NAME=VALUE
words; with no COMMAND, print that environment, one variable a line.

  -i, --ignore-environment  begin from an empty environment ('-' alone too)
  -u, --unset=NAME          drop NAME from the environment
  -0, --null                print the environment with NUL after each entry
  -C, --chdir=DIR           run COMMAND in directory DIR
  -S, --split-string=S      split S into words (quotes, \ escapes, ${VAR})
                            and use them in its place, as a shebang line needs
  -v, --debug               trace each step on standard error
      --help                show this help
      --version             show the version

Exit status: 125 if env itself fails, 126 if COMMAND cannot be run, 127 if
it is not found, else COMMAND's status.
`

// envRun is one env invocation being put together.
type envRun struct {
	c      *cmd
	clear  bool
	null   bool
	debug  bool
	dir    string
	hasDir bool
	unset  []string
	split  string // the last -S string
}

// envApplet is env(1): a clone of the task (env's own process) with the
// changed environment runs COMMAND; see runProgram.
func envApplet(c *cmd) int {
	c.UsageStatus = 125
	e := &envRun{c: c}
	operands, status, ok := e.parse(c.Args)
	if !ok {
		return status
	}
	if len(operands) > 0 && operands[0] == "-" {
		e.clear, operands = true, operands[1:]
	}
	env, ok := e.environment()
	if !ok {
		return 125
	}
	for len(operands) > 0 && strings.Contains(operands[0], "=") {
		e.trace("setenv:   %s\n", operands[0])
		env = putenv(env, operands[0])
		operands = operands[1:]
	}
	switch {
	case e.null && len(operands) > 0:
		return c.Usage("cannot specify --null (-0) with command")
	case e.hasDir && len(operands) == 0:
		return c.Usage("must specify command with --chdir (-C)")
	case len(operands) == 0:
		for _, kv := range env {
			c.Out.WriteString(kv)
			c.Out.WriteByte(map[bool]byte{false: '\n', true: 0}[e.null])
		}
		return 0
	}
	return e.exec(env, operands)
}

// parse reads the options, following each -S into the words it splits
// into (which take its place, as env restarts getopt on them); it returns
// the operands.
func (e *envRun) parse(args []string) ([]string, int, bool) {
	c := e.c
	defer func(saved []string) { c.Args = saved }(c.Args)
	for {
		through, split := envSplitWords(args)
		c.Args = args[:through]
		operands, status, ok := c.GetoptEach(envOptions, true, envHelp, e.option)
		if !ok {
			return nil, status, false
		}
		if !split {
			return operands, 0, true
		}
		words, ok := e.splitString(e.split)
		if !ok {
			return nil, 125, false
		}
		args = append(words, args[through:]...)
	}
}

// envSplitWords returns how many leading words of args hold the options
// up to the first -S (split true), or len(args) if there is none.
func envSplitWords(args []string) (int, bool) {
	p := getopt.Parser{Options: applet.WithHelp(envOptions), InOrder: true}
	opts, _, _ := p.Parse(args)
	n := slices.IndexFunc(opts, func(o getopt.Parsed) bool { return o.ID == 'S' })
	for k := 1; n >= 0 && k <= len(args); k++ {
		if opts, _, err := p.Parse(args[:k]); err == nil && len(opts) > n {
			return k, true
		}
	}
	return len(args), false
}

// option applies one option; false means env must stop (status 125).
func (e *envRun) option(o getopt.Parsed) bool {
	switch o.ID {
	case 'i':
		e.clear = true
	case '0':
		e.null = true
	case 'u':
		e.unset = append(e.unset, o.Value)
	case 'C':
		e.dir, e.hasDir = o.Value, true
	case 'v':
		e.debug = true
	case 'S':
		e.split = o.Value
	case ' ', '\t', '\n', '\v', '\f', '\r':
		e.c.Errorf("invalid option -- '%c'", o.ID)
		e.c.Errorf("use -[v]S to pass options in shebang lines")
		e.c.TryHelp()
		return false
	}
	return true
}

// trace prints a -v line.
func (e *envRun) trace(format string, a ...any) {
	if e.debug {
		e.c.Out.Flush()
		fmt.Fprintf(e.c.Errw, format, a...)
	}
}

// environment is the environment env starts from: empty with -i, else
// the shell's exported variables less the -u names.
func (e *envRun) environment() (applet.EnvList, bool) {
	if e.clear {
		e.trace("cleaning environ\n")
		return applet.EnvList{}, true
	}
	env := slices.Clone(e.c.Env)
	for _, name := range e.unset {
		e.trace("unset:    %s\n", name)
		if name == "" || strings.Contains(name, "=") {
			e.c.Errorf("cannot unset %s: Invalid argument", applet.QuoteArg(name))
			return nil, false
		}
		env = unsetenv(env, name)
	}
	return env, true
}

// unsetenv removes every entry for name.
func unsetenv(env applet.EnvList, name string) applet.EnvList {
	out := env[:0:0]
	for _, kv := range env {
		if n, _, _ := strings.Cut(kv, "="); n != name {
			out = append(out, kv)
		}
	}
	return out
}

// putenv sets NAME=VALUE in place of NAME's entry, or at the end.
func putenv(env applet.EnvList, kv string) applet.EnvList {
	name, _, _ := strings.Cut(kv, "=")
	for k, old := range env {
		if n, _, _ := strings.Cut(old, "="); n == name {
			env = append(applet.EnvList(nil), env...)
			env[k] = kv
			return env
		}
	}
	return append(env, kv)
}

// exec runs argv in env's own process: a clone of the task, moved to -C's
// directory first.
func (e *envRun) exec(env applet.EnvList, argv []string) int {
	c := e.c
	t := c.Task.Clone(0)
	defer t.Exit()
	if e.hasDir {
		e.trace("chdir:    %s\n", c.Quote(e.dir))
		if err := t.Chdir(e.dir); err != nil {
			c.Errorf("cannot change directory to %s: %s", c.Quote(e.dir), applet.ErrText(err))
			return 125
		}
	}
	e.trace("executing: %s\n", argv[0])
	for k, a := range argv {
		e.trace("   arg[%d]= %s\n", k, c.QuoteArg(a))
	}
	name, err := c.FindProgram(t, argv[0], env)
	if err != nil {
		status := c.ExecError(argv[0], err)
		if status == 127 && strings.ContainsAny(argv[0], " \t\n\v\f\r") {
			c.Errorf("use -[v]S to pass options in shebang lines")
		}
		return status
	}
	return c.RunProgram(t, name, argv, env, c.Stdin)
}

// envSplitter is the state of -S's splitting: the words so far, whether
// the last character seen separates words, and the quotes open.
type envSplitter struct {
	e      *envRun
	words  []string
	sep    bool
	sq, dq bool
}

// add appends b to the current word, starting a new word after a
// separator.
func (s *envSplitter) add(b ...byte) {
	s.begin()
	s.words[len(s.words)-1] += string(b)
}

func (s *envSplitter) begin() {
	if s.sep {
		s.words = append(s.words, "")
		s.sep = false
	}
}

// splitString splits -S's string as env does: white space separates
// words outside quotes, single quotes keep everything but \\ and \',
// double quotes allow escapes and ${NAME}, a '#' starting a word ends the
// string, and so do \c and the end.
func (e *envRun) splitString(str string) ([]string, bool) {
	s := &envSplitter{e: e, sep: true}
	rest, stop, ok := str, false, true
	for rest != "" && !stop {
		if rest, stop, ok = s.step(rest); !ok {
			return nil, false
		}
	}
	if !stop && (s.sq || s.dq) {
		e.c.Errorf("no terminating quote in -S string")
		return nil, false
	}
	if len(s.words) > 0 {
		e.trace("split -S:  %s\n", applet.QuoteArg(str))
		e.trace(" into:    %s\n", applet.QuoteArg(s.words[0]))
		for _, w := range s.words[1:] {
			e.trace("     &    %s\n", applet.QuoteArg(w))
		}
	}
	return s.words, true
}

// step consumes the first character (or escape, or ${NAME}) of rest and
// returns what is left; stop is an early end of the string (# or \c), !ok
// an error, already reported.
func (s *envSplitter) step(rest string) (left string, stop, ok bool) {
	c := rest[0]
	switch {
	case c == '\'' && !s.dq, c == '"' && !s.sq:
		if c == '\'' {
			s.sq = !s.sq
		} else {
			s.dq = !s.dq
		}
		s.begin()
		return rest[1:], false, true
	case strings.IndexByte(" \t\n\v\f\r", c) >= 0 && !s.sq && !s.dq:
		s.sep = true
		return strings.TrimLeft(rest, " \t\n\v\f\r"), false, true
	case c == '#' && s.sep:
		return "", true, true
	case c == '\\' && !(s.sq && len(rest) > 1 && rest[1] != '\\' && rest[1] != '\''):
		return s.escape(rest)
	case c == '$' && !s.sq:
		left, ok = s.variable(rest)
		return left, false, ok
	}
	s.add(c)
	return rest[1:], false, true
}

// escape handles a backslash sequence at the start of rest.
func (s *envSplitter) escape(rest string) (left string, stop, ok bool) {
	if len(rest) < 2 {
		s.e.c.Errorf("invalid backslash at end of string in -S")
		return rest, false, false
	}
	c := rest[1]
	switch c {
	case '"', '#', '$', '\'', '\\':
	case '_':
		if !s.dq {
			s.sep = true
			return rest[2:], false, true
		}
		c = ' '
	case 'c':
		if s.dq {
			s.e.c.Errorf("'\\c' must not appear in double-quoted -S string")
			return rest, false, false
		}
		return "", true, true
	case 'f', 'n', 'r', 't', 'v':
		c = map[byte]byte{'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v'}[c]
	default:
		s.e.c.Errorf("invalid sequence '\\%c' in -S", c)
		return rest, false, false
	}
	s.add(c)
	return rest[2:], false, true
}

// variable expands ${NAME} at the start of rest from env's environment
// as it was given to env.
func (s *envSplitter) variable(rest string) (string, bool) {
	end := strings.IndexByte(rest, '}')
	if !strings.HasPrefix(rest, "${") || end < 0 || !isEnvName(rest[2:end]) {
		s.e.c.Errorf("only ${VARNAME} expansion is supported, error at: %s", rest)
		return rest, false
	}
	name := rest[2:end]
	if v, ok := s.e.c.Env.Value(name); ok {
		s.begin()
		s.e.trace("expanding ${%s} into %s\n", name, applet.QuoteArg(v))
		s.words[len(s.words)-1] += v
	} else {
		s.e.trace("replacing ${%s} with null string\n", name)
	}
	return rest[end+1:], true
}

// isEnvName reports whether s is a letter or underscore followed by
// letters, digits and underscores.
func isEnvName(s string) bool {
	for k := 0; k < len(s); k++ {
		c := s[k]
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (k == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
