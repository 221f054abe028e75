// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// versionLine is what every run of mkfs.fat prints first.
const versionLine = "mkfs.fat 4.2 (2021-01-31)\n"

// blockSize is the unit of the size operand and of -C.
const blockSize = 1024

// invariantID and invariantTime are --invariant's volume ID and creation
// time, as 4.2 fixes them.
const (
	invariantID   = 0x1234abcd
	invariantTime = 1426325213
)

// errDied ends a run whose message was printed; its status is 1.
var errDied = errors.New("mkfs.fat: died")

// mkfs is one run of mkfs.fat with its settings and the layout being
// worked out.
type mkfs struct {
	*applet.Cmd
	verbose   int
	invariant bool
	create    bool
	volumeID  uint32
	created   time.Time
	label     string // as given with -n
	message   []byte // -m's boot message, nil for the default one
	offset    int64  // --offset, in sectors
	check     bool   // -c: read the device for bad blocks
	badList   string // -l: a file of bad block numbers
	codepage  codepage
	atari     bool // the Atari ST's variant of FAT

	sectorSize, sectorSizeSet int
	clustersByUser            int
	fatBits                   int
	fatBitsByUser             bool
	fats                      int
	reserved                  int
	rootEntries               int
	rootEntriesSet            bool
	backupBoot                int
	backupBootSet             bool
	hidden                    uint32
	hiddenSet                 bool
	driveNumber               int
	driveNumberSet            bool
	media                     int // -M, 0 when not given
	heads, secsTrack          int // -g, 0 when not given
	align, ignoreSafety       bool
	mbr                       int // 1 yes, 0 no, -1 auto
	device                    string
	blocks                    int64
	blocksGiven               bool

	// The layout setupTables settles.
	numSectors  uint32
	orphans     int64
	clusterSize int
	mediaByte   byte
	clusters    int64
	fatLength   int64
	infoSector  int
	dosLabel    [11]byte
	labelled    bool
}

// Option IDs of the long-only options.
const (
	optHelp = 1000 + iota
	optInvariant
	optMBR
	optVariant
	optCodepage
	optOffset
)

var mkfsOptions = func() []getopt.Option {
	opts := []getopt.Option{
		{Long: "codepage", Arg: getopt.RequiredArg, ID: optCodepage},
		{Long: "invariant", ID: optInvariant},
		{Long: "mbr", Arg: getopt.OptionalArg, ID: optMBR},
		{Long: "variant", Arg: getopt.RequiredArg, ID: optVariant},
		{Long: "offset", Arg: getopt.RequiredArg, ID: optOffset},
		{Long: "help", ID: optHelp},
	}
	for _, c := range "aAcCIv" {
		opts = append(opts, getopt.Option{Short: byte(c)})
	}
	for _, c := range "bfDFgil" + "mMnrRsSh" {
		opts = append(opts, getopt.Option{Short: byte(c), Arg: getopt.RequiredArg})
	}
	return opts
}()

// mkfsApplet is dosfstools' mkfs.fat (and its other names): a FAT12,
// FAT16 or FAT32 filesystem on a file or block device.
func mkfsApplet(c *applet.Cmd) int {
	m := &mkfs{Cmd: c, sectorSize: 512, fats: 2, align: true, mbr: -1, codepage: defaultCodepage}
	now := time.Now()
	m.created = now
	m.volumeID = uint32(now.Unix())<<20 | uint32(now.Nanosecond()/1000)
	m.printf(versionLine)
	err := m.run()
	m.Out.Flush()
	if err != nil {
		return 1
	}
	return 0
}

// printf writes to standard output, where mkfs.fat reports and where
// it also puts most complaints about option values.
func (m *mkfs) printf(format string, a ...any) { fmt.Fprintf(m.Out, format, a...) }

// warn writes to standard error, which is unbuffered, while what was
// printed stays in standard output's buffer until the end, as stdio
// keeps it for a pipe or a file.
func (m *mkfs) warn(format string, a ...any) {
	fmt.Fprintf(m.Errw, format, a...)
}

