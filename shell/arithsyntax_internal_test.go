// SPDX-License-Identifier: Apache-2.0

package shell

import "testing"

// TestArithFault: the reports of bash 5.2 and dash 0.5.12 for
// expressions they cannot read (as each prints them after "NAME: LINE:
// "); "" where the shell reads the expression.
func TestArithFault(t *testing.T) {
	for _, tc := range []struct{ expr, bash, dash string }{
		{"1+", `1+: syntax error: operand expected (error token is "+")`, `arithmetic expression: expecting primary: "1+"`},
		{"2 3", `2 3: syntax error in expression (error token is "3")`, `arithmetic expression: expecting EOF: "2 3"`},
		{"1 2 +", `1 2 +: syntax error in expression (error token is "2 +")`, `arithmetic expression: expecting EOF: "1 2 +"`},
		{"1 +* 2", `1 +* 2: syntax error: operand expected (error token is "* 2")`, `arithmetic expression: expecting primary: "1 +* 2"`},
		{" ", "", `arithmetic expression: expecting primary: " "`},
		{"1 ? 2", "1 ? 2: `:' expected for conditional expression (error token is \"2\")", `arithmetic expression: expecting ':': "1 ? 2"`},
		{"1 ? 2 :", `1 ? 2 :: expression expected (error token is ":")`, `arithmetic expression: expecting primary: "1 ? 2 :"`},
		{"1 ? : 2", `1 ? : 2: expression expected (error token is ": 2")`, `arithmetic expression: expecting primary: "1 ? : 2"`},
		{"1=2", `1=2: attempted assignment to non-variable (error token is "=2")`, `arithmetic expression: expecting EOF: "1=2"`},
		{"3 += 1", `3 += 1: attempted assignment to non-variable (error token is "+= 1")`, `arithmetic expression: expecting EOF: "3 += 1"`},
		{"x = ", `x = : syntax error: operand expected (error token is "= ")`, `arithmetic expression: expecting primary: "x = "`},
		{"0x", "", `arithmetic expression: expecting EOF: "0x"`},
		{"++", `++: syntax error: operand expected (error token is "+")`, `arithmetic expression: expecting primary: "++"`},
		{"1++", `1++: syntax error: operand expected (error token is "+")`, `arithmetic expression: expecting primary: "1++"`},
		{"x++ +", `x++ +: syntax error: operand expected (error token is "+")`, `arithmetic expression: expecting primary: "x++ +"`},
		{"1,", `1,: syntax error: operand expected (error token is ",")`, `arithmetic expression: expecting EOF: "1,"`},
		{"1 @ 2", `1 @ 2: syntax error: invalid arithmetic operator (error token is "@ 2")`, `arithmetic expression: expecting EOF: "1 @ 2"`},
		{"()", `(): syntax error: operand expected (error token is ")")`, `arithmetic expression: expecting primary: "()"`},
		{"x[1", `x[1: bad array subscript (error token is "x[1")`, `arithmetic expression: expecting EOF: "x[1"`},
		{" 1 + ", `1 + : syntax error: operand expected (error token is "+ ")`, `arithmetic expression: expecting primary: " 1 + "`},
		{"x++ + ++y, (1 ? 2 : 3) ** 2", "", `arithmetic expression: expecting EOF: "x++ + ++y, (1 ? 2 : 3) ** 2"`},
		{"a = b += 0x1f << 2 >= 3 || !~-+1", "", ""},
	} {
		for _, side := range []struct {
			dash bool
			want string
		}{{false, tc.bash}, {true, tc.dash}} {
			got := ""
			if f := arithFaultOf(tc.expr, side.dash); f != nil {
				got = arithFaultText(tc.expr, f, side.dash)
			}
			if got != side.want {
				t.Errorf("%q (dash %v): %q, want %q", tc.expr, side.dash, got, side.want)
			}
		}
	}
}

// TestPutOffArith: the expansions and (bash's) commands the parser
// cannot read become commands that evaluate them at run time; dash
// reads "((" as two subshells; other syntax errors stay.
func TestPutOffArith(t *testing.T) {
	for _, tc := range []struct {
		src   string
		dash  bool
		fixed string
		fails bool
	}{
		{"echo $((1+)) $((2))\n", false, "echo $(" + lateArithCmd + ` 1 "1+") $((2))` + "\n", false},
		{"x=\"$(( (1) 2 ))\"; y=$((3 +))", false,
			"x=\"$(" + lateArithCmd + ` 1 " (1) 2 ")"; y=$(` + lateArithCmd + ` 2 "3 +")`, false},
		{"if (( 1 ?2 )); then :; fi\n", false, "if " + lateArithCmdCmd + ` 1 " 1 ?2 "; then :; fi` + "\n", false},
		{"true && ((2 3))\n", true, "true && ( (2 3) )\n", false},
		{"echo $((\"1\"+))\n", false, "", true},
		{"echo $((1 +)\n", false, "", true},
		{"if then\n", false, "", true},
	} {
		s := &shell{name: "sh"}
		if tc.dash {
			s.dialect = Dash
		}
		_, fixed, _, err := s.parseProgram(tc.src)
		if (err != nil) != tc.fails || !tc.fails && fixed != tc.fixed {
			t.Errorf("%q: %q, %v; want %q (fails %v)", tc.src, fixed, err, tc.fixed, tc.fails)
		}
	}
}

// TestPutOffSubst: a parameter expansion the parser cannot read becomes
// a command reporting it at run time, with its text kept for bash's
// report; one with quotes, or dash's ${x:}, stays a syntax error.
func TestPutOffSubst(t *testing.T) {
	for _, tc := range []struct {
		src, fixed, subst string
		dash              bool
	}{
		{"echo a\necho \"${x!}\" b\n", "echo a\necho \"$(" + badSubstCmd + " 1)\" b\n", "${x!}", false},
		{"echo ${x:-${%}}\n", "echo ${x:-$(" + badSubstCmd + " 1)}\n", "${%}", false},
		{"echo ${x:}\n", "echo $(" + badSubstCmd + " 1)\n", "${x:}", false},
		{"echo ${x:}\n", "", "", true},
		{"echo ${x y\"}\"}\n", "", "", false},
	} {
		s := &shell{name: "sh"}
		if tc.dash {
			s.dialect = Dash
		}
		_, fixed, _, err := s.parseProgram(tc.src)
		if tc.fixed == "" {
			if err == nil {
				t.Errorf("%q: parsed as %q", tc.src, fixed)
			}
			continue
		}
		if err != nil || fixed != tc.fixed || len(s.lateSites) != 1 || s.lateSites[0].subst != tc.subst {
			t.Errorf("%q: %q, %v, sites %+v; want %q with %q", tc.src, fixed, err, s.lateSites, tc.fixed, tc.subst)
		}
	}
}
