// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// array is an awk associative array.
type array map[string]value

// cell is a variable: a scalar value or an array. A local that was
// passed an untyped variable links to it, so that making it an array
// makes the caller's one too.
type cell struct {
	v    value
	arr  array
	link *cell
}

// array returns the cell's array, making it if it has none yet.
func (c *cell) array() array {
	if c.arr == nil {
		if c.link != nil {
			c.arr = c.link.array()
		} else {
			c.arr = array{}
		}
	}
	return c.arr
}

// ctl is how a statement ended.
type ctl int

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
	ctlNext
	ctlNextFile
	ctlExit
	ctlReturn
)

// runtimeError ends the program with mawk's "run time error" report.
type runtimeError struct{ msg string }

// fatalError ends the program with a plain "awk: MSG" and status 2.
type fatalError struct{ msg string }

// maxCallDepth bounds recursion, as mawk's evaluation stack does.
const maxCallDepth = 1024

// MaxString bounds the strings a program builds; past it the program
// fails as one out of memory would.
var MaxString = 1 << 30

// maxFields bounds $n and NF (mawk has no bound but memory).
func maxFields() int { return MaxString / 64 }

// interp runs a program.
type interp struct {
	c       *applet.Cmd
	prog    *program
	globals []cell
	frame   []cell
	depth   int
	retval  value

	record    string
	fields    []value
	nf        int
	splitDone bool

	fs, ofs, ors, rs, subsep, convfmt, ofmt string
	nr, fnr                                 float64

	in      *mainInput
	streams map[string]*stream
	opened  int // streams opened so far
	reCache map[string]*posixre.Regexp

	rnd      *randomGen
	seed     value
	exitCode int
	ticks    int
	// inEnd says END actions run: exit there ends at once.
	inEnd bool
	// line is the program line of the last match or regex-taking
	// builtin, for the message of a dynamic regex that cannot compile.
	line int
}

func newInterp(c *applet.Cmd, prog *program) *interp {
	it := &interp{c: c, prog: prog, globals: make([]cell, len(prog.globals)),
		streams: map[string]*stream{}, reCache: map[string]*posixre.Regexp{},
		fs: " ", ofs: " ", ors: "\n", rs: "\n", subsep: "\x1c", convfmt: "%.6g", ofmt: "%.6g",
		splitDone: true}
	it.globals[vFS].v = str(" ")
	it.globals[vOFS].v = str(" ")
	it.globals[vORS].v = str("\n")
	it.globals[vRS].v = str("\n")
	it.globals[vSUBSEP].v = str("\x1c")
	it.globals[vCONVFMT].v = str("%.6g")
	it.globals[vOFMT].v = str("%.6g")
	it.globals[vRLENGTH].v = num(-1)
	it.globals[vRSTART].v = num(0)
	env := it.globals[vENVIRON].array()
	for _, kv := range c.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			if _, dup := env[k]; !dup {
				env[k] = strnum(v)
			}
		}
	}
	// mawk's first seed changes from run to run too.
	it.seed = num(float64(time.Now().Unix()))
	it.rnd = newRandomGen(uint32(time.Now().UnixNano()))
	return it
}

// tick is called in loops and per record: a cancelled command stops.
func (it *interp) tick() {
	it.ticks++
	if it.ticks&0x3ff == 0 && it.c.Cancelled() {
		panic(&fatalError{"interrupted"})
	}
}

func (it *interp) fail(format string, a ...any) {
	panic(&runtimeError{fmt.Sprintf(format, a...)})
}

// ---- conversions

func (it *interp) toStr(v value) string {
	switch v.k {
	case kNum:
		return numToStr(v.n, it.convfmt)
	case kUninit:
		return ""
	}
	return v.s
}

// toOutStr is a value as print writes it: numbers through OFMT.
func (it *interp) toOutStr(v value) string {
	if v.k == kNum {
		return numToStr(v.n, it.ofmt)
	}
	return it.toStr(v)
}

