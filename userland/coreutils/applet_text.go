// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// openInput opens an operand for reading; "-" is standard input.
func (c *cmd) openInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(c.Stdin), nil
	}
	return applet.OpenFile(c.Task, name, linux.O_RDONLY, 0)
}

// operandsOrStdin returns the operands, or "-" when there are none.
func operandsOrStdin(ops []string) []string {
	if len(ops) == 0 {
		return []string{"-"}
	}
	return ops
}

// catter is one cat command: the program, -n, and the lines numbered so
// far across its inputs.
type catter struct {
	*cmd
	number bool
	line   int
}

// catApplet is cat(1): files concatenated to standard output.
func catApplet(cmd *cmd) int {
	c := &catter{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = `Write each FILE (standard input for none or -) to standard output.`
	fs.BoolP("u", "u", false, "(ignored, as by coreutils)")
	fs.BoolVarP(&c.number, "number", "n", false, "put a line number before every line")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	status := 0
	for _, name := range operandsOrStdin(ops) {
		err := c.one(name)
		if err == nil {
			err = c.Out.Flush()
		}
		if werr := c.OutFailed(); werr != nil {
			// cat writes what it reads at once and dies on a failed write.
			c.ClearOut()
			c.Errorf("write error: %s", applet.ErrText(werr))
			return 1
		}
		if err != nil {
			c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
			status = 1
		}
	}
	return status
}

func (c *catter) one(name string) error {
	r, err := c.openInput(name)
	if err != nil {
		return err
	}
	defer r.Close()
	if !c.number {
		_, err = io.Copy(c.Out, r)
		return err
	}
	br := bufio.NewReader(r)
	for {
		s, err := br.ReadString('\n')
		if s != "" {
			c.line++
			fmt.Fprintf(c.Out, "%6d\t%s", c.line, s)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// countOpt is head's and tail's -n/-c argument: a count, "+N" for tail's
// "from N", "-N" for head's "all but the last N".
type countOpt struct {
	n     int64
	plus  bool
	minus bool
	bytes bool
}

// parseCount parses a -n or -c argument with coreutils' suffixes absent.
func parseCount(s string) (countOpt, bool) {
	var o countOpt
	switch {
	case strings.HasPrefix(s, "+"):
		o.plus, s = true, s[1:]
	case strings.HasPrefix(s, "-"):
		o.minus, s = true, s[1:]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return o, false
	}
	o.n = n
	return o, true
}

// headTailArgs turns the obsolete "-N" into "-n N".
func headTailArgs(args []string) []string {
	if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		if _, err := strconv.Atoi(args[0][1:]); err == nil {
			return append([]string{"-n", args[0][1:]}, args[1:]...)
		}
	}
	return args
}

// headTailFlags parses -n, -c, -q, -v for head and tail.
func (c *headTailer) flags() (countOpt, []string, bool, bool) {
	c.Args = headTailArgs(c.Args)
	fs := c.FlagSet()
	fs.About = "Print the first (head) or last (tail) 10 lines of each FILE; with\nseveral, each after a header naming it."
	lines := fs.StringP("lines", "n", "10", "print NUM lines")
	byteCount := fs.StringP("bytes", "c", "", "print NUM bytes")
	quiet := fs.BoolP("quiet", "q", false, "no header before each file")
	verbose := fs.BoolP("verbose", "v", false, "a header even for a single file")
	ops, ok := c.Parse(fs)
	if !ok {
		return countOpt{}, nil, false, false
	}
	arg := *lines
	if *byteCount != "" {
		arg = *byteCount
	}
	o, good := parseCount(arg)
	if !good {
		what := "lines"
		if *byteCount != "" {
			what = "bytes"
		}
		c.Errorf("invalid number of %s: %s", what, c.QuoteArg(arg))
		return o, nil, false, false
	}
	o.bytes = *byteCount != ""
	ops = operandsOrStdin(ops)
	headers := (len(ops) > 1 || *verbose) && !*quiet
	return o, ops, headers, true
}

// headApplet is head(1).
func headApplet(c *cmd) int { return (&headTailer{cmd: c, head: true}).run() }

// tailApplet is tail(1) without -f.
func tailApplet(c *cmd) int { return (&headTailer{cmd: c}).run() }

// headTailer is one head or tail command.
type headTailer struct {
	*cmd
	head bool
}

func (c *headTailer) run() int {
	head := c.head
	o, ops, headers, ok := c.flags()
	if !ok {
		return 1
	}
	status := 0
	for i, name := range ops {
		var data []byte
		var err error
		switch {
		case head && !o.minus:
			data, err = c.readHead(name, o)
		case !head && !o.plus:
			data, err = c.readTail(name, o)
		default:
			data, err = c.slurp(name)
		}
		if err != nil {
			status = 1
			continue
		}
		if headers {
			if i > 0 {
				c.Out.WriteString("\n")
			}
			shown := name
			if name == "-" {
				shown = "standard input"
			}
			fmt.Fprintf(c.Out, "==> %s <==\n", shown)
		}
		if !c.write(selectPart(data, o, head)) {
			return 1
		}
	}
	return status
}

// write is xwrite_stdout over the BUFSIZ (8192-byte) blocks head and tail
// read: stdio passes a block its buffer cannot take straight to write(2),
// and a failure there ends the tool; what stays buffered fails only at
// the close.
func (c *headTailer) write(data []byte) bool {
	for len(data) > 0 {
		n := min(len(data), 8192)
		if _, err := c.Out.Write(data[:n]); err != nil && !applet.BrokenPipe(err) {
			c.ClearOut()
			c.Errorf("error writing %s: %s", c.Quote("standard output"), applet.ErrText(err))
			return false
		}
		data = data[n:]
	}
	return true
}

// readHead reads only the first n bytes or lines of an input, as head
// does: an endless input such as /dev/zero must not be read to the end.
func (c *headTailer) readHead(name string, o countOpt) ([]byte, error) {
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(name), applet.ErrText(err))
		return nil, err
	}
	defer r.Close()
	var buf bytes.Buffer
	if o.bytes {
		_, err = io.CopyN(&buf, r, o.n)
	} else {
		br := bufio.NewReader(r)
		for lines := int64(0); lines < o.n && err == nil; lines++ {
			var line []byte
			line, err = br.ReadBytes('\n')
			buf.Write(line)
		}
	}
	if err != nil && err != io.EOF {
		shown := c.Quote(name)
		if name == "-" {
			shown = "'standard input'"
		}
		c.Errorf("error reading %s: %s", shown, applet.ErrText(err))
		return buf.Bytes(), err
	}
	return buf.Bytes(), nil
}

// readTail reads enough of the end of an input for tail's last n bytes
// or lines: a regular file from its end backwards, as tail seeks there
// (a 1 GiB sparse file is not read through), anything else whole.
func (c *headTailer) readTail(name string, o countOpt) ([]byte, error) {
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(name), applet.ErrText(err))
		return nil, err
	}
	defer r.Close()
	f, ok := r.(*applet.File)
	if !ok {
		return c.readAllOf(name, r)
	}
	st, err := f.Task.Fstat(f.Fd)
	// A size no larger than a block may be notional, as /proc's 0 and
	// sysfs's 4096 are: tail reads such a file through.
	if err != nil || !applet.IsReg(uint32(st.Mode)) || int64(st.Size) <= int64(st.Blksize) {
		return c.readAllOf(name, r)
	}
	return c.tailBackwards(name, f, int64(st.Size), o)
}

