// SPDX-License-Identifier: Apache-2.0

// Package awk is linuxvfs's awk: the POSIX pattern-scanning language as
// mawk 1.3.4 runs it (its messages, exit statuses and numeric output),
// reading and writing files of the virtual kernel and running commands
// (pipes, system()) through the applet set's shell.
//
// The program is lexed (lexer.go), parsed into a tree (parser.go,
// ast.go) and walked (interp.go, builtins.go, io.go). Regular
// expressions go through internal/posixre's awk dialect.
package awk

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Register adds awk to set.
func Register(set *applet.Set) {
	set.Register(Run, "awk", "mawk")
}

const usage = `Usage: %s [-F fs] [-v var=value] [-f progfile | 'program'] [file ...]

Run the awk program on each record of the files (standard input when
none is named or for "-"). Operands of the form var=value assign a
variable before the next file is read.

    -F fs            set the field separator FS
    -v var=value     assign a variable before the program starts
    -f progfile      read the program from progfile (may repeat)
    --               end of the options
    -W version       print the version and exit
    -W usage         print this text and exit
`

// source is one piece of program text and where its lines start.
type source struct {
	name  string // "" for the command line
	lines int
}

// Run is the awk command.
func Run(c *applet.Cmd) int {
	args := c.Args
	var fs *string
	var assigns []string
	var progFiles []string
	i := 0
options:
	for i < len(args) {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			break
		}
		if a == "--" {
			i++
			break
		}
		opt := a[1]
		if strings.IndexByte("fFvW", opt) < 0 {
			c.Errorf("not an option: %s", a)
			return 2
		}
		val := a[2:]
		if val == "" {
			if i+1 >= len(args) {
				c.Errorf("option -%c lacks argument", opt)
				return 2
			}
			i++
			val = args[i]
		}
		i++
		switch opt {
		case 'f':
			progFiles = append(progFiles, val)
		case 'F':
			v := unescape(val)
			fs = &v
		case 'v':
			name, _, ok := strings.Cut(val, "=")
			if !ok || !validName(name) {
				c.Errorf("improper assignment: -v %s", val)
				return 2
			}
			assigns = append(assigns, val)
		case 'W':
			switch {
			case strings.HasPrefix(val, "v"):
				fmt.Fprintf(c.Out, "awk (linuxvfs) %s\n", applet.Version)
				return 0
			case strings.HasPrefix(val, "u"), strings.HasPrefix(val, "h"):
				fmt.Fprintf(c.Out, usage, c.Name)
				return 0
			}
			// other -W options change nothing here
		}
		continue options
	}
	var text string
	var sources []source
	if len(progFiles) == 0 {
		if i >= len(args) {
			fmt.Fprintf(c.Errw, usage, c.Name)
			return 0
		}
		text = args[i]
		i++
		sources = []source{{lines: strings.Count(text, "\n") + 1}}
	} else {
		var b strings.Builder
		for _, name := range progFiles {
			t, err := readProgram(c, name)
			if err != nil {
				c.Errorf("cannot open %s (%s)", name, applet.ErrText(err))
				return 2
			}
			if t != "" && !strings.HasSuffix(t, "\n") {
				t += "\n"
			}
			b.WriteString(t)
			sources = append(sources, source{name: name, lines: strings.Count(t, "\n")})
		}
		text = b.String()
	}
	prog, err := parse(text)
	if err != nil {
		for se := err.(*syntaxError); se != nil; se = se.also {
			c.Errorf("%s", placeError(se, sources))
		}
		return 2
	}
	it := newInterp(c, prog)
	argv := it.globals[vARGV].array()
	argv["0"] = str(c.Name)
	for k, a := range args[i:] {
		argv[itoa(k+1)] = strnum(a)
	}
	it.globals[vARGC].v = num(float64(len(args) - i + 1))
	return it.start(fs, assigns)
}

func validName(name string) bool {
	if name == "" || isDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	return true
}

// placeError words a syntax error with the file and line it is on.
func placeError(se *syntaxError, sources []source) string {
	if strings.HasPrefix(se.msg, "unexpected character") {
		return fmt.Sprintf("%d: %s", se.line, se.msg)
	}
	line := se.line
	for k, s := range sources {
		if s.name == "" {
			break
		}
		if line <= s.lines || k == len(sources)-1 {
			return fmt.Sprintf("%s: line %d: %s", s.name, line, se.msg)
		}
		line -= s.lines
	}
	return se.Error()
}

func readProgram(c *applet.Cmd, name string) (string, error) {
	b, err := c.ReadNamed(name, "/dev/stdin")
	return string(b), err
}