// die is dosfstools' die: the program's name, the message, exit 1.
func (m *mkfs) die(format string, a ...any) error {
	m.warn("%s: %s\n", m.Name, fmt.Sprintf(format, a...))
	return errDied
}

// badUsage is a complaint on standard output followed by the usage.
func (m *mkfs) badUsage(format string, a ...any) error {
	m.printf(format+"\n", a...)
	return m.usage(1)
}

func (m *mkfs) run() error {
	p := getopt.Parser{Options: mkfsOptions}
	opts, ops, perr := p.Parse(m.Args)
	for _, o := range opts {
		if err := m.option(o); err != nil {
			return err
		}
	}
	if perr != nil {
		m.warn("%s: %s\n", m.Argv0, perr)
		return m.usage(1)
	}
	if len(ops) == 0 {
		return m.badUsage("No device specified.")
	}
	m.device = ops[0]
	if len(ops) > 1 {
		n, ok := cNumber(ops[1], 0, 64)
		if !ok || n < 0 {
			return m.badUsage("Bad block count : %s", ops[1])
		}
		m.blocks, m.blocksGiven = n, true
	}
	if len(ops) > 2 {
		m.warn("Excess arguments on command line\n")
		return m.usage(1)
	}
	if m.create && !m.blocksGiven {
		return m.die("Need intended size with -C.")
	}
	if m.check && m.badList != "" {
		return m.die("-c and -l are incompatible")
	}
	return m.make()
}

// cNumber is strtol/strtoll as mkfs.fat checks them: the whole word, no
// leading space, in range of bits.
func cNumber(s string, base, bits int) (int64, bool) {
	n, whole, overflow := strtoll(s, base, bits)
	return n, whole && !overflow
}

// strtoll reads s as C's strtoll does with base 0 (C prefixes) or 16 (an
// optional 0x): whether the word is a number to its end after no leading
// space, and whether it overflowed bits (then clamped).
func strtoll(s string, base, bits int) (n int64, whole, overflow bool) {
	if s == "" || strings.ContainsRune(" \t\n\v\f\r", rune(s[0])) {
		return 0, false, false
	}
	t, neg := s, false
	if t[0] == '+' || t[0] == '-' {
		neg, t = t[0] == '-', t[1:]
	}
	if (base == 0 || base == 16) && len(t) > 2 && t[0] == '0' && (t[1]|0x20) == 'x' && isHex(t[2]) {
		t, base = t[2:], 16
	} else if base == 0 && len(t) > 1 && t[0] == '0' {
		base = 8
	} else if base == 0 {
		base = 10
	}
	end := 0
	for end < len(t) && digitValue(t[end]) < base {
		end++
	}
	if end == 0 {
		return 0, false, false
	}
	u, err := strconv.ParseUint(t[:end], base, 64)
	limit := uint64(1)<<(bits-1) - 1
	if neg {
		limit++
	}
	if err != nil || u > limit {
		overflow, u = true, limit
	}
	n = int64(u)
	if neg {
		n = -n
	}
	return n, end == len(t), overflow
}

func isHex(c byte) bool { return digitValue(c) < 16 }

// digitValue is c's value as a digit of any base up to 36.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 99
}

// numberOption parses an option's value and checks it with ok.
func (m *mkfs) numberOption(v string, bits int, ok func(int64) bool, complaint string) (int64, error) {
	n, good := cNumber(v, 0, bits)
	if !good || !ok(n) {
		return 0, m.badUsage(complaint, v)
	}
	return n, nil
}

func between(lo, hi int64) func(int64) bool {
	return func(n int64) bool { return n >= lo && n <= hi }
}

func oneOf(set ...int64) func(int64) bool {
	return func(n int64) bool {
		for _, s := range set {
			if n == s {
				return true
			}
		}
		return false
	}
}