// tailBackwards reads blocks of f from its end (size bytes long) until
// they hold tail's share.
func (c *headTailer) tailBackwards(name string, f *applet.File, size int64, o countOpt) ([]byte, error) {
	const block = 64 << 10
	var data []byte
	for start := size; start > 0; {
		step := min(int64(block), start)
		if o.bytes {
			step = min(max(o.n-int64(len(data)), 0), start)
		}
		if step == 0 {
			break
		}
		start -= step
		chunk := make([]byte, step)
		n, err := f.Task.Pread(f.Fd, chunk, start)
		if err != nil {
			c.Errorf("error reading %s: %s", c.Quote(name), applet.ErrText(err))
			return nil, err
		}
		data = append(chunk[:n], data...)
		if !o.bytes && int64(bytes.Count(data, []byte("\n"))) > o.n {
			break
		}
	}
	return data, nil
}

// readAllOf reads the rest of r, reporting errors in head/tail's words.
func (c *cmd) readAllOf(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		shown := c.Quote(name)
		if name == "-" {
			shown = "'standard input'"
		}
		c.Errorf("error reading %s: %s", shown, applet.ErrText(err))
	}
	return data, err
}

// slurp reads a whole input, reporting errors in head/tail's words.
func (c *cmd) slurp(name string) ([]byte, error) {
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("cannot open %s for reading: %s", c.Quote(name), applet.ErrText(err))
		return nil, err
	}
	defer r.Close()
	return c.readAllOf(name, r)
}

