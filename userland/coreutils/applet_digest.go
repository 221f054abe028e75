// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

// digestAlgo is one of the checksum programs: the tag of its BSD-style
// lines ("SHA256 (file) = ...") and its hash.
type digestAlgo struct {
	tag  string
	hash func() hash.Hash
	size int // digest length in bytes
}

var (
	md5Algo    = digestAlgo{"MD5", md5.New, md5.Size}
	sha1Algo   = digestAlgo{"SHA1", sha1.New, sha1.Size}
	sha256Algo = digestAlgo{"SHA256", sha256.New, sha256.Size}
	sha512Algo = digestAlgo{"SHA512", sha512.New, sha512.Size}
)

func md5sumApplet(c *cmd) int    { return digestApplet(c, md5Algo) }
func sha1sumApplet(c *cmd) int   { return digestApplet(c, sha1Algo) }
func sha256sumApplet(c *cmd) int { return digestApplet(c, sha256Algo) }
func sha512sumApplet(c *cmd) int { return digestApplet(c, sha512Algo) }

// Option IDs of the long-only options.
const (
	digestIgnoreMissing = 0x100 + iota
	digestQuiet
	digestStatus
	digestStrict
	digestTag
)

var digestOptions = []getopt.Option{
	{Short: 'b', Long: "binary"},
	{Short: 'c', Long: "check"},
	{Long: "ignore-missing", ID: digestIgnoreMissing},
	{Long: "quiet", ID: digestQuiet},
	{Long: "status", ID: digestStatus},
	{Long: "strict", ID: digestStrict},
	{Long: "tag", ID: digestTag},
	{Short: 't', Long: "text"},
	{Short: 'w', Long: "warn"},
	{Short: 'z', Long: "zero"},
}

const digestHelp = `[OPTION]... [FILE]...
Print the %[1]s checksum of each FILE (standard input without one, or for
-), or check the checksums listed in the FILEs.

  -b, --binary          mark files as read in binary mode ('*')
  -t, --text            mark files as read in text mode (' ', the default)
      --tag             print BSD-style lines: %[1]s (FILE) = CHECKSUM
  -z, --zero            end each line with NUL, and never escape names
  -c, --check           read checksum lines and check each file against them
With --check:
      --ignore-missing  say nothing of files that do not exist
      --quiet           print only the failures
      --status          print nothing; the exit status tells
      --strict          status 1 also for malformed checksum lines
  -w, --warn            report each malformed checksum line
      --help            show this help
      --version         show the version

A name with a backslash, newline or carriage return is printed escaped
(\\, \n, \r) on a line that starts with a backslash.
`

// digestRun is one invocation of a checksum program.
type digestRun struct {
	c    *cmd
	algo digestAlgo
	// binary is -b (1), -t (0) or neither (-1).
	binary                        int
	check, tag, ignoreMissing     bool
	status, warn, quiet, strict   bool
	delim                         byte
	bsdReversed                   int // -1 unknown, 0 no, 1 yes: fixed by the first line
	properlyFormatted, matchedAny bool
	// auto is cksum -c without -a: each line's tag names its algorithm.
	auto bool
}

// digestApplet is md5sum(1), sha1sum(1), sha256sum(1) and sha512sum(1).
func digestApplet(c *cmd, algo digestAlgo) int {
	d := &digestRun{c: c, algo: algo, binary: -1, delim: '\n', bsdReversed: -1}
	cl, status, ok := c.Getopt(digestOptions, false, fmt.Sprintf(digestHelp, algo.tag))
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		d.option(o.ID)
	}
	if msg := d.conflict(); msg != "" {
		return c.Usage("%s", msg)
	}
	good := true
	for _, name := range operandsOrStdin(cl.Operands) {
		if d.check {
			good = d.checkFile(name) && good
			continue
		}
		sum, err := d.sum(name)
		if err != nil {
			good = false
			continue
		}
		d.output(name, sum)
	}
	if !good {
		return 1
	}
	return 0
}

// option applies one option; the last of --status, --warn and --quiet
// wins.
func (d *digestRun) option(id int) {
	switch id {
	case 'b':
		d.binary = 1
	case 't':
		d.binary = 0
	case 'c':
		d.check = true
	case 'z':
		d.delim = 0
	case 'w':
		d.status, d.warn, d.quiet = false, true, false
	case digestStatus:
		d.status, d.warn, d.quiet = true, false, false
	case digestQuiet:
		d.status, d.warn, d.quiet = false, false, true
	case digestIgnoreMissing:
		d.ignoreMissing = true
	case digestStrict:
		d.strict = true
	case digestTag:
		d.tag, d.binary = true, 1
	}
}

