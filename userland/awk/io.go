// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// recordReader cuts an input into records by RS. It reads in chunks
// and checks for cancellation between them, so that an endless input
// without a separator (/dev/zero) cannot hold the command forever.
type recordReader struct {
	r    io.Reader
	buf  []byte // read but not yet returned
	eof  bool
	stop func() bool
}

func (it *interp) newRecordReader(r io.Reader) *recordReader {
	return &recordReader{r: r, stop: it.c.Cancelled}
}

// errCancelled ends a read when the command's context is done.
var errCancelled = errors.New("interrupted")

// fill reads more input; false at the end.
func (rr *recordReader) fill() (bool, error) {
	if rr.eof {
		return false, nil
	}
	if rr.stop != nil && rr.stop() {
		return false, errCancelled
	}
	if len(rr.buf) > MaxString {
		return false, errors.New("out of memory")
	}
	var chunk [16384]byte
	n, err := rr.r.Read(chunk[:])
	rr.buf = append(rr.buf, chunk[:n]...)
	if errors.Is(err, io.EOF) {
		rr.eof = true
		return n > 0, nil
	}
	if err != nil {
		return false, err
	}
	return true, nil
}

// take returns the first n bytes as a record and drops skip more.
func (rr *recordReader) take(n, skip int) string {
	rec := string(rr.buf[:n])
	rr.buf = rr.buf[n+skip:]
	return rec
}

// rest returns what is left at the end of the input as a last record.
func (rr *recordReader) rest() (string, bool, error) {
	if len(rr.buf) == 0 {
		return "", false, nil
	}
	return rr.take(len(rr.buf), 0), true, nil
}

// read returns the next record for the separator rs; false at the end.
func (rr *recordReader) read(it *interp, rs string) (string, bool, error) {
	switch {
	case rs == "":
		return rr.paragraph()
	case len(rs) == 1:
		return rr.byByte(rs[0])
	}
	return rr.byRegex(it.regexFor(rs))
}

func (rr *recordReader) byByte(sep byte) (string, bool, error) {
	from := 0
	for {
		if i := bytes.IndexByte(rr.buf[from:], sep); i >= 0 {
			return rr.take(from+i, 1), true, nil
		}
		from = len(rr.buf)
		more, err := rr.fill()
		if err != nil {
			return "", false, err
		}
		if !more {
			return rr.rest()
		}
	}
}

// byRegex cuts at the first match of re that more input could not
// make longer.
func (rr *recordReader) byRegex(re *posixre.Regexp) (string, bool, error) {
	for {
		if len(rr.buf) > 0 {
			s := string(rr.buf)
			m := posixre.NewSubject(s).Matches(re.Regexp, 1)
			if len(m) > 0 && m[0][1] > m[0][0] && (m[0][1] < len(s) || rr.eof) {
				return rr.take(m[0][0], m[0][1]-m[0][0]), true, nil
			}
		}
		wasEOF := rr.eof
		more, err := rr.fill()
		if err != nil {
			return "", false, err
		}
		if !more && rr.eof && !wasEOF {
			continue // look again now that nothing can follow
		}
		if !more {
			return rr.rest()
		}
	}
}

// paragraph reads a record of paragraph mode: text up to a blank line,
// the newlines before it skipped.
func (rr *recordReader) paragraph() (string, bool, error) {
	for {
		for len(rr.buf) > 0 && rr.buf[0] == '\n' {
			rr.buf = rr.buf[1:]
		}
		if len(rr.buf) > 0 {
			break
		}
		more, err := rr.fill()
		if err != nil {
			return "", false, err
		}
		if !more {
			return "", false, nil
		}
	}
	from := 0
	for {
		if i := bytes.Index(rr.buf[from:], []byte("\n\n")); i >= 0 {
			end := from + i
			skip := 2
			for end+skip < len(rr.buf) && rr.buf[end+skip] == '\n' {
				skip++
			}
			return rr.take(end, skip), true, nil
		}
		from = max(0, len(rr.buf)-1)
		more, err := rr.fill()
		if err != nil {
			return "", false, err
		}
		if !more {
			rec := strings.TrimRight(string(rr.buf), "\n")
			rr.buf = nil
			return rec, rec != "", nil
		}
	}
}