// selectPart picks head's or tail's share of data.
func selectPart(data []byte, o countOpt, head bool) []byte {
	if o.bytes {
		return selectBytes(data, o, head)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	n := int(min(o.n, int64(len(lines))))
	switch {
	case head && o.minus:
		lines = lines[:len(lines)-n]
	case head:
		lines = lines[:n]
	case o.plus:
		lines = lines[max(0, min(int(o.n)-1, len(lines))):]
	default:
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, nil)
}

func selectBytes(data []byte, o countOpt, head bool) []byte {
	n := int(min(o.n, int64(len(data))))
	switch {
	case head && o.minus:
		return data[:len(data)-n]
	case head:
		return data[:n]
	case o.plus:
		return data[max(0, min(int(o.n)-1, len(data))):]
	}
	return data[len(data)-n:]
}

// wcCounts are one input's counts.
type wcCounts struct{ lines, words, chars, bytes, maxLine int64 }

// add sums the counts; the total of -L is the longest line of all.
func (w *wcCounts) add(o wcCounts) {
	w.lines += o.lines
	w.words += o.words
	w.chars += o.chars
	w.bytes += o.bytes
	w.maxLine = max(w.maxLine, o.maxLine)
}

// wcCounter is one wc command: the program and the counts it shows.
type wcCounter struct {
	*cmd
	show []bool // lines, words, chars, bytes, longest line
}

// wcApplet is wc(1) with -l, -w, -c, -m.
func wcApplet(cmd *cmd) int {
	c := &wcCounter{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = `Count the lines, words and bytes of each FILE, with a total for several.`
	l := fs.BoolP("lines", "l", false, "count newlines")
	w := fs.BoolP("words", "w", false, "count words (runs of non-blank characters)")
	b := fs.BoolP("bytes", "c", false, "count bytes")
	m := fs.BoolP("chars", "m", false, "count characters (bytes unless the locale is UTF-8)")
	longest := fs.BoolP("max-line-length", "L", false, "print the width of the widest line")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if !*l && !*w && !*b && !*m && !*longest {
		*l, *w, *b = true, true, true
	}
	c.show = []bool{*l, *w, *m, *b, *longest}
	names := operandsOrStdin(ops)
	counts, status, width := c.all(names)
	for i, name := range names {
		if counts[i] != nil {
			c.printLine(*counts[i], width, name, len(ops) > 0)
		}
	}
	if len(names) > 1 {
		var total wcCounts
		for _, k := range counts {
			if k != nil {
				total.add(*k)
			}
		}
		c.printLine(total, width, "total", true)
	}
	return status
}

// wcAll counts every input and computes coreutils' column width.
func (c *wcCounter) all(names []string) ([]*wcCounts, int, int) {
	counts := make([]*wcCounts, len(names))
	status := 0
	var regTotal int64
	minWidth := 1
	for i, name := range names {
		data, opened, err := c.read(name)
		if err != nil {
			status = 1
		}
		if !opened {
			continue
		}
		k := countText(data, c.UTF8())
		counts[i] = &k
		if st, err := c.statInput(name); err == nil && applet.IsReg(uint32(st.Mode)) {
			regTotal += st.Size
		} else {
			minWidth = 7
		}
	}
	shown := 0
	for _, s := range c.show {
		if s {
			shown++
		}
	}
	if len(names) == 1 && shown == 1 {
		return counts, status, 1
	}
	return counts, status, max(len(strconv.FormatInt(regTotal, 10)), minWidth)
}

// statInput is the fstat wc makes of an input: standard input's is
// that of descriptor 0 (a file redirected there counts as a file).
func (c *wcCounter) statInput(name string) (vfs.Statx, error) {
	if name == "-" {
		return c.Task.Fstat(0)
	}
	return c.Task.Stat(name)
}

// wcRead reads an input; one that opened but failed to read is still
// counted (as what was read), as coreutils does.
func (c *wcCounter) read(name string) (data []byte, opened bool, err error) {
	if name == "" {
		c.Errorf("invalid zero-length file name")
		return nil, false, linux.ENOENT
	}
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
		return nil, false, err
	}
	defer r.Close()
	if data, err = io.ReadAll(r); err != nil {
		c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
	}
	return data, true, err
}

// countText counts an input; characters are bytes in the C locale, and
// in a UTF-8 one the valid sequences (a stray byte is no character).
func countText(data []byte, utf8Locale bool) wcCounts {
	k := wcCounts{bytes: int64(len(data)), chars: int64(len(data))}
	if utf8Locale {
		k.chars = countRunes(data)
	}
	k.lines = int64(bytes.Count(data, []byte("\n")))
	k.words = int64(len(bytes.Fields(data)))
	k.maxLine = widestLine(data, utf8Locale)
	return k
}

// widestLine is wc -L: the display width of the widest line, where a
// tab goes to the next multiple of 8, unprintable characters take no
// room, and carriage returns and form feeds end a line as newlines do.
func widestLine(data []byte, utf8Locale bool) int64 {
	var widest, pos int64
	for len(data) > 0 {
		r, n := rune(data[0]), 1
		if utf8Locale && data[0] >= 0x80 {
			r, n = utf8.DecodeRune(data)
		}
		data = data[n:]
		switch {
		case r == '\n' || r == '\r' || r == '\f':
			widest, pos = max(widest, pos), 0
		case r == '\t':
			pos += 8 - pos%8
		case r == ' ' || r >= 0x21 && r < 0x7f:
			pos++
		case r >= 0xa0 && utf8Locale && r != utf8.RuneError && unicode.IsPrint(r):
			pos++
		}
	}
	return max(widest, pos)
}

// printLine prints one input's counts (or the total).
func (c *wcCounter) printLine(k wcCounts, width int, name string, named bool) {
	vals := []int64{k.lines, k.words, k.chars, k.bytes, k.maxLine}
	var parts []string
	for i, s := range c.show {
		if s {
			parts = append(parts, fmt.Sprintf("%*d", width, vals[i]))
		}
	}
	line := strings.Join(parts, " ")
	if named {
		line += " " + name
	}
	fmt.Fprintln(c.Out, line)
	// Flushed line by line: a full device shows at the end as a plain
	// "write error", the errno gone, as coreutils' wc reports it.
	c.Out.Flush()
}

// teeApplet is tee(1).
func teeApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = `Write what standard input holds to standard output and to every FILE too.`
	appendMode := fs.BoolP("append", "a", false, "append to the FILEs rather than overwrite them")
	fs.BoolP("ignore-interrupts", "i", false, "(no signals reach linuxvfs commands: nothing to ignore)")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	flags := uint32(linux.O_WRONLY | linux.O_CREAT | linux.O_TRUNC)
	if *appendMode {
		flags = linux.O_WRONLY | linux.O_CREAT | linux.O_APPEND
	}
	status := 0
	outs := []teeOut{{name: "standard output", w: c.Out}}
	for _, name := range ops {
		f, err := applet.OpenFile(c.Task, name, flags, 0o666)
		if err != nil {
			c.Errorf("%s: %s", c.QuoteName(name), applet.ErrText(err))
			status = 1
			continue
		}
		defer f.Close()
		outs = append(outs, teeOut{name: name, w: f})
	}
	if !c.teeCopy(outs) {
		status = 1
	}
	return status
}

