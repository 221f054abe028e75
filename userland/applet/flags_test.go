// SPDX-License-Identifier: Apache-2.0

package applet_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// runFlags parses args with a small option table and reports what the
// applet saw, its status and its standard error.
func runFlags(args ...string) (seen string, status int, stderr string) {
	var out, errb strings.Builder
	c := applet.New(context.Background(), nil, nil, "demo", args, nil, nil, &out, &errb)
	status = c.Run(func(c *applet.Cmd) int {
		fs := c.FlagSet()
		var force, ask bool
		verbose := fs.BoolP("verbose", "v", false, "talk")
		fs.Func("force", "f", "never ask", func() { force, ask = true, false })
		fs.Func("interactive", "i", "ask", func() { force, ask = false, true })
		mode := fs.StringP("mode", "m", "", "use `MODE`")
		var when string
		fs.OptionalFunc("when", "", "at `WHEN`", func(v string, given bool) error {
			when = "always"
			if given {
				when = v
			}
			return nil
		})
		ops, ok := c.Parse(fs)
		if !ok {
			return 1
		}
		var b strings.Builder
		b.WriteString(strings.Join(ops, ","))
		for _, x := range []struct {
			name string
			on   bool
		}{{"v", *verbose}, {"f", force}, {"i", ask}} {
			if x.on {
				b.WriteString(" " + x.name)
			}
		}
		if fs.Changed("mode") {
			b.WriteString(" m=" + *mode)
		}
		if when != "" {
			b.WriteString(" when=" + when)
		}
		seen = b.String()
		return 0
	})
	return seen, status, errb.String()
}

func TestFlagSetGetoptRules(t *testing.T) {
	cases := []struct {
		args         []string
		seen, stderr string
		status       int
	}{
		{[]string{"a", "--verb", "b"}, "a,b v", "", 0},
		{[]string{"-vm", "644", "x"}, "x v m=644", "", 0},
		{[]string{"--mo=1", "-f", "-i"}, " i m=1", "", 0},
		{[]string{"-i", "--for"}, " f", "", 0},
		{[]string{"--when"}, " when=always", "", 0},
		{[]string{"--when=once"}, " when=once", "", 0},
		{[]string{"--", "-v"}, "-v", "", 0},
		{[]string{"--verbose=1"}, "", "demo: option '--verbose' doesn't allow an argument\nTry 'demo --help' for more information.\n", 1},
		{[]string{"-m"}, "", "demo: option requires an argument -- 'm'\nTry 'demo --help' for more information.\n", 1},
		{[]string{"--bogus"}, "", "demo: unrecognized option '--bogus'\nTry 'demo --help' for more information.\n", 1},
		{[]string{"--help"}, "", "", 0},
		{[]string{"--version", "--bogus"}, "", "", 0},
	}
	for _, tc := range cases {
		seen, status, stderr := runFlags(tc.args...)
		if seen != tc.seen || status != tc.status || stderr != tc.stderr {
			t.Errorf("%q: saw %q status %d stderr %q; want %q %d %q", tc.args, seen, status, stderr, tc.seen, tc.status, tc.stderr)
		}
	}
}