func toNumber(v value) float64 {
	switch v.k {
	case kNum, kStrNum:
		return v.n
	case kStr:
		return toNum(v.s)
	}
	return 0
}

func truth(v value) bool {
	switch v.k {
	case kNum, kStrNum:
		return v.n != 0
	case kStr:
		return v.s != ""
	}
	return false
}

// compare orders two values: as numbers when both are numeric (numbers,
// numeric input, uninitialized), else as strings.
func (it *interp) compare(op tok, a, b value) bool {
	var order int
	if a.k != kStr && b.k != kStr {
		// A three-way comparison, as mawk makes it: a NaN is equal to
		// everything.
		x, y := toNumber(a), toNumber(b)
		switch {
		case x < y:
			order = -1
		case x > y:
			order = 1
		}
	} else {
		order = strings.Compare(it.toStr(a), it.toStr(b))
	}
	switch op {
	case tLT:
		return order < 0
	case tLE:
		return order <= 0
	case tGT:
		return order > 0
	case tGE:
		return order >= 0
	case tEQ:
		return order == 0
	}
	return order != 0
}

// ---- variables

func (it *interp) cellOf(v *varRef) *cell {
	if v.local {
		return &it.frame[v.idx]
	}
	return &it.globals[v.idx]
}

func (it *interp) getVar(v *varRef) value {
	c := it.cellOf(v)
	if c.arr != nil {
		it.fail("can't use array %s in scalar context", v.name)
	}
	if !v.local {
		switch v.idx {
		case vNF:
			it.split()
			return num(float64(it.nf))
		case vNR:
			return num(it.nr)
		case vFNR:
			return num(it.fnr)
		}
	}
	return c.v
}

func (it *interp) setVar(v *varRef, val value) {
	c := it.cellOf(v)
	if c.arr != nil {
		it.fail("can't assign to array %s", v.name)
	}
	if !v.local && v.idx < nSpecial {
		it.setSpecial(v.idx, val)
		return
	}
	c.v = val
}

// setSpecial assigns a special variable and keeps its Go copy.
func (it *interp) setSpecial(idx int, val value) {
	switch idx {
	case vNF:
		it.setNF(int(toNumber(val)))
		return
	case vNR:
		it.nr = toNumber(val)
		return
	case vFNR:
		it.fnr = toNumber(val)
		return
	case vENVIRON, vARGV:
		it.fail("can't assign to array %s", specialNames[idx])
	}
	if idx == vFS {
		// The current record keeps the fields of the FS it was read with.
		it.split()
	}
	it.globals[idx].v = val
	s := it.toStr(val)
	switch idx {
	case vFS:
		it.fs = s
	case vOFS:
		it.ofs = s
	case vORS:
		it.ors = s
	case vRS:
		it.rs = s
	case vSUBSEP:
		it.subsep = s
	case vCONVFMT:
		it.convfmt = s
	case vOFMT:
		it.ofmt = s
	}
}

func (it *interp) arrayOf(v *varRef) array {
	c := it.cellOf(v)
	if c.arr == nil && c.v.k != kUninit {
		it.fail("can't use scalar %s as array", v.name)
	}
	return c.array()
}

// subscript joins the index expressions with SUBSEP.
func (it *interp) subscript(index []expr) string {
	if len(index) == 1 {
		return it.toStr(it.eval(index[0]))
	}
	parts := make([]string, len(index))
	for i, e := range index {
		parts[i] = it.toStr(it.eval(e))
	}
	return strings.Join(parts, it.subsep)
}

// ---- records and fields

// setRecord makes s the current record; fields are split when needed.
func (it *interp) setRecord(s string) {
	it.record = s
	it.splitDone = false
}

// split divides the record into fields with FS, once.
func (it *interp) split() {
	if it.splitDone {
		return
	}
	it.splitDone = true
	parts := it.splitWith(it.record, it.fs, nil)
	it.fields = it.fields[:0]
	for _, p := range parts {
		it.fields = append(it.fields, strnum(p))
	}
	it.nf = len(it.fields)
}