// teeOut is one of tee's outputs; a failed one is written no more.
type teeOut struct {
	name string
	w    io.Writer
	dead bool
}

// teeCopy copies standard input to every output still working, naming
// each that fails once, as tee_files does; standard output is flushed
// with each block since tee writes it unbuffered.
func (c *cmd) teeCopy(outs []teeOut) bool {
	ok := true
	buf := make([]byte, 32*1024)
	for {
		n, rerr := c.Stdin.Read(buf)
		for i := range outs {
			o := &outs[i]
			if n == 0 || o.dead {
				continue
			}
			_, err := o.w.Write(buf[:n])
			if err == nil && i == 0 {
				err = c.Out.Flush()
			}
			if err != nil {
				if applet.BrokenPipe(err) {
					return false // the final flush turns it into SIGPIPE
				}
				if i == 0 {
					c.ClearOut()
				}
				c.Errorf("%s: %s", c.QuoteName(o.name), applet.ErrText(err))
				o.dead, ok = true, false
			}
		}
		if rerr == io.EOF {
			return ok
		}
		if rerr != nil {
			c.Errorf("read error: %s", applet.ErrText(rerr))
			return false
		}
	}
}

// basenameApplet is basename(1).
func basenameApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "NAME [SUFFIX]\n  or:  basename -a|-s SUFFIX [OPTION]... NAME..."
	fs.About = `Print NAME without its directories and, if given, SUFFIX.`
	multiple := fs.BoolP("multiple", "a", false, "take every argument as a NAME")
	suffix := fs.StringP("suffix", "s", "", "strip `SUFFIX` from the end of each NAME (takes every argument as a NAME)")
	zero := fs.BoolP("zero", "z", false, "terminate each result with a NUL byte instead of a newline")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	if *suffix != "" {
		*multiple = true
	}
	if !*multiple {
		if len(ops) > 2 {
			return c.ExtraOperand(ops[2])
		}
		if len(ops) == 2 {
			*suffix, ops = ops[1], ops[:1]
		}
	}
	end := "\n"
	if *zero {
		end = "\x00"
	}
	for _, op := range ops {
		c.Out.WriteString(baseName(op, *suffix) + end)
	}
	return 0
}

