// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/coreutils"
)

// runAwk runs awk with args on a new system, with the shell available
// for pipes and system() when withShell is set.
func runAwk(t testing.TB, ctx context.Context, withShell bool, stdin string, args ...string) (string, string, int) {
	t.Helper()
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	var set *applet.Set
	if withShell {
		set = applet.NewSet()
		shell.Register(set)
		coreutils.Register(set)
		Register(set)
		if err := set.Install(task); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	// Standard input is a pipe, as the shell gives: a child shell
	// (system, pipes) reads an *os.File as it is, where it would copy
	// another reader in the background.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		io.WriteString(pw, stdin)
		pw.Close()
	}()
	c := applet.New(ctx, set, task, "awk", args, applet.EnvList{"PATH=/usr/bin:/bin", "HOME=/root"},
		pr, &out, &errb)
	code := c.Run(Run)
	return out.String(), errb.String(), code
}

func TestLex(t *testing.T) {
	toks, err := lex("a / b /c/ ~ /x\\/y/ # note\n$1++ >> \"f\\t\"")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []tok
	for _, tk := range toks {
		kinds = append(kinds, tk.kind)
	}
	want := []tok{tName, tDiv, tName, tDiv, tName, tDiv, tMatch, tRegex, tNewline,
		tDollar, tNumber, tIncr, tAppend, tString, tEOF}
	if len(kinds) != len(want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("token %d: %v, want %v (all %v)", i, kinds[i], want[i], kinds)
		}
	}
	if toks[7].text != "x/y" || toks[13].text != "f\t" {
		t.Errorf("texts %q %q", toks[7].text, toks[13].text)
	}
	if toks[14].line != 3 {
		t.Errorf("EOF on line %d, want 3 (mawk counts one past the end)", toks[14].line)
	}
}

// TestParseErrors: messages as mawk 1.3.4 words them.
func TestParseErrors(t *testing.T) {
	for prog, want := range map[string]string{
		"BEGIN{":                    "line 2: missing } near end of file",
		"BEGIN{x=1 +}":              "line 1: syntax error at or near }",
		"BEGIN { x = 1; y = ( }":    "line 1: missing ) near }",
		"BEGIN { x = 1 2 3 4 ) }":   "line 1: extra ')'",
		"BEGIN { f(1) }":            "line 2: function f never defined",
		"BEGIN { print \"abc }":     "line 1: runaway string constant \"abc } ...",
		"BEGIN { next }":            "line 1: improper use of next",
		"BEGIN { return 1 }":        "line 1: return outside function body",
		"BEGIN { break }":           "line 1: break statement outside of loop",
		"BEGIN { a[1]; a = 2 }":     "line 1: illegal reference to array a",
		"BEGIN { x = 1; x[1] = 2 }": "line 1: illegal reference to variable x",
		"function g(a) { return a } BEGIN { print g(1, 2) }": "line 1: too many arguments in call to g",
		"function f(a) { a[1] = 1 } BEGIN { x = 5; f(x) }":   "line 1: type error in arg(1) in call to f",
	} {
		_, err := parse(prog)
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %q", prog, err, want)
		}
	}
	for _, prog := range []string{
		"BEGIN { print 1 < 2 < 3 }",
		"function f(a, k) { a[k] = 1 } BEGIN { f(arr, \"x\"); print length(arr) }",
		"BEGIN { while ((\"cmd\" | getline line) > 0) n++ }",
		"{ print > \"f\" \".txt\" }",
		"BEGIN { getline x < \"a\" \"b\" }",
		"/a/,/b/",
		"BEGIN { if (1) ; else print }",
		"BEGIN { print (1,2) > \"/dev/stderr\" }",
		"BEGIN { for ((i,j) in a) ; }" + "\n",
	} {
		if _, err := parse(prog); err != nil && !strings.Contains(prog, "(i,j)") {
			t.Errorf("%q: %v", prog, err)
		}
	}
}

