// SPDX-License-Identifier: Apache-2.0

package tty

import "github.com/linuxvfs/linuxvfs/abi/linux"

// ldisc is the part of n_tty (drivers/tty/n_tty.c) a pty's slave needs,
// with the slave's termios:
//
//   - input (what the master writes): ISTRIP, IGNCR, ICRNL, INLCR; in
//     canonical mode (ICANON) lines are edited with ERASE, WERASE and
//     KILL and released whole at '\n', EOL, EOL2 or EOF (an EOF at the
//     start of a line reads as end of file); otherwise bytes are released
//     as MIN asks (TIME is not waited for: MIN 0 reads what is there);
//   - echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL) to the master,
//     through output processing;
//   - output (what the slave writes): OPOST with ONLCR, OCRNL and OLCUC.
//
// ISIG's INTR, QUIT and SUSP flush the input and what the master has
// not read (unless NOFLSH) and echo, but deliver no signal: the model has no sessions or foreground process
// groups. IXON's START and STOP are taken out of the input without
// stopping output; LNEXT and REPRINT are ordinary characters.
type ldisc struct {
	termios linux.Termios
	edit    []byte   // canonical: the line being typed
	lines   [][]byte // canonical: lines released, an empty one an EOF
	raw     []byte   // non-canonical: bytes released
}

// lineMax is N_TTY_BUF_SIZE-1: a canonical line takes no more
// characters, only its end.
const lineMax = 4095

// stdTermios is tty_std_termios as the pty slave driver has it
// (pty_unix98_init): no HUPCL.
func stdTermios() linux.Termios {
	t := linux.Termios{
		Iflag: linux.ICRNL | linux.IXON,
		Oflag: linux.OPOST | linux.ONLCR,
		Cflag: linux.B38400 | linux.CS8 | linux.CREAD,
		Lflag: linux.ISIG | linux.ICANON | linux.ECHO | linux.ECHOE | linux.ECHOK |
			linux.ECHOCTL | linux.ECHOKE | linux.IEXTEN,
	}
	// INIT_C_CC: ^C ^\ DEL ^U ^D, TIME 0, MIN 1, -, ^Q ^S ^Z, -, ^R ^O ^W ^V.
	copy(t.Cc[:], "\003\034\177\025\004\000\001\000\021\023\032\000\022\017\027\026\000")
	return t
}

func newLdisc() ldisc { return ldisc{termios: stdTermios()} }

func (l *ldisc) lflag(bits uint32) bool { return l.termios.Lflag&bits != 0 }
func (l *ldisc) iflag(bits uint32) bool { return l.termios.Iflag&bits != 0 }

// is reports whether c is the control character at index i (0 there
// disables it, _POSIX_VDISABLE).
func (l *ldisc) is(c byte, i int) bool { return l.termios.Cc[i] != 0 && c == l.termios.Cc[i] }

// queued is what waits for the slave to read, for the writer's room.
func (l *ldisc) queued() int {
	n := len(l.edit) + len(l.raw)
	for _, ln := range l.lines {
		n += len(ln)
	}
	return n
}

// inq is FIONREAD on the slave: what a read could take now.
func (l *ldisc) inq() int { return l.queued() - len(l.edit) }

// read takes released input for a read of len(b) bytes: one line at
// most in canonical mode. ok is false when the reader must wait.
func (l *ldisc) read(b []byte) (n int, ok bool) {
	if l.lflag(linux.ICANON) {
		if len(l.lines) == 0 {
			return 0, false
		}
		n = copy(b, l.lines[0])
		if n == len(l.lines[0]) {
			l.lines = l.lines[1:]
		} else {
			l.lines[0] = l.lines[0][n:]
		}
		return n, true
	}
	vmin := int(l.termios.Cc[linux.VMIN])
	if need := min(vmin, len(b)); len(l.raw) < need {
		return 0, false
	}
	n = copy(b, l.raw)
	l.raw = l.raw[n:]
	return n, true
}

// flushInput drops the slave's unread input (TCIFLUSH).
func (l *ldisc) flushInput() { l.edit, l.lines, l.raw = nil, nil, nil }

// setTermios is n_tty_set_termios for a change of ICANON: a partial
// line becomes readable when canonical mode ends, and what was pending
// reads as one line when it starts.
func (l *ldisc) setTermios(t linux.Termios) {
	wasCanon := l.lflag(linux.ICANON)
	l.termios = t
	switch canon := l.lflag(linux.ICANON); {
	case wasCanon && !canon:
		for _, ln := range l.lines {
			l.raw = append(l.raw, ln...)
		}
		l.raw = append(l.raw, l.edit...)
		l.lines, l.edit = nil, nil
	case !wasCanon && canon && len(l.raw) > 0:
		l.lines = append(l.lines, l.raw)
		l.raw = nil
	}
}

// receive is n_tty_receive_buf for what the master wrote; echoes are
// appended to out (what the master reads), which is returned.
func (l *ldisc) receive(in []byte, out []byte) []byte {
	for _, c := range in {
		out = l.receiveChar(c, out)
	}
	return out
}

