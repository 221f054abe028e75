// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// ddStats are the counters the summary prints.
type ddStats struct {
	inWhole, inPart   int64 // input blocks read full and short
	outWhole, outPart int64 // output writes full and short
	cut               int64 // conv=block lines longer than cbs
	written           int64 // bytes written (or seeked over by sparse)
}

// ddJob is one running dd: the plan, its files and its counters.
type ddJob struct {
	c            *cmd
	p            *ddPlan
	inFd, outFd  int  // -1: the shell's standard input or output
	sharedOut    bool // outFd belongs to the shell's redirection
	stats        ddStats
	began, tick  time.Time
	progressCols int
	// Reader state: a short read followed by more data means the
	// blocks were uneven, which dd points out once.
	lastShort  int
	warnUneven bool
	endsInHole bool // the last output was skipped by conv=sparse
	pending    []byte
	sigpipe    bool
	stages     []ddStage
}

func (j *ddJob) closeFiles() {
	if j.inFd >= 0 {
		j.c.Task.Close(j.inFd)
	}
	if j.outFd >= 0 && !j.sharedOut {
		j.c.Task.Close(j.outFd)
	}
}

// openFiles opens if= for reading and of= for writing: created 0666
// less the umask unless conv=nocreat, emptied unless seek= or
// conv=notrunc, and with seek= cut at the seek offset instead.
func (j *ddJob) openFiles() bool {
	c, t, p := j.c, j.c.Task, j.p
	if p.inGiven {
		fd, err := t.Open(p.inName, linux.O_RDONLY|uint32(p.iflag), 0)
		if err != nil {
			c.Errorf("failed to open %s: %s", c.Quote(p.inName), applet.ErrText(err))
			return false
		}
		j.inFd = fd
	}
	if !p.outGiven {
		// A redirection to a file gives dd a seekable descriptor, as a
		// real shell would.
		if f, ok := c.Stdout.(*applet.File); ok {
			j.outFd, j.sharedOut = f.Fd, true
		}
		return true
	}
	flags := uint32(p.oflag)
	if p.conv&ddConvNocreat == 0 {
		flags |= linux.O_CREAT
	}
	if p.conv&ddConvExcl != 0 {
		flags |= linux.O_EXCL
	}
	seeking := !p.seek.empty()
	if !seeking && p.conv&ddConvNotrunc == 0 {
		flags |= linux.O_TRUNC
	}
	fd, err := -1, error(nil)
	if seeking { // read-write first, so a later truncate is allowed
		fd, err = t.Open(p.outName, linux.O_RDWR|flags, 0o666)
	}
	if !seeking || err != nil {
		fd, err = t.Open(p.outName, linux.O_WRONLY|flags, 0o666)
	}
	if err != nil {
		c.Errorf("failed to open %s: %s", c.Quote(p.outName), applet.ErrText(err))
		return false
	}
	j.outFd = fd
	return !seeking || p.conv&ddConvNotrunc != 0 || j.cutAt(p.seek.bytes(p.obs), false)
}

// cutAt sets a regular file's size to size; errors matter only for
// files that have a size. grow leaves a larger file alone.
func (j *ddJob) cutAt(size int64, grow bool) bool {
	t := j.c.Task
	st, err := t.Fstat(j.outFd)
	if err != nil || !applet.IsReg(uint32(st.Mode)) && !applet.IsDir(uint32(st.Mode)) {
		return true
	}
	if grow && (!applet.IsReg(uint32(st.Mode)) || st.Size >= size) {
		return true
	}
	if err := t.Ftruncate(j.outFd, size); err != nil {
		j.c.Errorf("failed to truncate to %d bytes in output file %s: %s", size, applet.Quote(j.p.outName), applet.ErrText(err))
		return false
	}
	return true
}

// run positions both files, copies, and prints the summary.
func (j *ddJob) run() int {
	j.began = time.Now()
	j.tick = j.began.Add(time.Second)
	j.warnUneven = !j.p.staged && j.p.iflag&ddFlagFullblock == 0 &&
		(!j.p.skip.empty() || !j.p.unlimited || (j.p.iflag|j.p.oflag)&linux.O_DIRECT != 0)
	code := 0
	switch {
	case !j.p.skip.empty() && !j.skipInput():
		code = 1
	case !j.p.seek.empty() && !j.seekOutput():
		code = 1
	default:
		code = j.pump()
	}
	if j.sigpipe {
		return 128 + int(syscall.SIGPIPE)
	}
	j.summary()
	return code
}