// splitWith divides s by a separator: " " for blanks, one character
// literally, else a regular expression (re, when the caller has it
// compiled). In paragraph mode mawk splits by FS alone: only the
// default FS takes newlines as separators.
func (it *interp) splitWith(s, sep string, re *posixre.Regexp) []string {
	if s == "" {
		return nil
	}
	if re == nil {
		switch {
		case sep == " ":
			return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' })
		case sep == "":
			out := make([]string, len(s))
			for i := range s {
				out[i] = s[i : i+1]
			}
			return out
		case len(sep) == 1 && sep != "\\":
			return strings.Split(s, sep)
		}
		src := sep
		if len(sep) == 1 {
			src = "[" + sep + "]"
			if sep == "\\" {
				src = `\\`
			}
		}
		re = it.regexFor(src)
	}
	sub := posixre.NewSubject(s)
	var out []string
	start := 0
	for _, m := range sub.Matches(re.Regexp, -1) {
		if m[1] == m[0] {
			continue // an empty match separates nothing
		}
		out = append(out, s[start:m[0]])
		start = m[1]
	}
	return append(out, s[start:])
}

func (it *interp) getField(i int) value {
	if i < 0 {
		it.fail("negative field index $%d", i)
	}
	if i == 0 {
		return strnum(it.record)
	}
	it.split()
	if i > it.nf {
		// mawk's missing fields are empty strings, not uninitialized:
		// they compare as strings ($3 < 0 holds).
		return str("")
	}
	return it.fields[i-1]
}

func (it *interp) setField(i int, v value) {
	switch {
	case i < 0:
		it.fail("negative field index $%d", i)
	case i == 0:
		it.setRecord(it.toStr(v))
		return
	case i > maxFields():
		panic(&fatalError{"program limit exceeded: maximum number of fields"})
	}
	it.split()
	for it.nf < i {
		it.fields = append(it.fields, str(""))
		it.nf++
	}
	if v.k == kNum {
		// A field holds text: a number is converted when assigned.
		v = strnum(it.toStr(v))
	}
	it.fields[i-1] = v
	it.rebuild()
}

func (it *interp) setNF(n int) {
	switch {
	case n < 0:
		it.fail("negative value assigned to NF")
	case n > maxFields():
		panic(&fatalError{"program limit exceeded: maximum number of fields"})
	}
	it.split()
	for it.nf < n {
		it.fields = append(it.fields, str(""))
		it.nf++
	}
	it.fields = it.fields[:n]
	it.nf = n
	it.rebuild()
}

// rebuild joins the fields with OFS into the record.
func (it *interp) rebuild() {
	var b strings.Builder
	for i, f := range it.fields[:it.nf] {
		if i > 0 {
			b.WriteString(it.ofs)
		}
		b.WriteString(it.toStr(f))
		if b.Len() > MaxString {
			panic(&fatalError{"out of memory"})
		}
	}
	it.record = b.String()
	it.splitDone = true
}

// ---- regular expressions

// regexFor compiles a dynamic regular expression, cached.
func (it *interp) regexFor(src string) *posixre.Regexp {
	if re, ok := it.reCache[src]; ok {
		return re
	}
	re, err := compileERE(src)
	if err != nil {
		panic(&fatalError{fmt.Sprintf("line %d: regular expression compile failed (%s)\n%s", it.line, reErrorText(err), src)})
	}
	if len(it.reCache) > 500 {
		clear(it.reCache)
	}
	it.reCache[src] = re
	return re
}

// regexOf is the expression an operand stands for: a /re/ as itself,
// any other value's string as a dynamic one.
func (it *interp) regexOf(e expr) *posixre.Regexp {
	if r, ok := e.(*regexLit); ok {
		return r.re
	}
	return it.regexFor(it.toStr(it.eval(e)))
}

