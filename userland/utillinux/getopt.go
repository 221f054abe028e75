// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

const getoptHelp = `
Usage:
 getopt <optstring> <parameters>
 getopt [options] [--] <optstring> <parameters>
 getopt [options] -o|--options <optstring> [options] [--] <parameters>

Check a script's parameters against its options and print them again in
a canonical order, quoted for the shell to read back with eval.

Options:
 -a, --alternative             long options may start with a single -
 -l, --longoptions <longopts>  long options, comma-separated; a ':' after
                               a name: it takes an argument, '::' maybe
 -n, --name <progname>         the name errors are reported under
 -o, --options <optstring>     short options, as getopt(3) spells them
 -q, --quiet                   say nothing about bad parameters
 -Q, --quiet-output            print nothing, only give the status
 -s, --shell <shell>           quote for sh (bash...) or csh (tcsh)
 -T, --test                    exit with 4: this is the enhanced getopt
 -u, --unquoted                no quotes in the output

 -h, --help                    show this help
 -V, --version                 show the version
`

var getoptOwnOptions = []getopt.Option{
	{Short: 'a', Long: "alternative"},
	{Short: 'h', Long: "help"},
	{Short: 'l', Long: "longoptions", Arg: getopt.RequiredArg},
	{Short: 'n', Long: "name", Arg: getopt.RequiredArg},
	{Short: 'o', Long: "options", Arg: getopt.RequiredArg},
	{Short: 'q', Long: "quiet"},
	{Short: 'Q', Long: "quiet-output"},
	{Short: 's', Long: "shell", Arg: getopt.RequiredArg},
	{Short: 'T', Long: "test"},
	{Short: 'u', Long: "unquoted"},
	{Short: 'V', Long: "version"},
}

// getoptRun is one getopt(1) command's settings.
type getoptRun struct {
	*cmd
	name               string
	shorts             *string
	longs              []getopt.Option
	alternative, quiet bool
	quietOut, unquoted bool
	tcsh               bool
}

// getoptApplet is getopt(1) of util-linux 2.38: status 0, 1 for bad
// parameters (still printed), 2 for its own usage errors, 4 for -T.
func getoptApplet(c *cmd) int {
	g := &getoptRun{cmd: c, name: c.Name}
	args := c.Args
	if len(args) == 0 {
		return g.usage("missing optstring argument")
	}
	if !strings.HasPrefix(args[0], "-") {
		// The old form: optstring first, output unquoted.
		g.unquoted = true
		return g.parse(args[0], args[1:])
	}
	p := getopt.Parser{Options: getoptOwnOptions, InOrder: true}
	opts, rest, err := p.Parse(args)
	for _, o := range opts {
		if status, done := g.ownOption(o); done {
			return status
		}
	}
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, err)
		return g.tryHelp()
	}
	if g.shorts == nil {
		if len(rest) == 0 {
			return g.usage("missing optstring argument")
		}
		g.shorts, rest = &rest[0], rest[1:]
	}
	return g.parse(*g.shorts, rest)
}

// ownOption applies one of getopt's own options; done says getopt ends.
func (g *getoptRun) ownOption(o getopt.Parsed) (status int, done bool) {
	switch o.ID {
	case 'a':
		g.alternative = true
	case 'h':
		g.Out.WriteString(getoptHelp)
		return 0, true
	case 'l':
		if !g.addLongs(o.Value) {
			return g.usage("empty long option after -l or --long argument"), true
		}
	case 'n':
		g.name = o.Value
	case 'o':
		v := o.Value
		g.shorts = &v
	case 'q':
		g.quiet = true
	case 'Q':
		g.quietOut = true
	case 's':
		switch o.Value {
		case "sh", "bash":
			g.tcsh = false
		case "csh", "tcsh":
			g.tcsh = true
		default:
			return g.usage("unknown shell after -s or --shell argument"), true
		}
	case 'T':
		return 4, true
	case 'u':
		g.unquoted = true
	case 'V':
		fmt.Fprintf(g.Out, "getopt from util-linux 2.38.1\n")
		return 0, true
	}
	return 0, false
}

