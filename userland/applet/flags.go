// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

// FlagSet declares an applet's options as variables, pflag-style, and
// parses them by getopt_long's rules (internal/getopt): abbreviated long
// options, "option '--al' is ambiguous; possibilities: ...", options after
// operands unless POSIXLY_CORRECT, and --help and --version. A flag whose
// long name is its own one-letter short name is a short option only.
type FlagSet struct {
	c     *Cmd
	flags []*flagDef
	seen  map[string]bool
	args  []string
	// current is how the option being handled was named ("-t" or
	// "--threshold"), for its function's diagnostics.
	current string

	// Synopsis follows "Usage: NAME " in --help; "[OPTION]... [FILE]..."
	// when empty.
	Synopsis string
	// About is the help's paragraph between the synopsis and the options.
	About string
	// InOrder stops option parsing at the first operand (getopt's "+"),
	// for commands that run a command line after their options.
	InOrder bool
	// ShortHelp adds -h and -V for --help and --version, as util-linux's
	// tools have them.
	ShortHelp bool
	// Help, when set, is the whole --help text ("Usage: NAME ..."),
	// written by hand rather than made from the declarations.
	Help string

	// exclusive are groups of flags (by name) of which one command line
	// may use one member at most; chosen records which member each group
	// met first.
	exclusive [][]string
	chosen    map[int]string
}

type flagDef struct {
	long     string
	short    byte
	arg      string // "" for a flag without argument, else its placeholder
	optional bool   // the argument may be left out (--name[=ARG])
	// attached lets the short form of an optional argument take one
	// written against it, as getopt's "m::" does (-mFILE).
	attached bool
	// shortRequired makes the short form of an optional argument take
	// a required one (nsenter's "W:" beside --wdns[=DIR]).
	shortRequired bool
	usage         string
	set           func(v string, given bool) error
	// aliasOf is the flag this long name is another name of (mount's
	// --ro for --read-only); getopt then takes a prefix they share as
	// one option.
	aliasOf *flagDef
	// builtin is OptHelp or OptVersion for PlaceHelp's entries.
	builtin int
}

// ErrReported is what a flag's function returns for a bad argument it has
// reported itself (with the try-help line): Parse then only fails.
var ErrReported = errors.New("usage error already reported")

// FlagSet starts an applet's option declarations.
func (c *Cmd) FlagSet() *FlagSet { return &FlagSet{c: c, seen: map[string]bool{}} }

func (f *FlagSet) add(long, short, arg, usage string, set func(string, bool) error) *flagDef {
	d := &flagDef{long: long, arg: arg, usage: strings.ReplaceAll(usage, "`", ""), set: set}
	if short != "" {
		d.short = short[0]
	}
	if len(long) == 1 && d.short == long[0] {
		d.long = ""
	}
	f.flags = append(f.flags, d)
	return d
}

// BoolVarP declares a flag setting *p.
func (f *FlagSet) BoolVarP(p *bool, long, short string, def bool, usage string) {
	*p = def
	f.add(long, short, "", usage, func(string, bool) error { *p = true; return nil })
}

// BoolP declares a flag and returns its variable.
func (f *FlagSet) BoolP(long, short string, def bool, usage string) *bool {
	p := new(bool)
	f.BoolVarP(p, long, short, def, usage)
	return p
}

// Bool declares a long-only flag.
func (f *FlagSet) Bool(long string, def bool, usage string) *bool {
	return f.BoolP(long, "", def, usage)
}

// BoolVar declares a long-only flag setting *p.
func (f *FlagSet) BoolVar(p *bool, long string, def bool, usage string) {
	f.BoolVarP(p, long, "", def, usage)
}

// StringVarP declares an option with a required argument.
func (f *FlagSet) StringVarP(p *string, long, short, def, usage string) {
	*p = def
	f.add(long, short, placeholder(usage), usage, func(v string, _ bool) error { *p = v; return nil })
}

// StringP declares an option with a required argument and returns it.
func (f *FlagSet) StringP(long, short, def, usage string) *string {
	p := new(string)
	f.StringVarP(p, long, short, def, usage)
	return p
}

// String declares a long-only option with a required argument.
func (f *FlagSet) String(long, def, usage string) *string { return f.StringP(long, "", def, usage) }

// IntVarP declares an option with a decimal argument; a bad number is a
// usage error.
func (f *FlagSet) IntVarP(p *int, long, short string, def int, usage string) {
	*p = def
	f.add(long, short, "N", usage, func(v string, _ bool) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("invalid number %s", Quote(v))
		}
		*p = n
		return nil
	})
}

// Func declares a flag that calls fn where it appears, for options whose
// effect depends on their order (rm's -f and -i: the last one wins).
func (f *FlagSet) Func(long, short, usage string, fn func()) {
	f.add(long, short, "", usage, func(string, bool) error { fn(); return nil })
}

// Action is Func with a check that may refuse the option: fn returns an
// error to print, or ErrReported.
func (f *FlagSet) Action(long, short, usage string, fn func() error) {
	f.add(long, short, "", usage, func(string, bool) error { return fn() })
}