func matches(re *posixre.Regexp, s string) bool {
	return re.MatchString(posixre.Latin1(s))
}

// ---- statements

func (it *interp) execBlock(body []stmt) ctl {
	for _, s := range body {
		if c := it.exec(s); c != ctlNone {
			return c
		}
	}
	return ctlNone
}

func (it *interp) exec(s stmt) ctl {
	switch s := s.(type) {
	case *exprStmt:
		it.eval(s.e)
	case *printStmt:
		it.print(s)
	case *blockStmt:
		return it.execBlock(s.body)
	case *ifStmt:
		if truth(it.eval(s.cond)) {
			return it.execBlock(s.then)
		}
		return it.execBlock(s.els)
	case *whileStmt:
		for truth(it.eval(s.cond)) {
			it.tick()
			switch c := it.execBlock(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
		}
	case *doStmt:
		for {
			it.tick()
			switch c := it.execBlock(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
			if !truth(it.eval(s.cond)) {
				break
			}
		}
	case *forStmt:
		if s.init != nil {
			it.exec(s.init)
		}
		for s.cond == nil || truth(it.eval(s.cond)) {
			it.tick()
			switch c := it.execBlock(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
			if s.post != nil {
				it.exec(s.post)
			}
		}
	case *forInStmt:
		arr := it.arrayOf(s.arr)
		keys := make([]string, 0, len(arr))
		for k := range arr {
			keys = append(keys, k)
		}
		sortKeys(keys)
		for _, k := range keys {
			it.tick()
			if _, ok := arr[k]; !ok {
				continue // deleted meanwhile
			}
			it.setVar(s.v, strnum(k))
			switch c := it.execBlock(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
		}
	case *nextStmt:
		return ctlNext
	case *nextfileStmt:
		return ctlNextFile
	case *exitStmt:
		if s.e != nil {
			it.exitCode = int(int32(toNumber(it.eval(s.e)))) & 0xff
		}
		return ctlExit
	case *returnStmt:
		it.retval = value{}
		if s.e != nil {
			it.retval = it.eval(s.e)
		}
		return ctlReturn
	case *breakStmt:
		return ctlBreak
	case *continueStmt:
		return ctlContinue
	case *deleteStmt:
		arr := it.arrayOf(s.arr)
		if s.index == nil {
			clear(arr)
		} else {
			delete(arr, it.subscript(s.index))
		}
	}
	return ctlNone
}

// sortKeys orders for-in's keys: mawk's order is its hash table's; ours
// is numbers first in numeric order, then strings, which is what small
// integer-indexed arrays show in mawk too.
func sortKeys(keys []string) {
	sort.SliceStable(keys, func(i, j int) bool {
		a, aok := intKey(keys[i])
		b, bok := intKey(keys[j])
		switch {
		case aok && bok:
			return a < b
		case aok != bok:
			return aok
		}
		return keys[i] < keys[j]
	})
}

func intKey(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// ---- expressions

func (it *interp) eval(e expr) value {
	switch e := e.(type) {
	case *numLit:
		return num(e.v)
	case *strLit:
		return str(e.s)
	case *regexLit:
		return boolean(matches(e.re, it.record))
	case *groupExpr:
		return it.eval(e.e)
	case *varRef:
		return it.getVar(e)
	case *indexExpr:
		arr := it.arrayOf(e.arr)
		k := it.subscript(e.index)
		v, ok := arr[k]
		if !ok {
			arr[k] = value{}
		}
		return v
	case *fieldExpr:
		return it.getField(it.fieldIndex(e.index))
	case *assignExpr:
		return it.assign(e)
	case *condExpr:
		if truth(it.eval(e.cond)) {
			return it.eval(e.yes)
		}
		return it.eval(e.no)
	case *binaryExpr:
		return it.binary(e)
	case *matchExpr:
		it.line = e.line
		s := it.toStr(it.eval(e.l))
		re := it.regexOf(e.r)
		return boolean(matches(re, s) != e.neg)
	case *unaryExpr:
		v := it.eval(e.e)
		switch e.op {
		case tNot:
			return boolean(!truth(v))
		case tSub:
			return num(-toNumber(v))
		}
		return num(toNumber(v))
	case *incrExpr:
		r := it.ref(e.lv)
		old := toNumber(it.load(r))
		n := old + 1
		if e.op == tDecr {
			n = old - 1
		}
		it.put(r, num(n))
		if e.pre {
			return num(n)
		}
		return num(old)
	case *inExpr:
		arr := it.arrayOf(e.arr)
		_, ok := arr[it.subscript(e.index)]
		return boolean(ok)
	case *callExpr:
		return it.call(e)
	case *builtinExpr:
		return it.builtin(e)
	case *getlineExpr:
		return it.getline(e)
	}
	it.fail("internal error: unknown expression %T", e)
	return value{}
}

func (it *interp) fieldIndex(e expr) int {
	f := toNumber(it.eval(e))
	if f < 0 && f > -1 {
		f = 0
	}
	if f >= math.MaxInt32 || f <= math.MinInt32 || math.IsNaN(f) {
		panic(&fatalError{"program limit exceeded: maximum number of fields"})
	}
	return int(f)
}

// lref is an lvalue resolved once: its subscript or field number is
// evaluated a single time however often it is read and written.
type lref struct {
	v     *varRef
	arr   array
	key   string
	field int // -1 when not a field
}

func (it *interp) ref(lv expr) lref {
	switch lv := lv.(type) {
	case *varRef:
		return lref{v: lv, field: -1}
	case *indexExpr:
		arr := it.arrayOf(lv.arr)
		return lref{arr: arr, key: it.subscript(lv.index), field: -1}
	case *fieldExpr:
		return lref{field: it.fieldIndex(lv.index)}
	case *groupExpr:
		// sub and gsub on an expression: nothing is stored.
		return lref{field: -2}
	}
	it.fail("internal error: not an lvalue")
	return lref{}
}

func (it *interp) load(r lref) value {
	switch {
	case r.v != nil:
		return it.getVar(r.v)
	case r.arr != nil:
		v, ok := r.arr[r.key]
		if !ok {
			r.arr[r.key] = value{}
		}
		return v
	case r.field >= 0:
		return it.getField(r.field)
	}
	return value{}
}

func (it *interp) put(r lref, v value) {
	switch {
	case r.v != nil:
		it.setVar(r.v, v)
	case r.arr != nil:
		r.arr[r.key] = v
	case r.field >= 0:
		it.setField(r.field, v)
	}
}

// store assigns an lvalue.
func (it *interp) store(lv expr, v value) {
	it.put(it.ref(lv), v)
}

func (it *interp) assign(e *assignExpr) value {
	if e.op == tAssign {
		v := it.eval(e.rhs)
		if v.k == kUninit {
			v = value{}
		}
		// The lvalue's subscript is evaluated after the value.
		it.store(e.lhs, v)
		return v
	}
	// mawk evaluates the right side first: "x += x += 2" is 6.
	r := toNumber(it.eval(e.rhs))
	ref := it.ref(e.lhs)
	old := toNumber(it.load(ref))
	var n float64
	switch e.op {
	case tAddAssign:
		n = old + r
	case tSubAssign:
		n = old - r
	case tMulAssign:
		n = old * r
	case tDivAssign:
		n = divide(old, r)
	case tModAssign:
		n = modulo(old, r)
	case tPowAssign:
		n = power(old, r)
	}
	it.put(ref, num(n))
	return num(n)
}

// divide is x86's division: by zero gives ±inf, 0/0 a negative NaN.
func divide(a, b float64) float64 {
	if b == 0 {
		switch {
		case math.IsNaN(a):
			return a
		case a == 0:
			return negNaN
		case (a > 0) != math.Signbit(b):
			return math.Inf(1)
		}
		return math.Inf(-1)
	}
	return a / b
}

func modulo(a, b float64) float64 { return nanOf(a, b, math.Mod(a, b)) }

func power(a, b float64) float64 {
	if n := int(b); float64(n) == b && n >= -256 && n <= 256 && a != 0 && !math.IsInf(a, 0) && !math.IsNaN(a) {
		return intPower(a, n)
	}
	return nanOf(a, b, math.Pow(a, b))
}

// intPower is a to an integer power rounded once, as glibc's pow gives
// it (within half an ulp); Go's math.Pow may be an ulp off.
func intPower(a float64, n int) float64 {
	neg := n < 0
	if neg {
		n = -n
	}
	prec := uint(53*n + 64)
	x := new(big.Float).SetPrec(prec).SetFloat64(a)
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r.Mul(r, x)
		}
		x.Mul(x, x)
	}
	if neg {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	// A result right between two doubles (10^23) goes up, as glibc's.
	r.SetMode(big.ToNearestAway).SetPrec(53)
	f, _ := r.Float64()
	return f
}

// nanOf is the NaN glibc gives for a result r of a and b: a NaN operand
// as it is, else the negative NaN x86 makes.
func nanOf(a, b, r float64) float64 {
	switch {
	case !math.IsNaN(r):
		return r
	case math.IsNaN(a):
		return a
	case math.IsNaN(b):
		return b
	}
	return negNaN
}

func (it *interp) binary(e *binaryExpr) value {
	switch e.op {
	case tAnd:
		return boolean(truth(it.eval(e.l)) && truth(it.eval(e.r)))
	case tOr:
		return boolean(truth(it.eval(e.l)) || truth(it.eval(e.r)))
	case tConcat:
		l := it.toStr(it.eval(e.l))
		r := it.toStr(it.eval(e.r))
		if len(l)+len(r) > MaxString {
			panic(&fatalError{"out of memory"})
		}
		return str(l + r)
	case tLT, tLE, tGT, tGE, tEQ, tNE:
		l := it.eval(e.l)
		r := it.eval(e.r)
		return boolean(it.compare(e.op, l, r))
	}
	l := toNumber(it.eval(e.l))
	r := toNumber(it.eval(e.r))
	switch e.op {
	case tAdd:
		return num(l + r)
	case tSub:
		return num(l - r)
	case tMul:
		return num(l * r)
	case tDiv:
		return num(divide(l, r))
	case tMod:
		return num(modulo(l, r))
	case tPow:
		return num(power(l, r))
	}
	it.fail("internal error: operator %d", e.op)
	return value{}
}

// call runs a user function. Arrays pass by reference; a variable not
// yet used passes linked, in case the function makes it an array.
func (it *interp) call(e *callExpr) value {
	f := e.fn
	if len(e.args) > len(f.params) {
		it.fail("too many arguments in call to %s", f.name)
	}
	if it.depth >= maxCallDepth {
		panic(&fatalError{"program limit exceeded: eval stack size=1024"})
	}
	frame := make([]cell, len(f.params))
	for i, a := range e.args {
		if v, ok := a.(*varRef); ok {
			c := it.cellOf(v)
			switch {
			case c.arr != nil:
				frame[i].arr = c.arr
				continue
			case c.v.k == kUninit && (v.local || v.idx >= nSpecial):
				frame[i].link = c
				continue
			}
		}
		frame[i].v = it.eval(a)
	}
	saved := it.frame
	it.frame = frame
	it.depth++
	it.retval = value{}
	c := it.execBlock(f.body)
	it.depth--
	it.frame = saved
	ret := it.retval
	it.retval = value{}
	switch c {
	case ctlExit:
		panic(exitSignal{})
	case ctlNext:
		panic(nextSignal{})
	}
	return ret
}

// exitSignal carries exit out of a function call to the rule running.
type exitSignal struct{}

// nextSignal carries next out of a function call.
type nextSignal struct{}