// conflict returns the complaint about options that do not go together,
// in the order the programs check them.
func (d *digestRun) conflict() string {
	onlyCheck := func(opt string) string {
		return "the --" + opt + " option is meaningful only when verifying checksums"
	}
	switch {
	case d.tag && d.binary == 0:
		return "--tag does not support --text mode"
	case d.delim != '\n' && d.check:
		return "the --zero option is not supported when verifying checksums"
	case d.tag && d.check:
		return "the --tag option is meaningless when verifying checksums"
	case d.binary >= 0 && d.check:
		return "the --binary and --text options are meaningless when verifying checksums"
	case d.check:
		return ""
	case d.ignoreMissing:
		return onlyCheck("ignore-missing")
	case d.status:
		return onlyCheck("status")
	case d.warn:
		return onlyCheck("warn")
	case d.quiet:
		return onlyCheck("quiet")
	case d.strict:
		return onlyCheck("strict")
	}
	return ""
}

// sum hashes one file ("-" is standard input), reporting a failure.
// With --ignore-missing a missing file gives a nil sum and no error.
func (d *digestRun) sum(name string) ([]byte, error) {
	r, err := d.c.openInput(name)
	if err != nil {
		if d.ignoreMissing && errors.Is(err, linux.ENOENT) {
			return nil, nil
		}
		d.c.Errorf("%s: %s", applet.QuoteName(name), applet.ErrText(err))
		return nil, err
	}
	defer r.Close()
	h := d.algo.hash()
	if _, err := io.Copy(h, r); err != nil {
		d.c.Errorf("%s: %s", applet.QuoteName(name), applet.ErrText(err))
		return nil, err
	}
	return h.Sum(nil), nil
}