func TestNumbers(t *testing.T) {
	for s, want := range map[string]float64{
		"12": 12, " 12abc": 12, "0x1A": 26, ".5e3x": 500, "+3": 3, "1e": 1, "-.5": -0.5, "x": 0,
	} {
		if got := toNum(s); got != want {
			t.Errorf("toNum(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"12": true, " 12 ": true, "12 x": false, "0x10": true, ".": false, "1e+": false} {
		if _, got := looksNumeric(s); got != want {
			t.Errorf("looksNumeric(%q) = %v", s, got)
		}
	}
	for f, want := range map[float64]string{
		2147483647: "2147483647", 2147483648: "2.14748e+09", -2147483647: "-2147483647",
		0.1: "0.1", 1e6: "1000000", 123456789012: "1.23457e+11", 1e-5: "1e-05",
	} {
		if got := numToStr(f, "%.6g"); got != want {
			t.Errorf("numToStr(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestSprintf(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []value
		want   string
	}{
		{"%d|%5.2f|%-4s|%c|%c", []value{num(-2.7), num(3.14159), str("ab"), num(65), str("hi")}, "-2| 3.14|ab  |A|h"},
		{"%d %d %u %x", []value{num(1 << 40), num(-(1 << 40)), num(-1), num(1 << 40)}, "2147483647 -2147483647 0 ffffffff"},
		{"%5.3d|%+d|% d|%05.1f|%#o|%#x|%.0e|%#.0e", []value{num(5), num(3), num(3), num(2.25), num(8), num(255), num(5), num(5)},
			"  005|+3| 3|002.2|010|0xff|5e+00|5.e+00"},
		{"%*d|%-*d|%.*f", []value{num(5), num(1), num(4), num(2), num(2), num(3.14159)}, "    1|2   |3.14"},
		{"%s %s", []value{num(1e6), num(0.1)}, "1000000 0.1"},
		{"%e %g %G", []value{num(1234.5), num(0.0001), num(1e20)}, "1.234500e+03 0.0001 1E+20"},
	} {
		got, err := sprintf(c.format, c.args, "%.6g")
		if err != nil || got != c.want {
			t.Errorf("sprintf(%q) = %q, %v; want %q", c.format, got, err, c.want)
		}
	}
	if _, err := sprintf("%d %s", []value{num(1)}, "%.6g"); err == nil || err.Error() != "not enough arguments passed to" {
		t.Errorf("missing argument: %v", err)
	}
	if _, err := sprintf("%z", []value{num(1)}, "%.6g"); err == nil || err.Error() != "improper conversion(number 1) in" {
		t.Errorf("bad conversion: %v", err)
	}
}

// TestRun runs whole programs; the expected outputs are mawk 1.3.4's.
func TestRun(t *testing.T) {
	for _, c := range []struct {
		args   []string
		stdin  string
		out    string
		status int
	}{
		{[]string{"{ print $2, NF }"}, "a b c\n", "b 3\n", 0},
		{[]string{"-F:", "-v", "x=1\\t2", "{ print $2, x }"}, "a:b\n", "b 1\t2\n", 0},
		{[]string{`BEGIN { print 1 " " -1; print !1 == 2; x = 3; print x !y; print -2^2, 2^3^2 }`}, "", "1-1\n0\n31\n-4 512\n", 0},
		{[]string{`BEGIN { print substr("hello", 0, 2), substr("hello", -1, 3), substr("hello", 1.5, 2.3) }`}, "", "he hell he\n", 0},
		{[]string{`BEGIN { s = "aaa"; n = gsub(/a/, "\\&-&", s); print n, s; s = "abc"; gsub(/x*/, "-", s); print s }`}, "", "3 &-a&-a&-a\n-a-b-c-\n", 0},
		{[]string{`BEGIN { $0 = "a b c"; $5 = "e"; print; print NF; NF = 2; print; $0 = "  x   y  "; $1 = $1; print "[" $0 "]" }`}, "",
			"a b c  e\n5\na b\n[x y]\n", 0},
		{[]string{`BEGIN { RS = "" } { print NR ": " $0 " NF=" NF }`}, "a b\n\n\nc d\ne\n\n", "1: a b NF=2\n2: c d\ne NF=3\n", 0},
		{[]string{`BEGIN { RS = "[0-9]+" } { print NR, $0 }`}, "a1b22c333d", "1 a\n2 b\n3 c\n4 d\n", 0},
		{[]string{"NR==2,NR==3"}, "1\n2\n3\n4\n", "2\n3\n", 0},
		{[]string{"{ print v, $0 }", "v=3", "-"}, "q\n", "3 q\n", 0},
		{[]string{`function f(a, k) { a[k] = 1 } BEGIN { f(arr, "x"); f(arr, "y"); print length(arr), ("x" in arr) }`}, "", "2 1\n", 0},
		{[]string{`function g(x) { x = 5 } BEGIN { g(y); print "[" y "]" }`}, "", "[]\n", 0},
		{[]string{`BEGIN { x = 1; x += x += 2; i = 0; a[i++]++; print x, i, a[0] }`}, "", "6 1 1\n", 0},
		{[]string{`BEGIN { exit 3 } END { print "end" }`}, "", "end\n", 3},
		{[]string{`{ exit 4 } END { print "end"; exit }`}, "a\n", "end\n", 4},
		{[]string{`BEGIN { print 1/0, -1/0, log(-1), 2^31, 1e6 }`}, "", "inf -inf -nan 2.14748e+09 1000000\n", 0},
		{[]string{`BEGIN { print "0x1A" + 0, "nan" + 0, " 12abc" + 0 }`}, "", "26 nan 12\n", 0},
		{[]string{`{ FS = ":"; print $1 }`}, "a:b c\nd:e f\n", "a:b\nd\n", 0},
		{[]string{`BEGIN { printf "%d %s\n", 1 }`}, "", "1 ", 2},
		{[]string{`BEGIN { "echo x; echo y" | getline a; print a; print "z" | "cat"; r = system("exit 3"); print r }`}, "", "x\nz\n3\n", 0},
		{[]string{`BEGIN { print "x" > "f"; close("f"); getline l < "f"; print l, (getline l < "nofile") }`}, "", "x -1\n", 0},
		{[]string{"1", "nosuch"}, "", "", 2},
		{[]string{`function f() { exit 3 } NR == 2 && f() { print } END { print "end", NR }`}, "a\nb\nc\n", "end 2\n", 3},
		{[]string{"BEGIN { printf \"%c|%c\", \"\", 0 }"}, "", "\x00|\x00", 0},
	} {
		out, _, code := runAwk(t, context.Background(), true, c.stdin, c.args...)
		if out != c.out || code != c.status {
			t.Errorf("%q: got %q (%d), want %q (%d)", c.args, out, code, c.out, c.status)
		}
	}
}

func TestRunErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"1", "nosuch"}, "awk: cannot open nosuch (No such file or directory)\n"},
		{[]string{"BEGIN{"}, "awk: line 2: missing } near end of file\n"},
		{[]string{"-v", "x", "1"}, "awk: improper assignment: -v x\n"},
		{[]string{"-x", "1"}, "awk: not an option: -x\n"},
		{[]string{`BEGIN { printf "%z\n", 1 }`}, "awk: run time error: improper conversion(number 1) in printf(\"%z\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n"},
		{[]string{"function f(n) { return f(n+1) } BEGIN { f(1) }"}, "awk: program limit exceeded: eval stack size=1024\n"},
	} {
		_, errs, code := runAwk(t, context.Background(), false, "", c.args...)
		if errs != c.err || code != 2 {
			t.Errorf("%q: got %q (%d), want %q", c.args, errs, code, c.err)
		}
	}
}