// option applies one option in command-line order, as mkfs.fat does.
func (m *mkfs) option(o getopt.Parsed) error {
	var n int64
	var err error
	v := o.Value
	switch o.ID {
	case 'a':
		m.align = false
	case 'A':
		m.atari = !m.atari
	case 'b':
		n, err = m.numberOption(v, 32, between(0, 0xffff), "Bad location for backup boot sector : %s")
		m.backupBoot, m.backupBootSet = int(n), true
	case 'c':
		m.check = true
	case 'l':
		m.badList = v
	case 'C':
		m.create = true
	case 'D':
		n, err = m.numberOption(v, 32, between(0, 0xff), "Bad drive number: %s")
		m.driveNumber, m.driveNumberSet = int(n), true
	case 'f':
		n, err = m.numberOption(v, 32, between(1, 4), "Bad number of FATs : %s")
		m.fats = int(n)
	case 'F':
		n, err = m.numberOption(v, 32, oneOf(12, 16, 32), "Bad FAT type : %s")
		m.fatBits, m.fatBitsByUser = int(n), true
	case 'g':
		err = m.geometryOption(v)
	case 'h':
		n, err = m.numberOption(v, 64, between(0, 1<<32-1), "Bad number of hidden sectors : %s")
		m.hidden, m.hiddenSet = uint32(n), true
	case 'I':
		m.ignoreSafety = true
	case 'i':
		err = m.volumeIDOption(v)
	case 'm':
		err = m.messageOption(v)
	case 'M':
		if n, err = m.numberOption(v, 32, func(int64) bool { return true }, "Bad number for media descriptor : %s"); err == nil {
			if n != 0xf0 && (n < 0xf8 || n > 0xff) {
				return m.badUsage("FAT Media byte must either be between 0xF8 and 0xFF or be 0xF0 : %s", v)
			}
			m.media = int(n)
		}
	case 'n':
		m.label = v
	case optCodepage:
		n, good := cNumber(v, 10, 32)
		if !good || n < 0 {
			m.warn("Invalid codepage : %s\n", v)
			return m.usage(1)
		}
		cp, complaint := lookupCodepage(n, m.UTF8())
		if complaint != "" {
			m.warn("%s", complaint)
			return m.usage(1)
		}
		m.codepage = cp
	case 'r':
		n, err = m.numberOption(v, 32, between(16, 32768), "Bad number of root directory entries : %s")
		m.rootEntries, m.rootEntriesSet = int(n), true
	case 'R':
		n, err = m.numberOption(v, 32, between(1, 0xffff), "Bad number of reserved sectors : %s")
		m.reserved = int(n)
	case 's':
		n, err = m.numberOption(v, 32, oneOf(1, 2, 4, 8, 16, 32, 64, 128), "Bad number of sectors per cluster : %s")
		m.clustersByUser = int(n)
	case 'S':
		n, err = m.numberOption(v, 32, oneOf(512, 1024, 2048, 4096, 8192, 16384, 32768), "Bad logical sector size : %s")
		m.sectorSize, m.sectorSizeSet = int(n), 1
	case 'v':
		m.verbose++
	case optHelp:
		return m.usage(0)
	case optInvariant:
		m.invariant = true
		m.volumeID = invariantID
		m.created = time.Unix(invariantTime, 0)
	case optMBR:
		err = m.mbrOption(v, o.HasValue)
	case optVariant:
		switch strings.ToLower(v) {
		case "standard":
			m.atari = false
		case "atari":
			m.atari = true
		default:
			return m.badUsage("Unknown variant: %s", v)
		}
	case optOffset:
		n, good := cNumber(v, 0, 64)
		if !good {
			return m.badUsage("Bad number for offset : %s", v)
		}
		if n < 0 {
			return m.badUsage("FAT offset must be between 0 and %d: %s", int64(1<<63-1), v)
		}
		m.offset = n
	}
	return err
}

// geometryOption is -g HEADS/SECTORS.
func (m *mkfs) geometryOption(v string) error {
	heads, secs, found := strings.Cut(v, "/")
	h, ok1 := cNumber(heads, 0, 64)
	s, ok2 := cNumber(secs, 0, 64)
	if !found || !ok1 || !ok2 || h <= 0 || h > 0xffff || s <= 0 || s > 0xffff {
		return m.badUsage("Bad format of geometry : %s", v)
	}
	m.heads, m.secsTrack = int(h), int(s)
	return nil
}