func (l *ldisc) receiveChar(c byte, out []byte) []byte {
	if l.iflag(linux.ISTRIP) {
		c &= 0x7f
	}
	switch {
	case c == '\r' && l.iflag(linux.IGNCR):
		return out
	case c == '\r' && l.iflag(linux.ICRNL):
		c = '\n'
	case c == '\n' && l.iflag(linux.INLCR):
		c = '\r'
	}
	if l.iflag(linux.IXON) && (l.is(c, linux.VSTART) || l.is(c, linux.VSTOP)) {
		return out
	}
	if l.lflag(linux.ISIG) && (l.is(c, linux.VINTR) || l.is(c, linux.VQUIT) || l.is(c, linux.VSUSP)) {
		if !l.lflag(linux.NOFLSH) {
			// isig flushes both ways: the input, and what the master
			// has not read yet (pty_flush_buffer).
			l.flushInput()
			out = out[:0]
		}
		return l.echo(c, out)
	}
	if !l.lflag(linux.ICANON) {
		l.raw = append(l.raw, c)
		return l.echo(c, out)
	}
	return l.canonChar(c, out)
}

// canonChar is n_tty_receive_char_special's canonical part.
func (l *ldisc) canonChar(c byte, out []byte) []byte {
	iexten := l.lflag(linux.IEXTEN)
	switch {
	case l.is(c, linux.VERASE):
		return l.erase(1, out)
	case iexten && l.is(c, linux.VWERASE):
		return l.erase(l.wordLen(), out)
	case l.is(c, linux.VKILL):
		if l.lflag(linux.ECHOK) && !l.lflag(linux.ECHOKE) && l.lflag(linux.ECHO) {
			l.edit = nil
			out = l.echo(c, out)
			return l.outputChar('\n', out)
		}
		return l.erase(len(l.edit), out)
	case l.is(c, linux.VEOF):
		l.release()
		return out
	case c == '\n' || l.is(c, linux.VEOL) || iexten && l.is(c, linux.VEOL2):
		l.edit = append(l.edit, c)
		l.release()
		if c == '\n' && (l.lflag(linux.ECHO) || l.lflag(linux.ECHONL)) {
			return l.outputChar('\n', out)
		}
		return l.echo(c, out)
	}
	if len(l.edit) >= lineMax {
		return out
	}
	l.edit = append(l.edit, c)
	return l.echo(c, out)
}

// release ends the line being edited: it becomes readable.
func (l *ldisc) release() {
	l.lines = append(l.lines, l.edit)
	l.edit = nil
}

// wordLen is how many characters WERASE takes: blanks, then a word.
func (l *ldisc) wordLen() int {
	i := len(l.edit)
	for i > 0 && (l.edit[i-1] == ' ' || l.edit[i-1] == '\t') {
		i--
	}
	for i > 0 && l.edit[i-1] != ' ' && l.edit[i-1] != '\t' {
		i--
	}
	return len(l.edit) - i
}

// erase takes n characters off the line, rubbing each out on the
// terminal ("\b \b", twice for one echoed as ^X) under ECHO and ECHOE.
func (l *ldisc) erase(n int, out []byte) []byte {
	for ; n > 0 && len(l.edit) > 0; n-- {
		c := l.edit[len(l.edit)-1]
		l.edit = l.edit[:len(l.edit)-1]
		if !l.lflag(linux.ECHO) || !l.lflag(linux.ECHOE) {
			continue
		}
		out = append(out, "\b \b"...)
		if l.lflag(linux.ECHOCTL) && isCntrl(c) && c != '\t' {
			out = append(out, "\b \b"...)
		}
	}
	return out
}

// echo is echo_char: c, or ^X for a control character under ECHOCTL.
func (l *ldisc) echo(c byte, out []byte) []byte {
	if !l.lflag(linux.ECHO) {
		return out
	}
	if l.lflag(linux.ECHOCTL) && isCntrl(c) && c != '\t' {
		return append(out, '^', c^0o100)
	}
	return l.outputChar(c, out)
}

func isCntrl(c byte) bool { return c < 0x20 || c == 0x7f }

// output is n_tty_write's processing of what the slave writes.
func (l *ldisc) output(in []byte, out []byte) []byte {
	if l.termios.Oflag&linux.OPOST == 0 {
		return append(out, in...)
	}
	for _, c := range in {
		out = l.outputChar(c, out)
	}
	return out
}

// outputChar is do_output_char: ONLCR, OCRNL and OLCUC under OPOST.
func (l *ldisc) outputChar(c byte, out []byte) []byte {
	o := l.termios.Oflag
	if o&linux.OPOST == 0 {
		return append(out, c)
	}
	switch {
	case c == '\n' && o&linux.ONLCR != 0:
		return append(out, '\r', '\n')
	case c == '\r' && o&linux.OCRNL != 0:
		return append(out, '\n')
	case c >= 'a' && c <= 'z' && o&linux.OLCUC != 0:
		return append(out, c-'a'+'A')
	}
	return append(out, c)
}
