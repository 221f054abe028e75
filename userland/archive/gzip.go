// SPDX-License-Identifier: Apache-2.0

package archive

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// gzip's exit statuses: 1 for an error, 2 for a warning (unless an
// error came too).
const (
	gzipError   = 1
	gzipWarning = 2
)

type gzipRun struct {
	c                         *cmd
	decompress, stdout, force bool
	keep, test, quiet         bool
	verbose, recursive        bool
	level                     int
	suffix                    string
	status                    int
}

func gzipApplet(c *cmd) int { return newGzip(c, false, false).run() }

// gunzip and zcat are gzip's scripts running gzip -d and gzip -dc: gzip
// names itself in their messages.
func gunzipApplet(c *cmd) int { c.Name, c.Argv0 = "gzip", "gzip"; return newGzip(c, true, false).run() }
func zcatApplet(c *cmd) int   { c.Name, c.Argv0 = "gzip", "gzip"; return newGzip(c, true, true).run() }

func newGzip(c *cmd, decompress, stdout bool) *gzipRun {
	c.TryFormat = "Try `%[1]s --help' for more information.\n"
	return &gzipRun{c: c, decompress: decompress, stdout: stdout, level: 6, suffix: ".gz"}
}

func (r *gzipRun) run() int {
	c := r.c
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = "Compress FILEs (FILE.gz replaces FILE), or decompress them; with no FILE,\nor -, standard input to standard output."
	fs.BoolVarP(&r.stdout, "stdout", "c", r.stdout, "write to standard output, keep the files")
	fs.BoolVarP(&r.decompress, "decompress", "d", r.decompress, "decompress")
	fs.BoolVarP(&r.force, "force", "f", false, "overwrite existing output files")
	fs.BoolVarP(&r.keep, "keep", "k", false, "keep the input files")
	fs.BoolP("name", "N", false, "accepted: names are not restored")
	fs.BoolP("no-name", "n", false, "accepted")
	fs.BoolVarP(&r.quiet, "quiet", "q", false, "no warnings")
	fs.BoolVarP(&r.recursive, "recursive", "r", false, "the files inside directories")
	fs.StringVarP(&r.suffix, "suffix", "S", ".gz", "use `SUF` instead of .gz")
	fs.BoolVarP(&r.test, "test", "t", false, "check compressed files")
	fs.BoolVarP(&r.verbose, "verbose", "v", false, "tell what is done to each file")
	for d := '1'; d <= '9'; d++ {
		level := int(d - '0')
		fs.Func(string(d), string(d), "compression level", func() { r.level = level })
	}
	fs.Func("fast", "", "same as -1", func() { r.level = 1 })
	fs.Func("best", "", "same as -9", func() { r.level = 9 })
	files, ok := c.Parse(fs)
	if !ok {
		return gzipError
	}
	if r.test {
		r.decompress, r.stdout = true, true
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, f := range files {
		r.file(f)
	}
	return r.status
}

func (r *gzipRun) fail(format string, a ...any) {
	r.c.Errorf(format, a...)
	r.status = gzipError
}

func (r *gzipRun) warn(format string, a ...any) {
	if !r.quiet {
		r.c.Errorf(format, a...)
	}
	if r.status == 0 {
		r.status = gzipWarning
	}
}

// file treats one operand.
func (r *gzipRun) file(name string) {
	if name == "-" {
		r.stream(r.c.Stdin, r.c.Out, "stdin")
		return
	}
	in, st, ok := r.openInput(name)
	if !ok {
		return
	}
	if applet.IsDir(uint32(st.Mode)) {
		in.Close()
		if r.recursive {
			r.directory(name)
		} else {
			r.warn("%s is a directory -- ignored", name)
		}
		return
	}
	defer in.Close()
	if !applet.IsReg(uint32(st.Mode)) {
		r.warn("%s is not a directory or a regular file - ignored", name)
		return
	}
	if r.stdout {
		r.stream(in, r.c.Out, name)
		return
	}
	outName, ok := r.outputName(name)
	if !ok {
		return
	}
	r.replace(in, st, name, outName)
}

// openInput opens name, or for decompression name with the suffix
// added when name lacks one (zcat x finds x.gz).
func (r *gzipRun) openInput(name string) (*applet.File, vfs.Statx, bool) {
	t := r.c.Task
	try := []string{name}
	if r.decompress && !r.hasSuffix(name) {
		try = []string{name, name + r.suffix}
	}
	var err error
	for i, n := range try {
		var st vfs.Statx
		if st, err = t.Stat(n); err == nil {
			f, oerr := applet.OpenFile(t, n, linux.O_RDONLY, 0)
			if oerr == nil {
				return f, st, true
			}
			err = oerr
		}
		if i == len(try)-1 {
			r.fail("%s: %s", n, applet.ErrText(err))
		}
	}
	return nil, vfs.Statx{}, false
}

func (r *gzipRun) hasSuffix(name string) bool {
	return strings.HasSuffix(name, r.suffix) || r.decompress && strings.HasSuffix(name, ".tgz")
}

// outputName is the name the result gets, or a warning why none.
func (r *gzipRun) outputName(name string) (string, bool) {
	if !r.decompress {
		if r.hasSuffix(name) {
			// A warning that leaves the exit status alone in gzip 1.12.
			if !r.quiet {
				r.c.Errorf("%s already has %s suffix -- unchanged", name, r.suffix)
			}
			return "", false
		}
		return name + r.suffix, true
	}
	switch {
	case strings.HasSuffix(name, r.suffix) && len(name) > len(r.suffix):
		return strings.TrimSuffix(name, r.suffix), true
	case strings.HasSuffix(name, ".tgz"):
		return strings.TrimSuffix(name, ".tgz") + ".tar", true
	}
	r.warn("%s: unknown suffix -- ignored", name)
	return "", false
}

// replace writes the result beside the input, gives it the input's mode
// and times, and removes the input unless -k.
func (r *gzipRun) replace(in *applet.File, st vfs.Statx, name, outName string) {
	t := r.c.Task
	flags := uint32(linux.O_WRONLY | linux.O_CREAT | linux.O_EXCL)
	out, err := applet.OpenFile(t, outName, flags, 0o600)
	if errors.Is(err, linux.EEXIST) {
		if !r.force {
			r.warn("%s already exists;\tnot overwritten", outName)
			return
		}
		t.Unlink(outName)
		out, err = applet.OpenFile(t, outName, flags, 0o600)
	}
	if err != nil {
		r.fail("%s: %s", outName, applet.ErrText(err))
		return
	}
	w := bufio.NewWriter(out)
	sizes, ok := r.convert(in, w, name, st)
	if err := w.Flush(); ok && err != nil {
		r.fail("%s: %s", outName, applet.ErrText(err))
		ok = false
	}
	if !ok {
		out.Close()
		t.Unlink(outName)
		return
	}
	t.Fchmod(out.Fd, uint32(st.Mode)&0o7777)
	times := [2]vfs.Timespec{st.Atime, st.Mtime}
	t.Utimensat(out.Fd, "", &times, linux.AT_EMPTY_PATH)
	out.Close()
	if r.verbose {
		fmt.Fprintf(r.c.Errw, "%s:\t%s -- replaced with %s\n", name, ratio(sizes), outName)
	}
	if !r.keep {
		t.Unlink(name)
	}
}

// stream compresses or decompresses to standard output (or tests).
func (r *gzipRun) stream(in io.Reader, out io.Writer, name string) {
	if r.test {
		out = io.Discard
	}
	r.convert(in, out, name, vfs.Statx{})
}

// sizes are the uncompressed and compressed byte counts.
type sizes struct{ plain, packed int64 }

// convert compresses or decompresses in to out; failures are reported.
func (r *gzipRun) convert(in io.Reader, out io.Writer, name string, st vfs.Statx) (sizes, bool) {
	var sz sizes
	if r.decompress {
		counted := &countReader{r: in}
		zr, err := gzip.NewReader(counted)
		if err != nil {
			r.c.Out.Flush()
			fmt.Fprintf(r.c.Errw, "\n%s: %s: not in gzip format\n", r.c.Name, name)
			r.status = gzipError
			return sz, false
		}
		n, err := io.Copy(out, zr)
		sz = sizes{plain: n, packed: counted.n}
		if err != nil {
			r.fail("%s: %s", name, decodeError(err))
			return sz, false
		}
		return sz, true
	}
	counted := &countWriter{w: out}
	zw, _ := gzip.NewWriterLevel(counted, r.level)
	zw.OS = 3 // Unix
	if name != "stdin" {
		zw.Name = name[strings.LastIndexByte(name, '/')+1:]
		zw.ModTime = time.Unix(st.Mtime.Sec, 0)
	}
	n, err := io.Copy(zw, in)
	if err == nil {
		err = zw.Close()
	}
	sz = sizes{plain: n, packed: counted.n}
	if err != nil {
		r.fail("%s: %s", name, applet.ErrText(err))
		return sz, false
	}
	return sz, true
}

func decodeError(err error) string {
	if errors.Is(err, gzip.ErrChecksum) {
		return "invalid compressed data--crc error"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of file"
	}
	return "invalid compressed data--format violated"
}

// ratio is gzip -v's saving: how much smaller the compressed data is
// than the plain, in percent with one decimal (negative when larger).
func ratio(s sizes) string {
	if s.plain == 0 {
		return "  0.0%"
	}
	// gzip counts the saving on the deflate data alone: the header
	// and trailer are left out of the compressed size.
	header := int64(10 + 8)
	pct := float64(s.plain-(s.packed-header)) * 100 / float64(s.plain)
	return strconv.FormatFloat(pct, 'f', 1, 64) + "%"
}

// directory is -r: every file below dir.
func (r *gzipRun) directory(dir string) {
	ents, err := applet.ReadDirents(r.c.Task, dir)
	if err != nil {
		r.fail("%s: %s", dir, applet.ErrText(err))
		return
	}
	for _, e := range ents {
		r.file(applet.JoinPath(dir, e.Name))
	}
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