// mainInput walks ARGV for the files of the main input.
type mainInput struct {
	next    int // index in ARGV of the next operand
	rd      *recordReader
	file    *applet.File
	usedAny bool // a file (or stdin) was opened
	done    bool
}

// nextRecord reads the next record of the main input into s.
func (it *interp) nextRecord() (string, bool) {
	in := it.in
	for !in.done {
		if in.rd == nil && !it.openNext() {
			in.done = true
			break
		}
		rec, ok, err := in.rd.read(it, it.rs)
		if err != nil {
			it.readFailed(err)
		}
		if ok {
			it.nr++
			it.fnr++
			return rec, true
		}
		it.closeMain()
	}
	return "", false
}

// readFailed ends the program on a read error, as mawk does.
func (it *interp) readFailed(err error) {
	if errors.Is(err, errCancelled) {
		panic(&fatalError{"interrupted"})
	}
	panic(&fatalError{"read error (" + applet.ErrText(err) + ")"})
}

func (it *interp) closeMain() {
	if it.in.file != nil {
		it.in.file.Close()
		it.in.file = nil
	}
	it.in.rd = nil
}

// openNext opens the next file operand of ARGV, doing the assignments
// met on the way; standard input when no file was named.
func (it *interp) openNext() bool {
	in := it.in
	argv := it.globals[vARGV].array()
	for {
		argc := int(toNumber(it.globals[vARGC].v))
		if in.next >= argc {
			break
		}
		i := in.next
		in.next++
		v, ok := argv[itoa(i)]
		if !ok {
			continue
		}
		arg := it.toStr(v)
		if arg == "" {
			continue
		}
		if it.commandAssign(arg) {
			continue
		}
		in.usedAny = true
		it.fnr = 0
		it.globals[vFILENAME].v = str(arg)
		if arg == "-" || arg == "/dev/stdin" {
			in.rd = it.newRecordReader(it.c.Stdin)
			return true
		}
		f, err := applet.OpenFile(it.c.Task, arg, linux.O_RDONLY, 0)
		if err != nil {
			panic(&fatalError{"cannot open " + arg + " (" + applet.ErrText(err) + ")"})
		}
		in.file = f
		in.rd = it.newRecordReader(f)
		return true
	}
	if !in.usedAny {
		in.usedAny = true
		it.globals[vFILENAME].v = str("-")
		in.rd = it.newRecordReader(it.c.Stdin)
		return true
	}
	return false
}

// commandAssign does an operand NAME=VALUE; false when arg is none.
func (it *interp) commandAssign(arg string) bool {
	name, val, ok := strings.Cut(arg, "=")
	if !ok || name == "" || isDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	if _, kw := keywords[name]; kw || builtinNames[name] {
		return false
	}
	if _, fn := it.prog.funcs[name]; fn {
		panic(&fatalError{"can't assign to function " + name})
	}
	idx := -1
	for i, g := range it.prog.globals {
		if g == name {
			idx = i
			break
		}
	}
	v := strnum(unescape(val))
	if idx < 0 {
		// A variable the program never names: nothing can see it.
		return true
	}
	if it.globals[idx].arr != nil {
		panic(&fatalError{"can't assign to array " + name})
	}
	it.setVar(&varRef{name: name, idx: idx}, v)
	return true
}

// unescape decodes the escapes of a command-line assignment's value, as
// a string constant's.
func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		d := s[i+1]
		switch {
		case d == '"' || d == '\\':
			b.WriteByte(d)
			i++
		case knownEscape(s[i+1:]):
			v, n := posixre.AwkEscape(s[i+1:])
			b.WriteByte(v)
			i += n
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}

// ---- getline