// TestCancel: an endless loop ends with the command's context.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, errs, code := runAwk(t, ctx, false, "", "BEGIN { while (1) x++ }")
	if code != 2 || !strings.Contains(errs, "interrupted") {
		t.Errorf("got %q (%d)", errs, code)
	}
}

// FuzzAwk: whatever the program and input, awk neither panics nor hangs
// (every loop and read ends with the context).
func FuzzAwk(f *testing.F) {
	for _, s := range []string{
		"{ print $2, NF }", "BEGIN { x = 1; x += x += 2; print x }", "/a/,/b/ { n++ } END { print n }",
		`BEGIN { RS = "" } { $3 = "x"; print; NF = 1 }`, `{ gsub(/[[:alpha:]]+/, "<&>"); print }`,
		`function f(a, k) { a[k] = k; return length(a) } { print f(arr, $1) }`,
		`BEGIN { printf "%5.2f|%-3d|%c|%*s\n", 3.14159, 42, 65, 4, "x" }`,
		`{ while ((getline line) > 0) n++ } END { print n, substr(line, 2, 3) }`,
		`BEGIN { FS = ","; RS = "[;]+" } { for (i = NF; i > 0; i--) printf "%s ", $i; print "" }`,
		`BEGIN { while (1) s = s "ab" }`, `BEGIN { getline x < "/dev/zero"; print length(x) }`,
		`BEGIN { print split("a b c", arr), match("foobar", /o+/), RSTART, RLENGTH, toupper("q") }`,
	} {
		f.Add(s, "a b c\nd e f\n\n1,2;3\n")
	}
	saved := MaxString
	MaxString = 1 << 20
	defer func() { MaxString = saved }()
	f.Fuzz(func(t *testing.T, prog, input string) {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		done := make(chan string, 1)
		go func() {
			_, errs, _ := runAwk(t, ctx, false, input, prog)
			done <- errs
		}()
		select {
		case errs := <-done:
			if strings.Contains(errs, "internal error") {
				t.Fatalf("program %q: %s", prog, errs)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("program %q hangs", prog)
		}
	})
}