// escapeName writes a name with \, newline and carriage return escaped.
func escapeName(name string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`).Replace(name)
}

// output prints one checksum line.
func (d *digestRun) output(name string, sum []byte) {
	out := d.c.Out
	escape := d.delim == '\n' && strings.ContainsAny(name, "\\\n\r")
	shown := name
	if escape {
		out.WriteByte('\\')
		shown = escapeName(name)
	}
	if d.tag {
		fmt.Fprintf(out, "%s (%s) = %x", d.algo.tag, shown, sum)
	} else {
		mode := byte(' ')
		if d.binary == 1 {
			mode = '*'
		}
		fmt.Fprintf(out, "%x %c%s", sum, mode, shown)
	}
	out.WriteByte(d.delim)
	// Lines go out whole, as with the programs' line-buffered output.
	out.Flush()
}

// digestCheck counts what one checksum file's lines gave.
type digestCheck struct {
	misformatted, mismatched, unreadable int
	properlyFormatted, matched           bool
}

// checkFile is --check of one checksum file: each line names a file and
// its checksum; a line per file says OK or FAILED, and warnings sum up.
func (d *digestRun) checkFile(name string) bool {
	c, shown := d.c, name
	if name == "-" {
		shown = "standard input"
	}
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
		return false
	}
	defer r.Close()
	var k digestCheck
	br := bufio.NewReader(r)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			d.checkLine(&k, line, name == "-", shown, lineNo)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.Errorf("%s: read error", c.QuoteName(shown))
			return false
		}
	}
	return d.checkSummary(&k, shown)
}

// checkLine checks the file one line names.
func (d *digestRun) checkLine(k *digestCheck, line []byte, fromStdin bool, shown string, lineNo int) {
	if line[0] == '#' {
		return
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return
	}
	if d.auto {
		d.algo = tagAlgo(string(line), d.algo)
	}
	want, name, ok := d.splitLine(string(line))
	if !ok || fromStdin && name == "-" {
		k.misformatted++
		if d.warn {
			d.c.Errorf("%s: %d: improperly formatted %s checksum line", applet.QuoteName(shown), lineNo, d.algo.tag)
		}
		return
	}
	k.properlyFormatted = true
	sum, err := d.sum(name)
	verdict := ""
	switch {
	case err != nil:
		k.unreadable++
		verdict = "FAILED open or read"
	case sum == nil:
		return // missing, and --ignore-missing
	case !strings.EqualFold(hex.EncodeToString(sum), want):
		k.mismatched++
		verdict = "FAILED"
	default:
		k.matched = true
		if !d.quiet {
			verdict = "OK"
		}
	}
	if d.status || verdict == "" {
		return
	}
	if strings.Contains(name, "\n") {
		name = "\\" + escapeName(name)
	}
	fmt.Fprintf(d.c.Out, "%s: %s\n", name, verdict)
	d.c.Out.Flush()
}

// checkSummary prints the warnings after a checksum file and says
// whether it passed.
func (d *digestRun) checkSummary(k *digestCheck, shown string) bool {
	c := d.c
	plural := func(n int, one, many string) {
		if n == 1 {
			c.Errorf("WARNING: 1 %s", one)
		} else if n > 1 {
			c.Errorf("WARNING: %d %s", n, many)
		}
	}
	switch {
	case !k.properlyFormatted:
		c.Errorf("%s: no properly formatted checksum lines found", c.QuoteName(shown))
	case !d.status:
		plural(k.misformatted, "line is improperly formatted", "lines are improperly formatted")
		plural(k.unreadable, "listed file could not be read", "listed files could not be read")
		plural(k.mismatched, "computed checksum did NOT match", "computed checksums did NOT match")
		if d.ignoreMissing && !k.matched {
			c.Errorf("%s: no file was verified", c.QuoteName(shown))
		}
	}
	return k.properlyFormatted && k.matched && k.mismatched == 0 && k.unreadable == 0 &&
		(!d.strict || k.misformatted == 0)
}

// isBlank is the separator of checksum lines' fields: space or tab.
func isBlank(b byte) bool { return b == ' ' || b == '\t' }

// splitLine reads one line of a checksum list: "HEX  NAME" or
// "HEX *NAME", the tagged "ALGO (NAME) = HEX", or "HEX NAME" once a run has
// shown it uses that single-space form throughout (bsdReversed: -1 not
// known yet, 0 no, 1 yes). A backslash before it all marks an escaped NAME.
func (d *digestRun) splitLine(s string) (want, name string, ok bool) {
	s = strings.TrimLeft(s, " \t")
	s, escaped := strings.CutPrefix(s, "\\")
	if rest, tagged := strings.CutPrefix(s, d.algo.tag); tagged {
		want, name, ok = d.splitTagged(rest)
	} else {
		want, name, ok = d.splitUntagged(s)
	}
	if ok && escaped {
		name, ok = unescapeName(name)
	}
	return want, name, ok
}

// splitUntagged reads "HEX", a blank, then the name, after a ' ' or '*'
// marker unless the run uses the single-space form.
func (d *digestRun) splitUntagged(s string) (want, name string, ok bool) {
	n := 2 * d.algo.size
	if len(s) < n+2 || !isHex(s[:n]) || !isBlank(s[n]) {
		return "", "", false
	}
	want, rest := s[:n], s[n+1:]
	marked := len(rest) > 1 && (rest[0] == ' ' || rest[0] == '*')
	switch {
	case !marked && d.bsdReversed == 0:
		return "", "", false
	case !marked:
		d.bsdReversed = 1
	case d.bsdReversed != 1:
		d.bsdReversed = 0
		rest = rest[1:]
	}
	return want, rest, true
}

// splitTagged reads what follows the algorithm's tag: an optional space,
// "(NAME)" with the name running to the last ')', then "= HEX" with
// blanks allowed around the '='.
func (d *digestRun) splitTagged(s string) (want, name string, ok bool) {
	s, open := strings.CutPrefix(strings.TrimPrefix(s, " "), "(")
	end := strings.LastIndexByte(s, ')')
	if !open || end < 0 {
		return "", "", false
	}
	tail, eq := strings.CutPrefix(strings.TrimLeft(s[end+1:], " \t"), "=")
	want = strings.TrimLeft(tail, " \t")
	if !eq || len(want) != 2*d.algo.size || !isHex(want) {
		return "", "", false
	}
	return want, s[:end], true
}

// unescapeName undoes escapeName; any other backslash sequence, a
// trailing backslash or a NUL makes the line invalid.
func unescapeName(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0:
			return "", false
		case '\\':
			if i+1 == len(s) {
				return "", false
			}
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case '\\':
				b.WriteByte('\\')
			default:
				return "", false
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])) {
			return false
		}
	}
	return true
}
