// SPDX-License-Identifier: Apache-2.0

// Package sed is linuxvfs's sed: the POSIX stream editor with the GNU sed
// 4.9 extensions scripts rely on, written from its documented and
// observed behaviour. Its messages and exit statuses are GNU sed's in the
// C locale: 1 for a bad program or command line, 2 when an input file
// could not be read, 4 for an I/O error while running.
package sed

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Register adds sed to set.
func Register(set *applet.Set) {
	set.Register(run, "sed")
}

// option IDs without a short form
const (
	optPosix = 0x2000 + iota
	optDebug
	optSandbox
	optFollow
)

var options = []getopt.Option{
	{Short: 'n', Long: "quiet"}, {Long: "silent", ID: 'n'},
	{Short: 'e', Long: "expression", Arg: getopt.RequiredArg},
	{Short: 'f', Long: "file", Arg: getopt.RequiredArg},
	{Short: 'i', Long: "in-place", Arg: getopt.OptionalArg},
	{Short: 'l', Long: "line-length", Arg: getopt.RequiredArg},
	{Short: 'E', Long: "regexp-extended"}, {Short: 'r'},
	{Short: 's', Long: "separate"}, {Short: 'u', Long: "unbuffered"},
	{Short: 'z', Long: "null-data"}, {Short: 'b', Long: "binary"},
	{Long: "posix", ID: optPosix}, {Long: "debug", ID: optDebug},
	{Long: "sandbox", ID: optSandbox}, {Long: "follow-symlinks", ID: optFollow},
}

const help = `[OPTION]... [SCRIPT] [FILE]...
Edit each line of the FILEs (standard input when there are none or for
"-") with the sed program SCRIPT, which is the first operand unless -e or
-f give the program, and write the result to standard output.

  -n, --quiet, --silent     print only what the program prints
  -e, --expression=SCRIPT   add SCRIPT to the program
  -f, --file=FILE           add the program text read from FILE
  -E, -r, --regexp-extended the script's regexps are EREs, as egrep's
  -i, --in-place[=SUFFIX]   rewrite each FILE with the result (keeping a
                            copy named by SUFFIX, where * is the file name)
  -s, --separate            each FILE is its own input: $ and line numbers
  -l, --line-length=N       break the lines of the l command at N (0: never)
  -z, --null-data           lines end with NUL bytes, not newlines
  -u, --unbuffered          flush the output after every line
      --posix               accepted; GNU extensions stay available
      --sandbox             refuse the e, r and w commands

Exit status: 0, 1 for a bad program or usage, 2 when an input file could
not be read, 4 for an I/O error, or what q or Q asked for.
`

// settings are what the command line asks for.
type settings struct {
	pieces   []piece
	exprs    int
	quiet    bool
	ere      bool
	inPlace  bool
	suffix   string
	separate bool
	nullData bool
	unbuf    bool
	sandbox  bool
	lineWrap int
}

func run(c *applet.Cmd) int {
	c.GivenName() // GNU sed's program_name: "/bin/sed: -e expression ..."
	st := &settings{lineWrap: 70}
	failed := 0
	ops, status, ok := c.GetoptEach(options, false, help, func(o getopt.Parsed) bool {
		failed = st.option(c, o)
		return failed == 0
	})
	if !ok {
		if failed != 0 {
			return failed
		}
		return status
	}
	if len(st.pieces) == 0 {
		if len(ops) == 0 {
			c.Errorf("no script given")
			c.TryHelp()
			return 1
		}
		st.pieces = append(st.pieces, piece{text: ops[0] + "\n", expr: 1})
		ops = ops[1:]
	}
	prog, hashN, err := parseScript(st.pieces, st.ere)
	if err == nil && st.sandbox {
		for _, cmd := range prog {
			if strings.IndexByte("erwRW", cmd.name) >= 0 || cmd.subst != nil && (cmd.subst.eval || cmd.subst.wfile != "") {
				err = &scriptError{where: "-e expression #1, char 0", msg: "e/r/w commands disabled in sandbox mode"}
				break
			}
		}
	}
	if err != nil {
		c.Errorf("%s", err)
		return errExit(err)
	}
	if st.inPlace && len(ops) == 0 {
		c.Errorf("no input files")
		return 4
	}
	if len(ops) == 0 {
		ops = []string{"-"}
	}
	m := &machine{c: c, prog: prog, quiet: st.quiet || hashN, lineWrap: st.lineWrap,
		delim: '\n', unbuf: st.unbuf, hs: buffer{chomped: true},
		files: map[string]*output{}, readers: map[string]*bufio.Reader{}}
	if st.nullData {
		m.delim = 0
	}
	m.stdout = &output{w: c.Out}
	m.out = m.stdout
	for _, cmd := range prog {
		// 0,/re/: the range is open before the first line.
		if cmd.a1 != nil && cmd.a1.kind == addrLine && cmd.a1.n1 == 0 {
			cmd.active = true
		}
	}
	if err := m.openWriteFiles(); err != nil {
		c.Errorf("%s", err)
		return errExit(err)
	}
	defer m.closeFiles()
	switch {
	case st.inPlace:
		err = m.editInPlace(ops, st.suffix)
	case st.separate:
		for _, name := range ops {
			m.lineNo = 0
			if err = m.runStream(m.newInput([]string{name})); err != nil || m.quit {
				break
			}
		}
	default:
		err = m.runStream(m.newInput(ops))
	}
	if m.in != nil {
		m.in.closeCur()
	}
	if err != nil {
		c.Errorf("%s", err)
		return errExit(err)
	}
	if err := c.Out.Flush(); err != nil && !applet.BrokenPipe(err) {
		// ck_fclose(NULL) at the end flushes standard output.
		c.ClearOut()
		c.Errorf("couldn't flush stdout: %s", applet.ErrText(err))
		return 4
	}
	if m.quit && m.exitCode != 0 {
		return m.exitCode
	}
	return m.status
}