func (it *interp) getline(e *getlineExpr) value {
	switch e.from {
	case tLT:
		name := it.toStr(it.eval(e.src))
		st := it.inputStream(name, false)
		if st == nil {
			return num(-1)
		}
		rec, ok, err := st.rd.read(it, it.rs)
		if err != nil {
			it.readFailed(err)
		}
		if !ok {
			return num(0)
		}
		it.storeInput(e.lv, rec)
		return num(1)
	case tPipe:
		cmd := it.toStr(it.eval(e.src))
		st := it.inputStream(cmd, true)
		if st == nil {
			return num(-1)
		}
		rec, ok, err := st.rd.read(it, it.rs)
		if err != nil {
			return num(-1)
		}
		if !ok {
			return num(0)
		}
		// mawk counts no record for a command's line.
		it.storeInput(e.lv, rec)
		return num(1)
	}
	rec, ok := it.nextRecord()
	if !ok {
		return num(0)
	}
	it.storeInput(e.lv, rec)
	return num(1)
}

func (it *interp) storeInput(lv expr, rec string) {
	if lv == nil {
		it.setRecord(rec)
		return
	}
	it.store(lv, strnum(rec))
}

// ---- output and the streams

// streamKind tells how a stream was opened.
type streamKind int

const (
	outFile streamKind = iota
	outAppend
	outPipe
	inFile
	inCmd
)

// stream is a file or command awk reads or writes by name.
type stream struct {
	kind streamKind
	w    *bufio.Writer
	file *applet.File
	// buf collects what a command will read; it runs when closed.
	buf *bytes.Buffer
	rd  *recordReader
	// status is the command's exit status once run (for input
	// commands, run when opened).
	status int
	// order counts the streams opened, for closing at exit.
	order int
}

func (it *interp) addStream(name string, st *stream) {
	it.opened++
	st.order = it.opened
	it.streams[name] = st
}

func (it *interp) flushStdout() {
	it.c.Out.Flush()
}

// output returns the writer for a print redirection.
func (it *interp) output(redir tok, name string) io.Writer {
	switch {
	case redir == 0:
		return it.c.Out
	case redir != tPipe && (name == "/dev/stdout" || name == "-"):
		return it.c.Out
	case redir != tPipe && name == "/dev/stderr":
		return it.c.Errw
	}
	if st, ok := it.streams[name]; ok && st.kind <= outPipe {
		if st.buf != nil {
			return st.buf
		}
		return st.w
	}
	if len(it.streams) >= 1000 {
		panic(&fatalError{"too many open files"})
	}
	if redir == tPipe {
		st := &stream{kind: outPipe, buf: &bytes.Buffer{}}
		it.addStream(name, st)
		return st.buf
	}
	flags := uint32(linux.O_WRONLY | linux.O_CREAT | linux.O_TRUNC)
	kind := outFile
	if redir == tAppend {
		flags = linux.O_WRONLY | linux.O_CREAT | linux.O_APPEND
		kind = outAppend
	}
	f, err := applet.OpenFile(it.c.Task, name, flags, 0o666)
	if err != nil {
		panic(&fatalError{"cannot open \"" + name + "\" for output (" + applet.ErrText(err) + ")"})
	}
	st := &stream{kind: kind, file: f, w: bufio.NewWriter(f)}
	it.addStream(name, st)
	return st.w
}

// inputStream returns the stream getline reads a file or a command's
// output from, opening it; nil when it cannot be.
func (it *interp) inputStream(name string, cmd bool) *stream {
	if st, ok := it.streams[name]; ok && st.kind >= inFile {
		return st
	}
	if cmd {
		out, status, ok := it.runCommand(name, nil, true)
		if !ok {
			return nil
		}
		st := &stream{kind: inCmd, rd: it.newRecordReader(bytes.NewReader(out)), status: status}
		it.addStream(name, st)
		return st
	}
	if name == "-" || name == "/dev/stdin" {
		if it.in.rd == nil || it.in.file != nil {
			st := &stream{kind: inFile, rd: it.newRecordReader(it.c.Stdin)}
			it.addStream(name, st)
			return st
		}
		st := &stream{kind: inFile, rd: it.in.rd}
		it.addStream(name, st)
		return st
	}
	f, err := applet.OpenFile(it.c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil
	}
	st := &stream{kind: inFile, file: f, rd: it.newRecordReader(f)}
	it.addStream(name, st)
	return st
}