// OptionalFunc declares --long[=ARG] (and -short without argument): fn
// gets the argument and whether there was one; it may return ErrReported.
func (f *FlagSet) OptionalFunc(long, short, usage string, fn func(v string, given bool) error) {
	f.add(long, short, placeholder(usage), usage, fn).optional = true
}

// OptionalArgFunc is OptionalFunc whose short form takes an argument too,
// written against it (-mFILE, as getopt's "m::"), as util-linux's
// namespace options do.
func (f *FlagSet) OptionalArgFunc(long, short, usage string, fn func(v string, given bool) error) {
	d := f.add(long, short, placeholder(usage), usage, fn)
	d.optional, d.attached = true, true
}

// OptionalLongArgFunc declares --long[=ARG] whose short form -short
// requires its argument, as a tool whose short option string says "W:"
// and whose long option table says optional_argument has it.
func (f *FlagSet) OptionalLongArgFunc(long, short, usage string, fn func(v string, given bool) error) {
	d := f.add(long, short, placeholder(usage), usage, fn)
	d.optional, d.shortRequired = true, true
}

// ArgFunc declares an option with a required argument that calls fn
// where it appears; fn may return an error to print, or ErrReported.
func (f *FlagSet) ArgFunc(long, short, usage string, fn func(v string) error) {
	f.add(long, short, placeholder(usage), usage, func(v string, _ bool) error { return fn(v) })
}

// Alias declares long as another name of the flag named of, in this
// place of the option table.
func (f *FlagSet) Alias(long, of string) {
	d := f.lookup(of)
	f.flags = append(f.flags, &flagDef{long: long, arg: d.arg, optional: d.optional, set: d.set, aliasOf: d})
}

// PlaceHelp puts --help and --version (and -h and -V with ShortHelp)
// here in the option table rather than last, where the tool's own
// table has them: the order decides the possibilities an ambiguous
// abbreviation lists ("--v": '--verify' '--version' '--verbose').
func (f *FlagSet) PlaceHelp() { f.flags = append(f.flags, &flagDef{long: "help", builtin: OptHelp}) }

// PlaceVersion is PlaceHelp for --version.
func (f *FlagSet) PlaceVersion() {
	f.flags = append(f.flags, &flagDef{long: "version", builtin: OptVersion})
}

// Exclusive declares flags (by long name, or letter for a short-only
// one) of which a command line may use one at most: the second one met
// ends the parse with "NAME: mutually exclusive arguments: --a --b", as
// util-linux's tools say it. Giving the same flag twice is no conflict.
func (f *FlagSet) Exclusive(names ...string) {
	f.exclusive = append(f.exclusive, names)
}

// checkExclusive reports a conflict of the flag d with one met before.
func (f *FlagSet) checkExclusive(d *flagDef) bool {
	if f.chosen == nil {
		f.chosen = map[int]string{}
	}
	key := f.exclusionKey(d)
	for i, group := range f.exclusive {
		if f.exclusionKey(f.lookup(group[0])) > key {
			break // util-linux's scan stops here: see exclusionKey
		}
		if !f.inGroupUpTo(group, d.name(), key) {
			continue
		}
		first, met := f.chosen[i]
		if !met {
			f.chosen[i] = d.name()
			continue
		}
		if first == d.name() {
			continue
		}
		var b strings.Builder
		for _, name := range group {
			if len(name) == 1 && f.lookup(name).long == "" {
				b.WriteString(" -" + name)
			} else {
				b.WriteString(" --" + name)
			}
		}
		f.c.Errorf("mutually exclusive arguments:%s", b.String())
		return false
	}
	return true
}

// exclusionKey is the number util-linux's tools know an option by in
// their exclusion tables: its letter, or for a long-only option a value
// past every letter (their order among themselves is the tool's enum's,
// which these tables keep sorted: all are taken as equal here). Their check walks the groups
// in table order and stops at the first group whose first key is past
// the option's, and walks a group's keys only while they are not past
// it: tables are meant to be sorted, and where one is not (umount's
// {R,a} before {O,R,t}) an option the walk never reaches is never
// recorded (-O with -t is accepted there). The groups are given in the
// tool's table order to reproduce that.
func (f *FlagSet) exclusionKey(d *flagDef) int {
	if d.short != 0 {
		return int(d.short)
	}
	return 0x100
}

// inGroupUpTo reports whether name is in group among the members the
// walk reaches before one whose key is past key.
func (f *FlagSet) inGroupUpTo(group []string, name string, key int) bool {
	for _, m := range group {
		if f.exclusionKey(f.lookup(m)) > key {
			return false
		}
		if m == name {
			return true
		}
	}
	return false
}

// lookup finds a declared flag by its name.
func (f *FlagSet) lookup(name string) *flagDef {
	for _, d := range f.flags {
		if d.name() == name {
			return d
		}
	}
	panic("applet: no flag " + name)
}