// baseName is basename's answer: the last component, trailing slashes
// ignored, and suffix removed unless it is all that is left.
func baseName(name, suffix string) string {
	s := strings.TrimRight(name, "/")
	if s == "" {
		if name == "" {
			return ""
		}
		return "/"
	}
	s = s[strings.LastIndexByte(s, '/')+1:]
	if suffix != "" && s != suffix && strings.HasSuffix(s, suffix) {
		s = s[:len(s)-len(suffix)]
	}
	return s
}

// dirnameApplet is dirname(1).
func dirnameApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION] NAME..."
	fs.About = `Print each NAME without its last component.`
	zero := fs.BoolP("zero", "z", false, "terminate each result with a NUL byte instead of a newline")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	end := "\n"
	if *zero {
		end = "\x00"
	}
	for _, op := range ops {
		c.Out.WriteString(dirName(op) + end)
	}
	return 0
}

// dirName is dirname's answer: "." without a slash, "/" for the root.
func dirName(name string) string {
	s := strings.TrimRight(name, "/")
	if s == "" {
		if strings.HasPrefix(name, "/") {
			return "/"
		}
		return "."
	}
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "."
	}
	s = strings.TrimRight(s[:i], "/")
	if s == "" {
		return "/"
	}
	return s
}

// countRunes counts the valid UTF-8 sequences in data.
func countRunes(data []byte) int64 {
	var n int64
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r != utf8.RuneError || size > 1 {
			n++
		}
		data = data[size:]
	}
	return n
}