// runCommand runs cmd with sh -c in a child task. With capture, its
// output is returned; otherwise it writes straight to awk's standard
// output (past what awk has buffered, as a child process would). ok is
// false when no shell can run it.
func (it *interp) runCommand(cmd string, stdin io.Reader, capture bool) ([]byte, int, bool) {
	c := it.c
	if c.Set == nil || !c.Set.Known("sh") {
		return nil, 127, false
	}
	if stdin == nil {
		stdin = c.Stdin
	}
	var buf bytes.Buffer
	child := *c
	if capture {
		child.Stdout = &buf
	}
	child.Out = bufio.NewWriter(child.Stdout)
	t := c.Task.Clone(0)
	defer t.Exit()
	status := child.RunProgram(t, "sh", []string{"sh", "-c", cmd}, c.Env, stdin)
	child.Out.Flush()
	return buf.Bytes(), status, true
}

// system runs a command after flushing awk's output.
func (it *interp) system(cmd string) int {
	it.flushAll()
	c := it.c
	if c.Set == nil || !c.Set.Known("sh") {
		return 127
	}
	t := c.Task.Clone(0)
	defer t.Exit()
	return c.RunProgram(t, "sh", []string{"sh", "-c", cmd}, c.Env, c.Stdin)
}

// closeStream is close(): the status of a command, 0 for a file, -1
// when nothing of that name is open.
func (it *interp) closeStream(name string) int {
	st, ok := it.streams[name]
	if !ok {
		return -1
	}
	delete(it.streams, name)
	return it.finish(name, st)
}

func (it *interp) finish(name string, st *stream) int {
	switch st.kind {
	case outPipe:
		_, status, ok := it.runCommand(name, bytes.NewReader(st.buf.Bytes()), false)
		if !ok {
			return 127
		}
		return status
	case inCmd:
		return st.status
	}
	status := 0
	if st.w != nil {
		if err := st.w.Flush(); err != nil {
			status = -1
		}
	}
	if st.file != nil {
		st.file.Close()
	}
	return status
}

func (it *interp) flushStream(name string) int {
	if name == "/dev/stdout" || name == "-" {
		it.flushStdout()
		return 0
	}
	st, ok := it.streams[name]
	if !ok {
		return -1
	}
	if st.w != nil {
		st.w.Flush()
	}
	return 0
}

// flushAll flushes standard output and every output file.
func (it *interp) flushAll() {
	it.flushStdout()
	for _, st := range it.streams {
		if st.w != nil {
			st.w.Flush()
		}
	}
}

// closeAll ends every stream at exit: files flushed and closed, output
// commands run; the last opened first, as mawk does.
func (it *interp) closeAll() {
	names := make([]string, 0, len(it.streams))
	for n := range it.streams {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return it.streams[names[i]].order > it.streams[names[j]].order })
	for _, n := range names {
		st := it.streams[n]
		delete(it.streams, n)
		it.finish(n, st)
	}
}

// ---- print

func (it *interp) print(s *printStmt) {
	var text string
	if s.printf {
		vals := make([]value, len(s.args)-1)
		format := it.toStr(it.eval(s.args[0]))
		for i := range vals {
			vals[i] = it.eval(s.args[i+1])
		}
		out, err := sprintf(format, vals, it.convfmt)
		if err != nil {
			w := it.destination(s)
			io.WriteString(w, out)
			it.fail("%s printf(\"%s\")", err, format)
		}
		text = out
	} else {
		var b strings.Builder
		if len(s.args) == 0 {
			b.WriteString(it.record)
		}
		for i, a := range s.args {
			if i > 0 {
				b.WriteString(it.ofs)
			}
			b.WriteString(it.toOutStr(it.eval(a)))
		}
		b.WriteString(it.ors)
		text = b.String()
	}
	w := it.destination(s)
	if _, err := io.WriteString(w, text); err != nil {
		if applet.BrokenPipe(err) {
			// The process would have died of SIGPIPE, silently.
			panic(brokenPipe{})
		}
		panic(&fatalError{"write failure (" + applet.ErrText(err) + ")"})
	}
}

func (it *interp) destination(s *printStmt) io.Writer {
	if s.redir == 0 {
		return it.c.Out
	}
	return it.output(s.redir, it.toStr(it.eval(s.dest)))
}

// brokenPipe ends awk as SIGPIPE would: status 141, no message.
type brokenPipe struct{}
