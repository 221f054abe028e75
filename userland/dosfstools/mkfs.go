// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"errors"
	"fmt"
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