// readInput is one read(2) of the input; iflag=fullblock keeps reading
// until p is full or the input ends. 0 bytes is the end.
func (j *ddJob) readInput(p []byte) (int, error) {
	got := 0
	for got < len(p) {
		n, err := j.readOnce(p[got:])
		j.noteShort(n, len(p))
		got += n
		if err != nil || n == 0 || j.p.iflag&ddFlagFullblock == 0 {
			return got, err
		}
	}
	return got, nil
}

func (j *ddJob) readOnce(p []byte) (int, error) {
	if j.inFd >= 0 {
		return j.c.Task.Read(j.inFd, p)
	}
	n, err := j.c.Stdin.Read(p)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// noteShort warns, once, when data arrives after a short read while
// blocks are being counted.
func (j *ddJob) noteShort(n, want int) {
	if j.warnUneven && n > 0 && j.lastShort > 0 {
		if j.p.show != ddShowNone {
			j.c.Errorf("warning: partial read (%d byte%s); suggest iflag=fullblock", j.lastShort, plural(j.lastShort))
		}
		j.warnUneven = false
	}
	j.lastShort = 0
	if n < want {
		j.lastShort = n
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// skipInput moves past skip=: a regular file is seeked, anything else read and dropped block by block. Falling short is
// only a warning.
func (j *ddJob) skipInput() bool {
	want := j.p.skip.bytes(j.p.ibs)
	if done, short := j.seekInput(want); done {
		j.warnSkip(short)
		return true
	}
	buf := make([]byte, j.p.ibs)
	left, got := j.p.skip, int64(0)
	for !left.empty() {
		size := j.p.ibs
		if left.blocks == 0 {
			size = left.tail
		}
		n, err := j.readInput(buf[:size])
		if err != nil {
			j.c.Errorf("error reading %s: %s", applet.Quote(j.p.inName), applet.ErrText(err))
			return false
		}
		if n == 0 {
			break
		}
		got += int64(n)
		left = left.less()
	}
	j.warnSkip(!left.empty() || got != want)
	return true
}

// less is the span after one more block (or the tail) went by.
func (s ddSpan) less() ddSpan {
	if s.blocks > 0 {
		s.blocks--
	} else {
		s.tail = 0
	}
	return s
}

// seekInput skips want bytes of a regular input file with lseek.
func (j *ddJob) seekInput(want int64) (done, short bool) {
	t := j.c.Task
	if j.inFd < 0 {
		return false, false
	}
	st, err := t.Fstat(j.inFd)
	if err != nil || !applet.IsReg(uint32(st.Mode)) {
		return false, false
	}
	// dd seeks the whole way and calls the skip short when the size
	// says it passed the end: so it warns of a /proc file (size 0), yet
	// reads it from where it was told to.
	at, _ := t.Lseek(j.inFd, 0, linux.SEEK_CUR)
	if _, err := t.Lseek(j.inFd, at+want, linux.SEEK_SET); err != nil {
		return false, false
	}
	return true, st.Size-at < want
}

func (j *ddJob) warnSkip(short bool) {
	if short && j.p.show != ddShowNone {
		j.c.Errorf("%s: cannot skip to specified offset", applet.QuoteName(j.p.inName))
	}
}

// seekOutput moves past seek=; a pipe to the shell cannot.
func (j *ddJob) seekOutput() bool {
	err := error(linux.ESPIPE)
	if j.outFd >= 0 {
		_, err = j.c.Task.Lseek(j.outFd, j.p.seek.bytes(j.p.obs), linux.SEEK_CUR)
	}
	if err != nil {
		j.c.Errorf("%s: cannot seek: %s", applet.QuoteName(j.p.outName), applet.ErrText(err))
		return false
	}
	return true
}

// nextSize is how much the next input block may hold under count=, or
// 0 once count= is used up.
func (j *ddJob) nextSize() int64 {
	if j.p.unlimited {
		return j.p.ibs
	}
	done := j.stats.inWhole + j.stats.inPart
	switch {
	case done < j.p.count.blocks:
		return j.p.ibs
	case done == j.p.count.blocks:
		return j.p.count.tail
	}
	return 0
}

// pump reads input blocks and hands each to deliver until the input or
// count= ends.
func (j *ddJob) pump() int {
	if !j.p.unlimited && j.p.count.empty() {
		return 0
	}
	j.stages = ddStages(j.p, &j.stats)
	buf := make([]byte, j.p.ibs)
	for !j.c.Cancelled() {
		j.progress()
		size := j.nextSize()
		if size == 0 {
			break
		}
		n, err := j.readInput(buf[:size])
		block, more, fail := j.accept(buf, n, err)
		if fail {
			j.drain() // what was converted still goes out
			return 1
		}
		if !more {
			break
		}
		if block != nil && !j.deliver(block) {
			return 1
		}
	}
	if !j.drain() {
		return 1
	}
	return 0
}

// accept classifies one read: the block to pass on (nil for none),
// whether to go on, and whether dd has failed. conv=sync pads a short
// block to ibs; conv=noerror reports a read error and carries on.
func (j *ddJob) accept(buf []byte, n int, err error) (block []byte, more, fail bool) {
	p := j.p
	if err != nil {
		if p.conv&ddConvNoerror == 0 || p.show != ddShowNone {
			j.c.Errorf("error reading %s: %s", applet.Quote(p.inName), applet.ErrText(err))
		}
		if p.conv&ddConvNoerror == 0 {
			return nil, false, true
		}
		j.summary()
		if n != 0 || p.conv&ddConvSync == 0 {
			return nil, true, false
		}
	} else if n == 0 {
		return nil, false, false
	}
	if int64(n) == p.ibs {
		j.stats.inWhole++
		return buf[:n], true, false
	}
	j.stats.inPart++
	if p.conv&ddConvSync == 0 {
		return buf[:n], true, false
	}
	fill := byte(0)
	if p.conv&(ddConvBlock|ddConvUnblock) != 0 {
		fill = ' '
	}
	for k := n; k < len(buf); k++ {
		buf[k] = fill
	}
	return buf, true, false
}

// deliver passes an input block on: unstaged, it is written as it is;
// staged, it goes through the conversions into obs-sized writes.
func (j *ddJob) deliver(block []byte) bool {
	if !j.p.staged {
		n, err := j.write(block)
		j.stats.written += int64(n)
		if err != nil || n < len(block) {
			return j.writeFailed(err)
		}
		if int64(n) == j.p.ibs {
			j.stats.outWhole++
		} else {
			j.stats.outPart++
		}
		return true
	}
	for _, s := range j.stages {
		block = s.convert(block)
	}
	return j.stage(block)
}

// stage adds bytes to the pending output block and writes every block
// that fills.
func (j *ddJob) stage(b []byte) bool {
	obs := int(j.p.obs)
	for len(b) > 0 {
		k := min(len(b), obs-len(j.pending))
		j.pending = append(j.pending, b[:k]...)
		b = b[k:]
		if len(j.pending) < obs {
			break
		}
		n, err := j.write(j.pending)
		j.stats.written += int64(n)
		if err != nil || n < obs {
			if n > 0 {
				j.stats.outPart++
			}
			return j.writeFailed(err)
		}
		j.stats.outWhole++
		j.pending = j.pending[:0]
	}
	return true
}

// drain flushes what the conversions hold back and the last short
// output block, then gives a file ending in a sparse hole its length.
func (j *ddJob) drain() bool {
	for i, s := range j.stages {
		rest := s.flush()
		for _, later := range j.stages[i+1:] {
			rest = later.convert(rest)
		}
		if !j.stage(rest) {
			return false
		}
	}
	if len(j.pending) > 0 {
		n, err := j.write(j.pending)
		j.stats.written += int64(n)
		if n > 0 {
			j.stats.outPart++
		}
		if err != nil || n < len(j.pending) {
			return j.writeFailed(err)
		}
		j.pending = j.pending[:0]
	}
	if !j.endsInHole {
		return true
	}
	end, err := j.c.Task.Lseek(j.outFd, 0, linux.SEEK_CUR)
	return err != nil || j.cutAt(end, true)
}

// write puts b out; with conv=sparse an all-NUL b becomes a seek.
func (j *ddJob) write(b []byte) (int, error) {
	c := j.c
	j.endsInHole = false
	if j.p.conv&ddConvSparse != 0 && j.outFd >= 0 && !slices.ContainsFunc(b, func(x byte) bool { return x != 0 }) {
		if _, err := c.Task.Lseek(j.outFd, int64(len(b)), linux.SEEK_CUR); err == nil {
			j.endsInHole = true
			return len(b), nil
		}
		j.p.conv &^= ddConvSparse // not seekable: write the zeros
	}
	if j.outFd >= 0 {
		return (&applet.File{Task: c.Task, Fd: j.outFd}).Write(b)
	}
	n, err := c.Out.Write(b)
	if err == nil {
		err = c.Out.Flush()
	}
	return n, err
}

// writeFailed reports a write error; a reader gone from the pipe ends
// dd quietly, as the SIGPIPE a real process gets would.
func (j *ddJob) writeFailed(err error) bool {
	if applet.BrokenPipe(err) {
		j.sigpipe = true
		return false
	}
	j.c.Errorf("error writing %s: %s", applet.Quote(j.p.outName), applet.ErrText(err))
	return false
}

// progress rewrites status=progress's line every second.
func (j *ddJob) progress() {
	if j.p.show != ddShowProgress {
		return
	}
	if now := time.Now(); !now.Before(j.tick) {
		j.transferLine(now, true)
		j.tick = j.tick.Add(time.Second)
	}
}

// summary prints the record counts and the transfer line on standard
// error, as status= allows.
func (j *ddJob) summary() {
	if j.p.show == ddShowNone {
		return
	}
	c, s := j.c, &j.stats
	c.Out.Flush()
	if j.progressCols > 0 {
		fmt.Fprintln(c.Errw)
		j.progressCols = 0
	}
	fmt.Fprintf(c.Errw, "%d+%d records in\n", s.inWhole, s.inPart)
	fmt.Fprintf(c.Errw, "%d+%d records out\n", s.outWhole, s.outPart)
	if s.cut > 0 {
		fmt.Fprintf(c.Errw, "%d truncated record%s\n", s.cut, plural(int(min(s.cut, 2))))
	}
	if j.p.show != ddShowRecords {
		j.transferLine(time.Now(), false)
	}
}

// transferLine prints "N bytes (SI, IEC) copied, T s, R/s", dropping
// the sizes in parentheses that would only repeat N; a progress line
// starts with a carriage return and blanks out the previous one.
func (j *ddJob) transferLine(now time.Time, live bool) {
	human := size.Style{Scale: true, Round: size.Nearest, Space: true, Unit: true, Bytes: true, SI: true}
	binary := human
	binary.SI = false
	n := uint64(j.stats.written)
	took := now.Sub(j.began)
	rate := "Infinity B/s"
	if took > 0 {
		rate = human.Amount(n, uint64(time.Second), uint64(took)) + "/s"
	}
	secs := strconv.FormatFloat(took.Seconds(), 'g', 6, 64) + " s"
	if live {
		secs = fmt.Sprintf("%.0f s", took.Seconds())
	}
	var sizes []string
	for _, s := range []string{human.Format(n), binary.Format(n)} {
		if !strings.HasSuffix(s, " B") { // " B": no prefix, just n again
			sizes = append(sizes, s)
		}
	}
	head := fmt.Sprintf("%d bytes", n)
	switch {
	case n == 1:
		head = "1 byte"
	case len(sizes) > 0:
		head += " (" + strings.Join(sizes, ", ") + ")"
	}
	line := fmt.Sprintf("%s copied, %s, %s", head, secs, rate)
	j.c.Out.Flush()
	if !live {
		fmt.Fprintln(j.c.Errw, line)
		return
	}
	fmt.Fprintf(j.c.Errw, "\r%s%s", line, strings.Repeat(" ", max(0, j.progressCols-len(line))))
	j.progressCols = len(line)
}
