// SPDX-License-Identifier: Apache-2.0

package getopt

import (
	"reflect"
	"strings"
	"testing"
)

// table is the option table of the tests: util-linux getopt(1)'s
// -o 'ab:c::' -l 'all,almost-all,block:,color::,col,ro,read-only'. The last
// two are aliases (one ID), which getopt(1) cannot express.
var table = []Option{
	{Short: 'a'}, {Short: 'b', Arg: RequiredArg}, {Short: 'c', Arg: OptionalArg},
	{Long: "all", ID: 1001}, {Long: "almost-all", ID: 1002},
	{Long: "block", Arg: RequiredArg, ID: 1003}, {Long: "color", Arg: OptionalArg, ID: 1004},
	{Long: "col", ID: 1005}, {Long: "ro", ID: 1006}, {Long: "read-only", ID: 1006},
}

// render writes a parse as getopt(1) prints it.
func render(opts []Parsed, operands []string) string {
	var b strings.Builder
	quote := func(s string) { b.WriteString(" '" + strings.ReplaceAll(s, "'", `'\''`) + "'") }
	for _, o := range opts {
		b.WriteString(" " + o.Name)
		if o.HasValue || optional(o) {
			quote(o.Value)
		}
	}
	b.WriteString(" --")
	for _, s := range operands {
		quote(s)
	}
	return b.String()
}

func optional(o Parsed) bool { return o.ID == 'c' || o.ID == 1004 }

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		err  string
	}{
		{args: []string{"-a", "--al", "x"}, err: "option '--al' is ambiguous; possibilities: '--all' '--almost-all'"},
		{args: []string{"-a", "--all", "x", "--bl=3", "-cq", "--color", "--colo=4", "-b", "5", "--", "-z"},
			want: " -a --all --block '3' -c 'q' --color '' --color '4' -b '5' -- 'x' '-z'"},
		{args: []string{"--blo", "--nope=4"}, want: " --block '--nope=4' --"},
		{args: []string{"--a=3"}, err: "option '--a=3' is ambiguous; possibilities: '--all' '--almost-all'"},
		{args: []string{"--all=3"}, err: "option '--all' doesn't allow an argument"},
		{args: []string{"--nope=4"}, err: "unrecognized option '--nope=4'"},
		{args: []string{"-ax"}, err: "invalid option -- 'x'"},
		{args: []string{"-b"}, err: "option requires an argument -- 'b'"},
		{args: []string{"--block"}, err: "option '--block' requires an argument"},
		{args: []string{"--col"}, want: " --col --"},
		{args: []string{"--co"}, err: "option '--co' is ambiguous; possibilities: '--color' '--col'"},
		{args: []string{"--r"}, want: " --ro --"},
		{args: []string{"--re"}, want: " --read-only --"},
		{args: []string{"-", "-abx", "y"}, want: " -a -b 'x' -- '-' 'y'"},
		{args: []string{"-c", "x"}, want: " -c '' -- 'x'"},
	} {
		p := Parser{Options: table}
		opts, ops, err := p.Parse(tc.args)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v, want %q", tc.args, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.args, err)
		default:
			if got := render(opts, ops); got != tc.want {
				t.Errorf("%q:\n got %s\nwant %s", tc.args, got, tc.want)
			}
		}
	}
}

func TestInOrder(t *testing.T) {
	p := Parser{Options: table, InOrder: true}
	opts, ops, err := p.Parse([]string{"-a", "x", "-b", "y"})
	if err != nil || len(opts) != 1 || !reflect.DeepEqual(ops, []string{"x", "-b", "y"}) {
		t.Errorf("got %v %q %v", opts, ops, err)
	}
}

// canonical writes a parse back as words that must parse the same way.
func canonical(opts []Parsed, operands []string) []string {
	var w []string
	for _, o := range opts {
		switch {
		case strings.HasPrefix(o.Name, "--") && o.HasValue:
			w = append(w, o.Name+"="+o.Value)
		case o.HasValue && optional(o):
			w = append(w, o.Name+o.Value)
		case o.HasValue:
			w = append(w, o.Name, o.Value)
		default:
			w = append(w, o.Name)
		}
	}
	return append(append(w, "--"), operands...)
}

// FuzzParse: whatever parses, parses the same once written canonically,
// and every operand is one of the words given.
func FuzzParse(f *testing.F) {
	f.Add("-a\x00--al\x00x\x00--bl=3\x00-cq")
	f.Add("--\x00-\x00--color=\x00-b")
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		p := Parser{Options: table}
		opts, ops, err := p.Parse(args)
		if err != nil {
			return
		}
		opts2, ops2, err := p.Parse(canonical(opts, ops))
		if err != nil || !reflect.DeepEqual(opts, opts2) || !reflect.DeepEqual(ops, ops2) && len(ops)+len(ops2) > 0 {
			t.Fatalf("%q parsed as %v %q, its canonical form as %v %q %v", args, opts, ops, opts2, ops2, err)
		}
	})
}

// TestShortOnly: getopt(3) has no long options, so "--help" is the
// options '-', 'h', ... and fails on the first; "--" still ends them.
func TestShortOnly(t *testing.T) {
	p := Parser{Options: []Option{{Short: 'a'}}, ShortOnly: true}
	if _, _, err := p.Parse([]string{"-a", "--help"}); err == nil || err.Error() != "invalid option -- '-'" {
		t.Errorf("--help: %v", err)
	}
	opts, operands, err := p.Parse([]string{"-a", "--", "--x"})
	if err != nil || len(opts) != 1 || len(operands) != 1 || operands[0] != "--x" {
		t.Errorf("-a -- --x: %v %v %v", opts, operands, err)
	}
}
