// SPDX-License-Identifier: Apache-2.0

package linux

// Terminal ioctls (asm-generic/ioctls.h) and termios (asm-generic/termbits.h).
const (
	TCGETS      = 0x5401
	TCSETS      = 0x5402
	TCSETSW     = 0x5403
	TCSETSF     = 0x5404
	TCFLSH      = 0x540B
	TIOCSCTTY   = 0x540E
	TIOCGPGRP   = 0x540F
	TIOCOUTQ    = 0x5411
	TIOCGWINSZ  = 0x5413
	TIOCSWINSZ  = 0x5414
	TIOCNOTTY   = 0x5422
	TIOCGPTN    = 0x80045430
	TIOCSPTLCK  = 0x40045431
	TIOCGPTLCK  = 0x80045439
	TIOCGPTPEER = 0x5441
)

// TCFLSH's queue selectors.
const (
	TCIFLUSH  = 0
	TCOFLUSH  = 1
	TCIOFLUSH = 2
)

// NCCS is the number of control characters of struct termios.
const NCCS = 19

// Termios is struct termios, as TCGETS and TCSETS copy it.
type Termios struct {
	Iflag, Oflag, Cflag, Lflag uint32
	Line                       uint8
	Cc                         [NCCS]uint8
}

// Winsize is struct winsize (TIOCGWINSZ, TIOCSWINSZ).
type Winsize struct {
	Row, Col, Xpixel, Ypixel uint16
}

// Indexes of Termios.Cc.
const (
	VINTR    = 0
	VQUIT    = 1
	VERASE   = 2
	VKILL    = 3
	VEOF     = 4
	VTIME    = 5
	VMIN     = 6
	VSWTC    = 7
	VSTART   = 8
	VSTOP    = 9
	VSUSP    = 10
	VEOL     = 11
	VREPRINT = 12
	VDISCARD = 13
	VWERASE  = 14
	VLNEXT   = 15
	VEOL2    = 16
)

// Termios.Iflag bits.
const (
	IGNBRK  = 0o1
	BRKINT  = 0o2
	IGNPAR  = 0o4
	PARMRK  = 0o10
	INPCK   = 0o20
	ISTRIP  = 0o40
	INLCR   = 0o100
	IGNCR   = 0o200
	ICRNL   = 0o400
	IUCLC   = 0o1000
	IXON    = 0o2000
	IXANY   = 0o4000
	IXOFF   = 0o10000
	IMAXBEL = 0o20000
	IUTF8   = 0o40000
)

// Termios.Oflag bits.
const (
	OPOST  = 0o1
	OLCUC  = 0o2
	ONLCR  = 0o4
	OCRNL  = 0o10
	ONOCR  = 0o20
	ONLRET = 0o40
)

// Termios.Cflag bits.
const (
	B38400 = 0o17
	CS8    = 0o60
	CREAD  = 0o200
	HUPCL  = 0o2000
)

// Termios.Lflag bits.
const (
	ISIG    = 0o1
	ICANON  = 0o2
	ECHO    = 0o10
	ECHOE   = 0o20
	ECHOK   = 0o40
	ECHONL  = 0o100
	NOFLSH  = 0o200
	TOSTOP  = 0o400
	ECHOCTL = 0o1000
	ECHOPRT = 0o2000
	ECHOKE  = 0o4000
	FLUSHO  = 0o10000
	PENDIN  = 0o40000
	IEXTEN  = 0o100000
)

// Device majors of Unix98 ptys (include/uapi/linux/major.h).
const (
	UNIX98_PTY_MASTER_MAJOR = 128
	UNIX98_PTY_SLAVE_MAJOR  = 136
)

// DEVPTS_SUPER_MAGIC is devpts's statfs f_type.
const DEVPTS_SUPER_MAGIC = 0x1cd1