func (g *getoptRun) usage(msg string) int {
	fmt.Fprintf(g.Errw, "%s: %s\n", g.Name, msg)
	return g.tryHelp()
}

func (g *getoptRun) tryHelp() int {
	fmt.Fprintf(g.Errw, "Try '%s --help' for more information.\n", g.Name)
	return 2
}

// addLongs reads a -l list: names apart by commas or blanks, each with
// ':' for a required argument or '::' for an optional one. It reports
// false for a name that is only colons.
func (g *getoptRun) addLongs(spec string) bool {
	for _, name := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		arg := getopt.NoArg
		switch {
		case strings.HasSuffix(name, "::"):
			name, arg = strings.TrimSuffix(name, "::"), getopt.OptionalArg
		case strings.HasSuffix(name, ":"):
			name, arg = strings.TrimSuffix(name, ":"), getopt.RequiredArg
		}
		if name == "" {
			return false
		}
		g.longs = append(g.longs, getopt.Option{Long: name, Arg: arg, ID: 0x100 + len(g.longs)})
	}
	return true
}

// parse checks params against the script's options and prints them.
func (g *getoptRun) parse(shorts string, params []string) int {
	var loop getopt.Loop
	inOrder := g.Getenv("POSIXLY_CORRECT") != ""
	switch {
	case strings.HasPrefix(shorts, "+"):
		inOrder, shorts = true, shorts[1:]
	case strings.HasPrefix(shorts, "-"):
		loop.InPlace, shorts = true, shorts[1:]
	}
	loop.LongOnly = g.alternative
	p := getopt.Parser{Options: append(shortTable(shorts), g.longs...), InOrder: inOrder}
	status := 0
	opts, operands := p.ParseAll(params, loop, func(e *getopt.Error) {
		status = 1
		if !g.quiet {
			fmt.Fprintf(g.Errw, "%s: %s\n", g.name, e.Msg)
		}
	})
	if g.quietOut {
		return status
	}
	var b strings.Builder
	for _, o := range opts {
		if o.ID == getopt.OperandID {
			b.WriteString(" " + g.quote(o.Value))
			continue
		}
		b.WriteString(" " + o.Name)
		if opt := p.Options[g.indexOf(p.Options, o.ID)]; opt.Arg != getopt.NoArg {
			b.WriteString(" " + g.quote(o.Value))
		}
	}
	b.WriteString(" --")
	for _, op := range operands {
		b.WriteString(" " + g.quote(op))
	}
	b.WriteString("\n")
	g.Out.WriteString(b.String())
	return status
}

func (g *getoptRun) indexOf(opts []getopt.Option, id int) int {
	for i, o := range opts {
		if o.ID == id || o.ID == 0 && int(o.Short) == id {
			return i
		}
	}
	return 0
}

// shortTable reads getopt(3)'s optstring: letters, each with ':' for a
// required argument or '::' for an optional one.
func shortTable(s string) []getopt.Option {
	var out []getopt.Option
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			continue
		}
		o := getopt.Option{Short: s[i]}
		switch {
		case strings.HasPrefix(s[i+1:], "::"):
			o.Arg = getopt.OptionalArg
		case strings.HasPrefix(s[i+1:], ":"):
			o.Arg = getopt.RequiredArg
		}
		out = append(out, o)
	}
	return out
}

// quote is a word as the chosen shell reads it back: in single quotes,
// a single quote closing, escaped and reopened; for csh also !,
// newlines, blanks and backslashes escaped, which it would otherwise act
// on even there.
func (g *getoptRun) quote(s string) string {
	if g.unquoted {
		return s
	}
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\'':
			b.WriteString(`'\''`)
		case g.tcsh && r == '!':
			b.WriteString(`'\!'`)
		case g.tcsh && r == '\n':
			b.WriteString(`\n`)
		case g.tcsh && (r == ' ' || r == '\t'):
			b.WriteString(`'\` + string(r) + `'`)
		case g.tcsh && r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