// volumeIDOption is -i: hexadecimal, 32 bits.
func (m *mkfs) volumeIDOption(v string) error {
	n, whole, overflow := strtoll(v, 16, 64)
	switch {
	case !whole || n < 0:
		return m.badUsage("Volume ID must be a hexadecimal number")
	case overflow || n > 1<<32-1:
		return m.badUsage("Volume ID does not fit in 32 bit")
	}
	m.volumeID = uint32(n)
	return nil
}

// mbrOption is --mbr[=y|n|a].
func (m *mkfs) mbrOption(v string, given bool) error {
	switch strings.ToLower(v) {
	case "y", "yes":
		m.mbr = 1
	case "n", "no":
		m.mbr = 0
	case "a", "auto":
		m.mbr = -1
	default:
		if !given {
			m.mbr = 1
			return nil
		}
		return m.badUsage("Unknown option for --mbr: '%s'", v)
	}
	return nil
}

// usage prints our summary of the options to standard error (standard
// output for --help) and ends the run with status.
func (m *mkfs) usage(status int) error {
	w := m.Errw
	fmt.Fprintf(w, "Usage: %s [OPTIONS] TARGET [BLOCKS]\n", m.Argv0)
	fmt.Fprint(w, mkfsHelp)
	if status == 0 {
		m.Exit(0)
		return errHelp
	}
	return errDied
}

// errHelp ends a run after --help, successfully.
var errHelp = errors.New("help")

const mkfsHelp = `Make a FAT12, FAT16 or FAT32 filesystem on TARGET, a block device or an
image file, over BLOCKS KiB of it or all of it. -C makes TARGET as a new
file of BLOCKS KiB.

Options:
  -a              do not align the FATs and data area to clusters
  -A              switch to (or back from) the Atari variant
  -b SECTOR       where FAT32's backup boot sector goes (0: none)
  -c              read the target for bad blocks first
  -C              create TARGET, BLOCKS long
  -D NUMBER       BIOS drive number in the boot sector
  -f COUNT        how many FATs (1 to 4)
  -F SIZE         FAT width: 12, 16 or 32 bits
  -g HEADS/SECS   geometry written to the boot sector
  -h NUMBER       hidden sectors written to the boot sector
  -i VOLID        volume ID, 32 bits in hexadecimal
  -I              make the filesystem on a partitioned device anyway
  -l FILENAME     mark the blocks FILENAME lists as bad
  -m FILENAME     boot message from FILENAME (- for standard input)
  -M TYPE         media descriptor byte
  --mbr[=y|n|a]   put a one-partition MBR table in the boot sector
  -n LABEL        volume label, at most 11 characters
  --codepage=N    DOS codepage of the label (default 850)
  -r COUNT        root directory entries, at least
  -R COUNT        reserved sectors, at least
  -s COUNT        sectors per cluster (a power of two up to 128)
  -S SIZE         logical sector size (a power of two from 512)
  -v              say what is being made (twice: how it was chosen)
  --variant=TYPE  standard or atari
  --invariant     fixed volume ID and times, for reproducible images
  --offset=SECTOR start the filesystem at SECTOR of TARGET
  --help          show this summary
`

