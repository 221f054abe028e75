// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"math/rand/v2"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

const mktempSuffix = 0x100

var mktempOptions = []getopt.Option{
	{Short: 'd', Long: "directory"},
	{Short: 'q', Long: "quiet"},
	{Short: 'u', Long: "dry-run"},
	{Long: "suffix", Arg: getopt.RequiredArg, ID: mktempSuffix},
	{Short: 'p', Arg: getopt.RequiredArg},
	{Long: "tmpdir", Arg: getopt.OptionalArg, ID: 'p'},
	{Short: 't'},
	{Short: 'V', ID: applet.OptVersion},
}

const mktempHelp = `[OPTION]... [TEMPLATE]
Create a new file (or directory) with a name no other file has, and print
that name. The last run of X's in TEMPLATE (at least three) is replaced by
random letters and digits; without TEMPLATE, tmp.XXXXXXXXXX in $TMPDIR or
/tmp is used. Files get mode 0600, directories 0700 (less the umask).

  -d, --directory     make a directory
  -u, --dry-run       only print a name that was free (unsafe)
  -q, --quiet         say nothing when the file cannot be made
      --suffix=SUFF   add SUFF after the X's (TEMPLATE must end in X)
  -p DIR, --tmpdir[=DIR]
                      put TEMPLATE (which must then be relative) in DIR,
                      else $TMPDIR, else /tmp
  -t                  put TEMPLATE (a bare name) in $TMPDIR, else -p's DIR,
                      else /tmp (an old form)
      --help          show this help
      --version       show the version
`

// mktempLetters are the characters replacing the X's.
const mktempLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// mktempTries bounds the attempts, as glibc's gen_tempname does (62³).
const mktempTries = 62 * 62 * 62

type mktempRun struct {
	c                       *cmd
	dir, quiet, dry, oldT   bool
	inDir                   bool
	dirArg, suffix          string
	hasSuffix               bool
	template, shownTemplate string
}

// mktempApplet is mktemp(1).
func mktempApplet(c *cmd) int {
	m := &mktempRun{c: c}
	cl, status, ok := c.Getopt(mktempOptions, false, mktempHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		m.option(o)
	}
	if len(cl.Operands) > 1 {
		return c.Usage("too many templates")
	}
	m.template = "tmp.XXXXXXXXXX"
	if len(cl.Operands) == 1 {
		m.template = cl.Operands[0]
	} else {
		m.inDir = true
	}
	n, suffixLen, ok := m.placeholder()
	if !ok || !m.prefixDir() {
		return 1
	}
	return m.create(n, suffixLen)
}

func (m *mktempRun) option(o getopt.Parsed) {
	switch o.ID {
	case 'd':
		m.dir = true
	case 'q':
		m.quiet = true
	case 'u':
		m.dry = true
	case 't':
		m.inDir, m.oldT = true, true
	case 'p':
		m.inDir, m.dirArg = true, o.Value
	case mktempSuffix:
		m.suffix, m.hasSuffix = o.Value, true
	}
}

// placeholder adds --suffix to the template and finds the X's to
// replace: n bytes ending suffixLen bytes from the template's end.
func (m *mktempRun) placeholder() (n, suffixLen int, ok bool) {
	c, t := m.c, m.template
	if m.hasSuffix {
		if !strings.HasSuffix(t, "X") {
			c.Errorf("with --suffix, template %s must end in X", c.QuoteArg(t))
			return 0, 0, false
		}
		t += m.suffix
	}
	suffix := ""
	if m.hasSuffix {
		suffix = m.suffix
	} else if k := strings.LastIndexByte(t, 'X'); k >= 0 {
		suffix = t[k+1:]
	}
	if suffix != "" && lastComponent(suffix) != suffix {
		c.Errorf("invalid suffix %s, contains directory separator", c.QuoteArg(suffix))
		return 0, 0, false
	}
	head := t[:len(t)-len(suffix)]
	xs := len(head) - len(strings.TrimRight(head, "X"))
	if xs < 3 {
		c.Errorf("too few X's in template %s", c.QuoteArg(t))
		return 0, 0, false
	}
	m.template = t
	return len(suffix) + xs, len(suffix), true
}

// prefixDir puts the template in its directory for -p, -t and the
// default template.
func (m *mktempRun) prefixDir() bool {
	c := m.c
	if m.inDir {
		tmpdir := c.Getenv("TMPDIR")
		dir := "/tmp"
		switch {
		case m.oldT && tmpdir != "":
			dir = tmpdir
		case m.oldT && m.dirArg != "":
			dir = m.dirArg
		case !m.oldT && m.dirArg != "":
			dir = m.dirArg
		case !m.oldT && tmpdir != "":
			dir = tmpdir
		}
		switch {
		case m.oldT && strings.Contains(m.template, "/"):
			c.Errorf("invalid template, %s, contains directory separator", c.QuoteArg(m.template))
			return false
		case !m.oldT && strings.HasPrefix(m.template, "/"):
			c.Errorf("invalid template, %s; with --tmpdir, it may not be absolute", c.QuoteArg(m.template))
			return false
		}
		m.template = fileNameConcat(dir, m.template)
	}
	return true
}

// create tries random names until one is free, as mkstemp and mkdtemp
// do, and prints it. The X's are the n bytes ending suffixLen from the
// template's end.
func (m *mktempRun) create(n, suffixLen int) int {
	c, t := m.c, m.template
	start, end := len(t)-n, len(t)-suffixLen
	var err error
	for try := 0; try < mktempTries; try++ {
		b := []byte(t)
		for k := start; k < end; k++ {
			b[k] = mktempLetters[rand.IntN(len(mktempLetters))]
		}
		name := string(b)
		if err = m.make(name); errors.Is(err, linux.EEXIST) {
			continue
		}
		if err == nil {
			c.Out.WriteString(name + "\n")
			return 0
		}
		break
	}
	if !m.quiet {
		what := "file"
		if m.dir {
			what = "directory"
		}
		c.Errorf("failed to create %s via template %s: %s", what, c.QuoteArg(t), applet.ErrText(err))
	}
	return 1
}

// make creates one candidate; with --dry-run it only checks that the
// name is free.
func (m *mktempRun) make(name string) error {
	t := m.c.Task
	switch {
	case m.dry:
		_, err := t.Lstat(name)
		if err == nil {
			return linux.EEXIST
		}
		if errors.Is(err, linux.ENOENT) {
			return nil
		}
		return err
	case m.dir:
		return t.Mkdir(name, 0o700)
	}
	fd, err := t.Open(name, linux.O_RDWR|linux.O_CREAT|linux.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	return t.Close(fd)
}