func TestFlagSetHelp(t *testing.T) {
	var out strings.Builder
	c := applet.New(context.Background(), nil, nil, "demo", []string{"--help"}, nil, nil, &out, nil)
	c.Run(func(c *applet.Cmd) int {
		fs := c.FlagSet()
		fs.Synopsis = "[OPTION]... THING"
		fs.BoolP("verbose", "v", false, "talk")
		fs.StringP("mode", "m", "", "use `MODE`")
		fs.Bool("quiet", false, "say nothing")
		fs.OptionalFunc("when", "", "at `WHEN`", func(string, bool) error { return nil })
		c.Parse(fs)
		return 1
	})
	for _, want := range []string{"Usage: demo [OPTION]... THING\n", "  -v, --verbose", "  -m, --mode=MODE            use MODE\n",
		"      --quiet", "      --when[=WHEN]"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
}

// TestFlagSetArgFunc: an ArgFunc option sees its argument where it
// appears and can name itself as the command line did; its error ends
// the parse without the help hint.
func TestFlagSetArgFunc(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		seen, stderr string
		status       int
	}{
		{[]string{"-t5", "--thr=7"}, "-t:5 --threshold:7", "", 0},
		{[]string{"--threshold", "x", "-t", "1"}, "", "demo: bad --threshold x\n", 1},
	} {
		var out, errb strings.Builder
		var seen []string
		c := applet.New(context.Background(), nil, nil, "demo", tc.args, nil, nil, &out, &errb)
		status := c.Run(func(c *applet.Cmd) int {
			fs := c.FlagSet()
			fs.ArgFunc("threshold", "t", "at `SIZE`", func(v string) error {
				if v == "x" {
					return fmt.Errorf("bad %s %s", fs.Current(), v)
				}
				seen = append(seen, fs.Current()+":"+v)
				return nil
			})
			if _, ok := c.Parse(fs); !ok {
				return 1
			}
			return 0
		})
		if got := strings.Join(seen, " "); got != tc.seen || status != tc.status || errb.String() != tc.stderr {
			t.Errorf("%q: saw %q status %d stderr %q; want %q %d %q", tc.args, got, status, errb.String(), tc.seen, tc.status, tc.stderr)
		}
	}
}

// TestFlagSetOptionalShort: the short form of an option whose long form
// takes an optional argument takes none ("-bv" is -b -v, as ln's).
func TestFlagSetOptionalShort(t *testing.T) {
	var out, errb strings.Builder
	var got []string
	c := applet.New(context.Background(), nil, nil, "demo", []string{"-bv", "--backup=t", "--backup"}, nil, nil, &out, &errb)
	c.Run(func(c *applet.Cmd) int {
		fs := c.FlagSet()
		fs.OptionalFunc("backup", "b", "as `CONTROL` says", func(v string, given bool) error {
			got = append(got, fmt.Sprintf("b(%s,%v)", v, given))
			return nil
		})
		fs.Func("verbose", "v", "talk", func() { got = append(got, "v") })
		c.Parse(fs)
		return 0
	})
	if s := strings.Join(got, " "); s != "b(,false) v b(t,true) b(,false)" || errb.Len() != 0 {
		t.Errorf("saw %q, stderr %q", s, errb.String())
	}
}

// TestFlagSetUtilLinux: -h and -V, --help placed in the table (which
// orders an ambiguity's possibilities), aliases and exclusive groups,
// as util-linux's tools parse them.
func TestFlagSetUtilLinux(t *testing.T) {
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
		status         int
	}{
		{[]string{"-h"}, "Usage: demo TEXT\n", "", 0},
		{[]string{"-V"}, "demo (linuxvfs) " + applet.Version + "\n", "", 0},
		{[]string{"--v"}, "", "demo: option '--v' is ambiguous; possibilities: '--verify' '--version' '--verbose'\nTry 'demo --help' for more information.\n", 1},
		{[]string{"--r"}, "", "", 0}, // --read-only and --ro are one option
		{[]string{"-x", "--verbose", "--verify"}, "", "", 0},
		{[]string{"-x", "--json", "-r"}, "", "demo: mutually exclusive arguments: --json --verify\n", 1},
	} {
		var out, errb strings.Builder
		c := applet.New(context.Background(), nil, nil, "demo", tc.args, nil, nil, &out, &errb)
		status := c.Run(func(c *applet.Cmd) int {
			fs := c.FlagSet()
			fs.Help = "Usage: demo TEXT\n"
			fs.ShortHelp = true
			fs.BoolP("verify", "x", false, "")
			fs.PlaceVersion()
			fs.BoolP("verbose", "", false, "")
			fs.BoolP("json", "J", false, "")
			fs.BoolP("read-only", "r", false, "")
			fs.Alias("ro", "read-only")
			fs.Exclusive("json", "verify")
			if _, ok := c.Parse(fs); !ok {
				return 1
			}
			return 0
		})
		if out.String() != tc.stdout || errb.String() != tc.stderr || status != tc.status {
			t.Errorf("%q: stdout %q stderr %q status %d; want %q %q %d", tc.args, out.String(), errb.String(), status, tc.stdout, tc.stderr, tc.status)
		}
	}
}