func (m *machine) newInput(names []string) *input {
	return &input{m: m, names: names, delim: m.delim}
}

// option applies one command-line option; non-zero ends sed with it.
func (st *settings) option(c *applet.Cmd, o getopt.Parsed) int {
	switch o.ID {
	case 'n':
		st.quiet = true
	case 'e':
		st.exprs++
		st.pieces = append(st.pieces, piece{text: o.Value + "\n", expr: st.exprs})
	case 'f':
		text, err := readScriptFile(c, o.Value)
		if err != nil {
			c.Errorf("couldn't open file %s: %s", o.Value, applet.ErrText(err))
			return 4
		}
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		st.pieces = append(st.pieces, piece{text: text, file: o.Value})
	case 'i':
		st.inPlace, st.separate, st.suffix = true, true, o.Value
	case 'l':
		n, err := strconv.Atoi(o.Value)
		if err != nil || n < 0 {
			c.Errorf("invalid line length: %s", o.Value)
			return 1
		}
		st.lineWrap = n
	case 'E', 'r':
		st.ere = true
	case 's':
		st.separate = true
	case 'u':
		st.unbuf = true
	case 'z':
		st.nullData = true
	case optSandbox:
		st.sandbox = true
	case optDebug:
		c.Errorf("--debug is not supported by this sed")
		return 1
	}
	return 0
}

func readScriptFile(c *applet.Cmd, name string) (string, error) {
	b, err := c.ReadNamed(name)
	return string(b), err
}

// editInPlace is -i: each file is read on its own and replaced by what
// the program wrote, through a temporary file in its directory renamed
// over it (the original renamed to the backup name first when a suffix
// was given).
func (m *machine) editInPlace(names []string, suffix string) error {
	t := m.c.Task
	for _, name := range names {
		in := m.newInput([]string{name})
		if !in.open() {
			continue
		}
		st, err := t.Fstat(in.file.Fd)
		if err != nil || !applet.IsReg(uint32(st.Mode)) {
			in.closeCur()
			return &fatalError{fmt.Sprintf("couldn't edit %s: not a regular file", name)}
		}
		in.next = 0
		in.names = nil
		dir := path.Dir(name)
		tmpName, tmp, err := createTemp(m.c, dir)
		if err != nil {
			in.closeCur()
			return err
		}
		m.out = &output{w: bufio.NewWriter(tmp)}
		m.lineNo = 0
		runErr := m.runStream(in)
		in.closeCur()
		m.out.w.Flush()
		t.Fchmod(tmp.Fd, uint32(st.Mode)&0o7777)
		t.Chown(tmpName, st.UID, st.GID)
		tmp.Close()
		m.out = m.stdout
		if runErr != nil {
			t.Unlink(tmpName)
			return runErr
		}
		if suffix != "" {
			backup := backupName(name, suffix)
			if err := t.Rename(name, backup); err != nil {
				t.Unlink(tmpName)
				return &fatalError{fmt.Sprintf("cannot rename %s: %s", name, applet.ErrText(err))}
			}
		}
		if err := t.Rename(tmpName, name); err != nil {
			t.Unlink(tmpName)
			return &fatalError{fmt.Sprintf("cannot rename %s: %s", tmpName, applet.ErrText(err))}
		}
		if m.quit {
			break
		}
	}
	return nil
}

// backupName is the name -i's SUFFIX gives a file's copy: the suffix
// appended, or, when it has a '*', the suffix with every '*' standing for
// the file's base name (in the file's directory unless it names one).
func backupName(name, suffix string) string {
	if !strings.Contains(suffix, "*") {
		return name + suffix
	}
	dir, base := path.Split(name)
	b := strings.ReplaceAll(suffix, "*", base)
	if strings.Contains(b, "/") {
		return b
	}
	return dir + b
}

// createTemp makes an empty private file in dir for -i.
func createTemp(c *applet.Cmd, dir string) (string, *applet.File, error) {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var last error
	for try := 0; try < 100; try++ {
		var rnd [6]byte
		rand.Read(rnd[:])
		for i := range rnd {
			rnd[i] = letters[int(rnd[i])%len(letters)]
		}
		name := applet.JoinPath(dir, "sed"+string(rnd[:]))
		f, err := applet.OpenFile(c.Task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL, 0o600)
		if err == nil {
			return name, f, nil
		}
		last = err
		if !errors.Is(err, linux.EEXIST) {
			break
		}
	}
	return "", nil, &fatalError{fmt.Sprintf("couldn't open temporary file %s: %s",
		applet.JoinPath(dir, "sedXXXXXX"), applet.ErrText(last))}
}