// Current is the option being handled as the command line named it ("-t"
// or "--threshold", never an abbreviation), for diagnostics that quote it.
func (f *FlagSet) Current() string { return f.current }

// Changed reports whether the flag named long (or its one-letter name)
// was given.
func (f *FlagSet) Changed(long string) bool { return f.seen[long] }

// Args returns the operands after Parse.
func (f *FlagSet) Args() []string { return f.args }

// Parse parses the arguments and returns the operands. On false the applet
// returns its usage status: a usage error was reported, or --help or
// --version printed and ended the command with status 0 (see Exit).
func (c *Cmd) Parse(f *FlagSet) ([]string, bool) {
	var opts []getopt.Option
	for i, d := range f.flags {
		o := getopt.Option{Short: d.short, Long: d.long, ID: 0x2000 + i}
		if d.aliasOf != nil {
			o.ID = 0x2000 + slices.Index(f.flags, d.aliasOf)
		}
		if d.builtin != 0 {
			o.ID = d.builtin
		}
		switch {
		case d.optional && d.short != 0 && d.long != "" && d.shortRequired:
			opts = append(opts, getopt.Option{Short: d.short, ID: o.ID, Arg: getopt.RequiredArg})
			o.Short, o.Arg = 0, getopt.OptionalArg
		case d.optional && d.short != 0 && d.long != "" && !d.attached:
			// The short form takes no argument: "-bv" is -b -v.
			opts = append(opts, getopt.Option{Short: d.short, ID: o.ID})
			o.Short, o.Arg = 0, getopt.OptionalArg
		case d.optional:
			o.Arg = getopt.OptionalArg
		case d.arg != "":
			o.Arg = getopt.RequiredArg
		}
		opts = append(opts, o)
	}
	if f.ShortHelp {
		opts = append(opts, getopt.Option{Short: 'h', ID: OptHelp}, getopt.Option{Short: 'V', ID: OptVersion})
	}
	help := f.help()
	if f.Help != "" {
		// The text names the program itself; GetoptEach puts the name
		// the program was called by in its place.
		help = f.Help
		if rest, ok := strings.CutPrefix(help, "Usage: "); ok {
			if _, after, ok := strings.Cut(rest, " "); ok {
				help = after
			}
		}
	}
	ops, status, ok := c.GetoptEach(opts, f.InOrder, help, func(p getopt.Parsed) bool {
		d := f.flags[p.ID-0x2000]
		f.current = p.Name
		if !f.checkExclusive(d) {
			return false
		}
		if err := d.set(p.Value, p.HasValue); err != nil {
			if err != ErrReported {
				c.Errorf("%s", err)
			}
			return false
		}
		f.seen[d.name()] = true
		return true
	})
	if !ok && status == 0 {
		c.Exit(0)
	}
	f.args = ops
	return ops, ok
}

// name is the flag's name for Changed.
func (d *flagDef) name() string {
	if d.long != "" {
		return d.long
	}
	return string(d.short)
}

// help is the text after "Usage: NAME ": the synopsis, the About
// paragraph and a line per option.
func (f *FlagSet) help() string {
	var b strings.Builder
	syn := f.Synopsis
	if syn == "" {
		syn = "[OPTION]... [FILE]..."
	}
	b.WriteString(syn + "\n")
	if f.About != "" {
		b.WriteString(strings.TrimSuffix(f.About, "\n") + "\n")
	}
	b.WriteString("\n")
	for _, d := range f.flags {
		if d.aliasOf != nil || d.builtin != 0 {
			continue
		}
		var names []string
		if d.short != 0 {
			names = append(names, "-"+string(d.short))
		}
		if d.short == 0 {
			names = append(names, "   ")
		}
		if d.long != "" {
			l := "--" + d.long
			if d.optional {
				l += "[=" + d.arg + "]"
			} else if d.arg != "" {
				l += "=" + d.arg
			}
			names = append(names, l)
		}
		name := strings.Join(names, ", ")
		if d.long == "" && d.arg != "" {
			name += " " + d.arg
		}
		fmt.Fprintf(&b, "  %-26s %s\n", strings.Replace(name, "   , ", "    ", 1), d.usage)
	}
	b.WriteString("      --help                 show this help\n")
	b.WriteString("      --version              show the version\n")
	return b.String()
}

// placeholder names an option's argument in the help: a word of its
// description in backquotes ("fields are separated by `DELIM`"), else
// the last word in capitals ("print NUM lines"), else ARG.
func placeholder(usage string) string {
	if _, rest, ok := strings.Cut(usage, "`"); ok {
		if name, _, ok := strings.Cut(rest, "`"); ok {
			return name
		}
	}
	words := strings.FieldsFunc(usage, func(r rune) bool { return r == ' ' || r == ',' || r == '\'' || r == '(' || r == ')' })
	for i := len(words) - 1; i >= 0; i-- {
		if w := words[i]; len(w) >= 3 && strings.Trim(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
			return w
		}
	}
	return "ARG"
}