// make opens the target, works out the layout and writes it.
func (m *mkfs) make() error {
	fd, err := m.open()
	if err != nil {
		return err
	}
	defer m.Task.Close(fd)
	info, err := m.deviceInfo(fd)
	if err != nil {
		return err
	}
	if info.size <= 0 {
		return m.die("unable to discover size of %s", m.device)
	}
	if info.sectorSize > 0 {
		if m.sectorSizeSet == 0 {
			m.sectorSize, m.sectorSizeSet = info.sectorSize, 1
		} else if m.sectorSize < info.sectorSize {
			m.sectorSize = info.sectorSize
			m.warn("Warning: sector size was set to %d (minimal for this device)\n", m.sectorSize)
		}
		if info.size <= m.offset*int64(m.sectorSize) {
			return m.die("The device %s size %d is less then the offset %d", m.device, info.size, m.offset*int64(m.sectorSize))
		}
	}
	if m.sectorSize > 4096 {
		m.warn("Warning: sector size %d > 4096 is non-standard, filesystem may not be usable\n", m.sectorSize)
	}
	avail := info.size - m.offset*int64(m.sectorSize)
	found := avail / blockSize
	m.orphans = avail % blockSize / int64(m.sectorSize)
	if m.blocksGiven {
		if m.blocks != found {
			m.warn("Warning: block count mismatch: found %d but assuming %d.\n", found, m.blocks)
		}
	} else {
		m.blocks = found
	}
	if !m.ignoreSafety && info.hasChildren {
		return m.die("Partitions or virtual mappings on device '%s', not making filesystem (use -I to override)", m.device)
	}
	if m.mbr == -1 {
		m.mbr = 0
		if info.kind == kindFixed && info.partition == 0 {
			m.mbr = 1
		}
	}
	m.establish(info)
	img, err := m.setupTables(fd)
	if err != nil {
		return err
	}
	if err := m.write(fd, img); err != nil {
		return err
	}
	if err := m.Task.Fsync(fd); err != nil {
		m.warn("%s: unable to synchronize %s:%s\n", m.Name, m.device, applet.ErrText(err))
		return errDied
	}
	return nil
}

// open opens the target exclusively for writing, or makes it with -C
// at its full size.
func (m *mkfs) open() (int, error) {
	t := m.Task
	if !m.create {
		if m.mountedByName() {
			return -1, m.die("%s contains a mounted filesystem.", m.device)
		}
		fd, err := t.Open(m.device, linux.O_EXCL|linux.O_RDWR, 0)
		if err != nil {
			m.warn("%s: unable to open %s: %s\n", m.Name, m.device, applet.ErrText(err))
			return -1, errDied
		}
		return fd, nil
	}
	fd, err := t.Open(m.device, linux.O_EXCL|linux.O_RDWR|linux.O_CREAT, 0o666)
	if err != nil {
		if errors.Is(err, linux.EEXIST) {
			return -1, m.die("file %s already exists", m.device)
		}
		return -1, m.die("unable to create %s", m.device)
	}
	if err := t.Ftruncate(fd, m.offset*int64(m.sectorSize)+m.blocks*blockSize); err != nil {
		t.Close(fd)
		return -1, m.die("unable to resize %s", m.device)
	}
	return fd, nil
}

// messageOption is -m: the boot message from a file or standard input,
// line feeds made CR LF and tabs expanded, as much as fits the boot code
// with its terminating zero. A file that cannot be opened is reported
// and the default message kept.
func (m *mkfs) messageOption(name string) error {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(m.Stdin)
	} else {
		var f *applet.File
		if f, err = applet.OpenFile(m.Task, name, linux.O_RDONLY, 0); err == nil {
			data, err = io.ReadAll(f)
			f.Close()
		}
	}
	if err != nil {
		m.warn("%s: %s\n", name, applet.ErrText(err))
		return nil
	}
	room := 448 - 1 - len(bootProgram) // the code area less the program and a zero
	var msg []byte
	col, i := 0, 0
	for ; i < len(data) && len(msg) < room; i++ {
		switch c := data[i]; c {
		case '\r', 0:
		case '\n':
			if col > 0 {
				msg = append(msg, '\r')
				col = 0
			}
			msg = append(msg, '\n')
		case '\t':
			for {
				msg = append(msg, ' ')
				col++
				if col%8 == 0 || len(msg) >= room {
					break
				}
			}
		default:
			msg = append(msg, c)
			col++
		}
	}
	if len(msg) > room {
		msg = msg[:room]
	}
	if i < len(data) || len(msg) >= room {
		m.printf("Warning: message too long; truncated\n")
	}
	m.message = msg
	return nil
}
