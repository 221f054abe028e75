// SPDX-License-Identifier: Apache-2.0

package sed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// machine runs a compiled program over the input.
type machine struct {
	c        *applet.Cmd
	prog     []*command
	quiet    bool
	lineWrap int
	delim    byte
	unbuf    bool

	ps, hs   buffer
	lineNo   int
	in       *input
	out      *output // where p, =, a, i ... go: stdout or the -i file
	stdout   *output
	files    map[string]*output       // w files by name
	readers  map[string]*bufio.Reader // R files by name
	appendQ  []queued                 // a, r, R output of this cycle
	replaced bool                     // for t and T
	lastRe   *posixre.Regexp
	status   int
	quit     bool
	exitCode int
}

// queued is text for the end of the cycle: a's text, or a file to copy
// (r), or a line already read (R).
type queued struct {
	text  string
	file  string
	isRaw bool
}

// what a run of the program ends with
type ending int

const (
	endCycle   ending = iota // autoprint, then the next line
	endDelete                // no autoprint
	endRestart               // D: no autoprint, no new line
	endQuit                  // q: autoprint, then stop
	endQuitNow               // Q: stop
)

// openWriteFiles opens (truncating) every w file, as sed does before
// reading input.
func (m *machine) openWriteFiles() error {
	for _, cmd := range m.prog {
		name := cmd.fname
		if cmd.subst != nil {
			name = cmd.subst.wfile
		}
		if (cmd.name == 'w' || cmd.name == 'W' || cmd.name == 's') && name != "" {
			if _, err := m.writer(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// writer returns the output for a w file name.
func (m *machine) writer(name string) (*output, error) {
	if o := m.files[name]; o != nil {
		return o, nil
	}
	var o *output
	switch name {
	case "/dev/stdout":
		o = m.stdout
	case "/dev/stderr":
		o = &output{w: bufio.NewWriterSize(m.c.Errw, 1)}
	default:
		f, err := applet.OpenFile(m.c.Task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o666)
		if err != nil {
			return nil, &fatalError{fmt.Sprintf("couldn't open file %s: %s", name, applet.ErrText(err))}
		}
		o = &output{w: bufio.NewWriter(f), closer: f}
	}
	m.files[name] = o
	return o, nil
}

// closeFiles flushes and closes the w files.
func (m *machine) closeFiles() {
	for _, o := range m.files {
		o.w.Flush()
		if o.closer != nil {
			o.closer.Close()
		}
	}
}

// runStream processes the lines of in until it ends or the program
// quits. Line numbers count from where the stream starts.
func (m *machine) runStream(in *input) error {
	m.in = in
	for !m.quit {
		b, err := in.read()
		if err != nil {
			return err
		}
		if b == nil {
			return nil
		}
		m.lineNo++
		m.ps = *b
		m.replaced = false
		for {
			end, err := m.execute()
			if err != nil {
				return err
			}
			if end == endQuitNow {
				m.quit = true
				return nil
			}
			if end == endCycle || end == endQuit {
				m.autoprint()
			}
			if err := m.flushAppends(); err != nil {
				return err
			}
			if m.stdout.failed != nil {
				m.c.ClearOut()
				return m.stdout.failed
			}
			if m.unbuf {
				m.out.w.Flush()
			}
			if end == endQuit {
				m.quit = true
				return nil
			}
			if end != endRestart {
				break
			}
		}
	}
	return nil
}

func (m *machine) autoprint() {
	if !m.quiet {
		m.out.line(m.ps, m.delim)
	}
}

// flushAppends writes the queued a, r and R output.
func (m *machine) flushAppends() error {
	for _, q := range m.appendQ {
		switch {
		case q.file != "":
			data, err := m.readWhole(q.file)
			if err == nil {
				m.out.catchUp(m.delim)
				m.out.w.Write(data)
			}
		case q.isRaw:
			m.out.catchUp(m.delim)
			m.out.w.WriteString(q.text)
		default:
			m.out.text(q.text, m.delim)
		}
	}
	m.appendQ = m.appendQ[:0]
	return nil
}

// readWhole reads a file for r; a file that cannot be read is nothing.
func (m *machine) readWhole(name string) ([]byte, error) {
	if name == "/dev/stdin" {
		return io.ReadAll(m.c.Stdin)
	}
	f, err := applet.OpenFile(m.c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// matches tells whether a single address selects the current line.
func (m *machine) matches(a *address) (bool, error) {
	switch a.kind {
	case addrLine:
		return m.lineNo == a.n1, nil
	case addrLast:
		return m.in.last()
	case addrStep:
		if a.n2 <= 0 {
			return m.lineNo == a.n1, nil
		}
		return m.lineNo >= a.n1 && (m.lineNo-a.n1)%a.n2 == 0, nil
	case addrRegex:
		re, err := m.regex(a.re)
		if err != nil {
			return false, err
		}
		return re.MatchString(posixre.Latin1(m.ps.text)), nil
	}
	return false, nil
}

// regex resolves the empty regex to the last one used.
func (m *machine) regex(re *posixre.Regexp) (*posixre.Regexp, error) {
	if re == nil {
		if m.lastRe == nil {
			return nil, &usageError{"-e expression #1, char 0: no previous regular expression"}
		}
		return m.lastRe, nil
	}
	m.lastRe = re
	return re, nil
}

// usageError is a program error found while running: exit status 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// selected tells whether cmd applies to the current line, following
// ranges from line to line.
func (m *machine) selected(cmd *command) (bool, error) {
	ok, err := m.inRange(cmd)
	return ok != cmd.neg, err
}

func (m *machine) inRange(cmd *command) (bool, error) {
	if cmd.a1 == nil {
		return true, nil
	}
	if cmd.a2 == nil {
		return m.matches(cmd.a1)
	}
	a2 := cmd.a2
	if cmd.active {
		switch a2.kind {
		case addrLine:
			if m.lineNo >= a2.n1 {
				cmd.active = false
			}
			if m.lineNo > a2.n1 {
				// Line numbers started again (-s, -i): the range
				// ended before this line.
				return m.startRange(cmd)
			}
		case addrPlus, addrMult:
			if m.lineNo >= cmd.rangeTo {
				cmd.active = false
			}
		default:
			hit, err := m.matches(a2)
			if err != nil {
				return false, err
			}
			if hit {
				cmd.active = false
			}
		}
		return true, nil
	}
	return m.startRange(cmd)
}

// startRange checks the first address of a range and opens it.
func (m *machine) startRange(cmd *command) (bool, error) {
	hit, err := m.matches(cmd.a1)
	if err != nil || !hit {
		return false, err
	}
	a2 := cmd.a2
	switch a2.kind {
	case addrLine:
		cmd.active = a2.n1 > m.lineNo
	case addrPlus:
		cmd.rangeTo = m.lineNo + a2.n1
		cmd.active = a2.n1 > 0
	case addrMult:
		if a2.n1 <= 0 || m.lineNo%a2.n1 == 0 {
			cmd.active = false
		} else {
			cmd.rangeTo = (m.lineNo/a2.n1 + 1) * a2.n1
			cmd.active = true
		}
	case addrLast:
		last, err := m.in.last()
		if err != nil {
			return false, err
		}
		cmd.active = !last
	default:
		cmd.active = true
	}
	return true, nil
}

// execute runs the program once over the pattern space.
func (m *machine) execute() (ending, error) {
	for pc := 0; pc < len(m.prog); pc++ {
		cmd := m.prog[pc]
		if m.c.Cancelled() {
			return endQuitNow, nil
		}
		if cmd.name == ':' || cmd.name == '}' {
			continue
		}
		ok, err := m.selected(cmd)
		if err != nil {
			return 0, err
		}
		if !ok {
			if cmd.name == '{' {
				pc = cmd.blockEnd
			}
			continue
		}
		switch cmd.name {
		case '{':
		case '=':
			m.out.text(fmt.Sprintf("%d\n", m.lineNo), m.delim)
		case 'a':
			m.appendQ = append(m.appendQ, queued{text: cmd.text})
		case 'i':
			m.out.text(cmd.text, m.delim)
		case 'c':
			// A range prints the text once, at its end.
			if cmd.a2 == nil || cmd.neg || !cmd.active {
				m.out.text(cmd.text, m.delim)
			}
			return endDelete, nil
		case 'b':
			if cmd.target < 0 {
				return endCycle, nil
			}
			pc = cmd.target
		case 't', 'T':
			if m.replaced == (cmd.name == 't') {
				m.replaced = false
				if cmd.target < 0 {
					return endCycle, nil
				}
				pc = cmd.target
			}
		case 'd':
			return endDelete, nil
		case 'D':
			i := strings.IndexByte(m.ps.text, '\n')
			if i < 0 {
				return endDelete, nil
			}
			m.ps.text = m.ps.text[i+1:]
			return endRestart, nil
		case 'e':
			if err := m.runCommand(cmd.fname); err != nil {
				return 0, err
			}
		case 'F':
			name := m.in.name
			m.out.text(name+"\n", m.delim)
		case 'g':
			m.ps = m.hs
		case 'G':
			m.ps.text += "\n" + m.hs.text
		case 'h':
			m.hs = m.ps
		case 'H':
			m.hs.text += "\n" + m.ps.text
		case 'l':
			width := m.lineWrap
			if cmd.hasNum {
				width = cmd.num
			}
			m.out.text(escapeLine(m.ps.text, width), m.delim)
		case 'n':
			last, err := m.in.last()
			if err != nil {
				return 0, err
			}
			if last {
				return endQuit, nil
			}
			m.autoprint()
			if err := m.nextLine(false); err != nil {
				return 0, err
			}
		case 'N':
			last, err := m.in.last()
			if err != nil {
				return 0, err
			}
			if last {
				return endQuit, nil
			}
			if err := m.nextLine(true); err != nil {
				return 0, err
			}
		case 'p':
			m.out.line(m.ps, m.delim)
		case 'P':
			first, _, found := strings.Cut(m.ps.text, "\n")
			_ = found
			m.out.text(first+string(m.delim), m.delim)
		case 'q':
			m.exitCode = cmd.num
			return endQuit, nil
		case 'Q':
			m.exitCode = cmd.num
			return endQuitNow, nil
		case 'r':
			m.appendQ = append(m.appendQ, queued{file: cmd.fname})
		case 'R':
			m.queueLineOf(cmd.fname)
		case 's':
			if err := m.substitute(cmd.subst); err != nil {
				return 0, err
			}
		case 'w':
			o, err := m.writer(cmd.fname)
			if err != nil {
				return 0, err
			}
			o.line(m.ps, m.delim)
		case 'W':
			o, err := m.writer(cmd.fname)
			if err != nil {
				return 0, err
			}
			first, _, _ := strings.Cut(m.ps.text, "\n")
			o.text(first+string(m.delim), m.delim)
		case 'x':
			m.ps, m.hs = m.hs, m.ps
		case 'y':
			b := []byte(m.ps.text)
			for i, c := range b {
				b[i] = cmd.ymap[c]
			}
			m.ps.text = string(b)
		case 'z':
			m.ps.text = ""
		}
	}
	return endCycle, nil
}

// nextLine is n and N: the queued output goes out, and the next line
// replaces (n) or is appended to (N) the pattern space.
func (m *machine) nextLine(appendIt bool) error {
	if err := m.flushAppends(); err != nil {
		return err
	}
	b, err := m.in.read()
	if err != nil || b == nil {
		return err
	}
	m.lineNo++
	m.replaced = false
	if appendIt {
		m.ps = buffer{text: m.ps.text + "\n" + b.text, chomped: b.chomped}
	} else {
		m.ps = *b
	}
	return nil
}

// queueLineOf is R: the next line of the file, if any, for the end of
// the cycle.
func (m *machine) queueLineOf(name string) {
	rd := m.readers[name]
	if rd == nil {
		var src io.Reader
		if name == "/dev/stdin" {
			src = m.c.Stdin
		} else {
			f, err := applet.OpenFile(m.c.Task, name, linux.O_RDONLY, 0)
			if err != nil {
				m.readers[name] = bufio.NewReader(strings.NewReader(""))
				return
			}
			src = f
		}
		rd = bufio.NewReader(src)
		m.readers[name] = rd
	}
	line, _ := rd.ReadString('\n')
	if line != "" {
		m.appendQ = append(m.appendQ, queued{text: line, isRaw: true})
	}
}

// substitute is the s command.
func (m *machine) substitute(s *substitution) error {
	re, err := m.regex(s.re)
	if err != nil {
		return err
	}
	if s.re == nil && s.maxRef > re.NSub {
		return &usageError{fmt.Sprintf("-e expression #1, char 0: invalid reference \\%d on `s' command's RHS", s.maxRef)}
	}
	sub := posixre.NewSubject(m.ps.text)
	limit := -1
	if !s.global {
		limit = max(s.nth, 1)
	}
	all := sub.Matches(re.Regexp, limit)
	first := max(s.nth, 1) - 1
	if len(all) <= first {
		return nil
	}
	text := m.ps.text
	var b strings.Builder
	prev := 0
	for _, loc := range all[first:] {
		b.WriteString(text[prev:loc[0]])
		expand(&b, s.repl, text, loc)
		prev = loc[1]
	}
	b.WriteString(text[prev:])
	m.ps.text = b.String()
	m.replaced = true
	if s.eval {
		out, err := m.shellOutput(m.ps.text)
		if err != nil {
			return err
		}
		m.ps.text = strings.TrimSuffix(out, "\n")
	}
	if s.print {
		m.out.line(m.ps, m.delim)
	}
	if s.wfile != "" {
		o, err := m.writer(s.wfile)
		if err != nil {
			return err
		}
		o.line(m.ps, m.delim)
	}
	return nil
}

// expand writes one replacement for the match loc of text.
func expand(b *strings.Builder, parts []replPart, text string, loc []int) {
	var mode, once byte
	put := func(s string) {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case once == 'u':
				c = upper(c)
			case once == 'l':
				c = lower(c)
			case mode == 'U':
				c = upper(c)
			case mode == 'L':
				c = lower(c)
			}
			once = 0
			b.WriteByte(c)
		}
	}
	for _, p := range parts {
		switch {
		case p.caseOp == 'u' || p.caseOp == 'l':
			once = p.caseOp
		case p.caseOp == 'U' || p.caseOp == 'L':
			mode, once = p.caseOp, 0
		case p.caseOp == 'E':
			mode, once = 0, 0
		case p.group >= 0:
			if 2*p.group+1 < len(loc) && loc[2*p.group] >= 0 {
				put(text[loc[2*p.group]:loc[2*p.group+1]])
			}
		default:
			put(p.lit)
		}
	}
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}

// escapeLine is the l command's form of text: C escapes, octal for other
// unprintable bytes, lines broken with a backslash so that none is longer
// than width (0 or 1: no breaking), and a final '$'.
func escapeLine(text string, width int) string {
	var b strings.Builder
	col := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		var unit string
		switch c {
		case '\\':
			unit = `\\`
		case '\a':
			unit = `\a`
		case '\b':
			unit = `\b`
		case '\f':
			unit = `\f`
		case '\n':
			unit = `\n`
		case '\r':
			unit = `\r`
		case '\t':
			unit = `\t`
		case '\v':
			unit = `\v`
		default:
			if c < ' ' || c >= 0x7f {
				unit = fmt.Sprintf(`\%03o`, c)
			} else {
				unit = string(c)
			}
		}
		if width > 1 && col+len(unit) > width-1 {
			b.WriteString("\\\n")
			col = 0
		} else if width == 1 {
			b.WriteString("\\\n")
		}
		b.WriteString(unit)
		col += len(unit)
	}
	b.WriteString("$\n")
	return b.String()
}

// runCommand is e: with a command, its output goes out now; without,
// the pattern space is the command and its output replaces it.
func (m *machine) runCommand(command string) error {
	if command != "" {
		out, err := m.shellOutput(command)
		if err != nil {
			return err
		}
		m.out.text(out, m.delim)
		return nil
	}
	out, err := m.shellOutput(m.ps.text)
	if err != nil {
		return err
	}
	m.ps.text = strings.TrimSuffix(out, "\n")
	return nil
}

// shellOutput runs command with sh -c in a child task and returns what
// it wrote on standard output.
func (m *machine) shellOutput(command string) (string, error) {
	if m.c.Set == nil || !m.c.Set.Known("sh") {
		return "", &fatalError{"e command: no shell to run it"}
	}
	m.out.w.Flush()
	var buf bytes.Buffer
	child := *m.c
	child.Stdout = &buf
	child.Out = bufio.NewWriter(&buf)
	t := m.c.Task.Clone(0)
	defer t.Exit()
	child.RunProgram(t, "sh", []string{"sh", "-c", command}, m.c.Env, strings.NewReader(""))
	child.Out.Flush()
	return buf.String(), nil
}

// errExit tells the exit status of an error.
func errExit(err error) int {
	var ue *usageError
	var se *scriptError
	if errors.As(err, &ue) || errors.As(err, &se) {
		return 1
	}
	return 4
}