// start runs the program: -F and -v first, BEGIN, the records, END.
func (it *interp) start(fs *string, assigns []string) (status int) {
	defer func() {
		if r := recover(); r != nil {
			status = it.report(r)
		}
	}()
	if fs != nil {
		it.setSpecial(vFS, str(*fs))
	}
	for _, a := range assigns {
		it.commandAssignAny(a)
	}
	it.in = &mainInput{next: 1}
	it.run()
	earlier := it.c.OutFailed()
	it.closeAll()
	if it.stdoutFailed(earlier) {
		return 2
	}
	return it.exitCode
}

// stdoutFailed reports a standard output that could not be written as
// mawk does: "write failure" for a print that met the error, then the
// close of /dev/stdout at exit failing too.
func (it *interp) stdoutFailed(earlier error) bool {
	err := it.c.Out.Flush()
	if err == nil || applet.BrokenPipe(err) {
		return false
	}
	it.c.ClearOut()
	name := it.c.Name
	if earlier != nil {
		fmt.Fprintf(it.c.Errw, "%s: write failure (%s)\n", name, applet.ErrText(err))
	}
	fmt.Fprintf(it.c.Errw, "%s: close failed on file /dev/stdout (%s)\n", name, applet.ErrText(err))
	return true
}

// commandAssignAny is -v: the variable is made if the program never
// names it (so nothing sees it).
func (it *interp) commandAssignAny(a string) {
	it.commandAssign(a)
}

// report turns a panic of the run into a message and exit status.
func (it *interp) report(r any) int {
	it.closeQuietly()
	// The message goes out before what standard output still buffers,
	// which exit(2) flushes after it.
	name := it.c.Name
	switch e := r.(type) {
	case brokenPipe:
		return 128 + 13
	case *runtimeError:
		fmt.Fprintf(it.c.Errw, "%s: run time error: %s\n\tFILENAME=\"%s\" FNR=%s NR=%s\n", name, e.msg,
			it.toStr(it.globals[vFILENAME].v), numToStr(it.fnr, "%.6g"), numToStr(it.nr, "%.6g"))
	case *fatalError:
		fmt.Fprintf(it.c.Errw, "%s: %s\n", name, e.msg)
	default:
		fmt.Fprintf(it.c.Errw, "%s: internal error: %v\n", name, r)
	}
	it.stdoutFailed(nil)
	return 2
}

// closeQuietly ends the streams after a fatal error, as exit(2) would:
// output files keep what was written.
func (it *interp) closeQuietly() {
	defer func() { recover() }()
	for n, st := range it.streams {
		delete(it.streams, n)
		if st.w != nil {
			st.w.Flush()
		}
		if st.file != nil {
			st.file.Close()
		}
	}
}

func (it *interp) run() {
	prog := it.prog
	for _, b := range prog.begins {
		if it.action(b) == ctlExit {
			it.runEnd()
			return
		}
	}
	if len(prog.items) == 0 && len(prog.ends) == 0 {
		return
	}
	for {
		it.tick()
		rec, ok := it.nextRecord()
		if !ok {
			break
		}
		it.setRecord(rec)
		c := it.items()
		if c == ctlExit {
			break
		}
		if c == ctlNextFile {
			it.closeMain()
		}
	}
	it.runEnd()
}

func (it *interp) runEnd() {
	it.inEnd = true
	for _, b := range it.prog.ends {
		if it.action(b) == ctlExit {
			return
		}
	}
}

// items runs the pattern-action pairs on the current record. A
// function called by a pattern may exit.
func (it *interp) items() (c ctl) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(exitSignal); !ok {
				panic(r)
			}
			it.frame, it.depth = nil, 0
			c = ctlExit
		}
	}()
	for _, item := range it.prog.items {
		hit := false
		switch {
		case item.isRange && !item.inRange:
			if truth(it.eval(item.pattern)) {
				hit = true
				item.inRange = !truth(it.eval(item.pattern2))
			}
		case item.isRange:
			hit = true
			if truth(it.eval(item.pattern2)) {
				item.inRange = false
			}
		default:
			hit = item.pattern == nil || truth(it.eval(item.pattern))
		}
		if !hit {
			continue
		}
		if !item.hasBody {
			it.c.Out.WriteString(it.record)
			it.c.Out.WriteString(it.ors)
			continue
		}
		switch c := it.action(item.body); c {
		case ctlNext:
			return ctlNone
		case ctlExit, ctlNextFile:
			return c
		}
	}
	return ctlNone
}

// action runs one action; exit and next inside functions come out as
// their control.
func (it *interp) action(body []stmt) (c ctl) {
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case exitSignal:
				it.frame, it.depth = nil, 0
				c = ctlExit
			case nextSignal:
				it.frame, it.depth = nil, 0
				c = ctlNext
			default:
				panic(r)
			}
		}
	}()
	return it.execBlock(body)
}

func itoa(i int) string { return strconv.Itoa(i) }
