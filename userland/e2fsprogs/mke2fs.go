// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/bits"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// The version the package's programs report.
const (
	e2fsVersion = "1.47.0"
	e2fsDate    = "5-Feb-2023"
)

// mke2fsOpts is mke2fs's short option table.
var mke2fsOpts = func() []getopt.Option {
	var opts []getopt.Option
	for _, c := range "cjnqvDFKSV" {
		opts = append(opts, getopt.Option{Short: byte(c)})
	}
	for _, c := range "bdegilmorstCEGIJLMNORTUz" {
		opts = append(opts, getopt.Option{Short: byte(c), Arg: getopt.RequiredArg})
	}
	return opts
}()

// mkfsRun is one mke2fs command.
type mkfsRun struct {
	c     *applet.Cmd
	s     settings
	quiet bool
	// noDiscard is -K or -E nodiscard: the device is not discarded.
	noDiscard bool
	verbose   bool
	noAction  bool
	force     int
	dev       string
	uuidArg   string
	seedArg   string
	extended  []string
	typeSet   bool // -t given
	usageSet  bool // -T given
	// warnedJournal: the first layout's "too small for a journal" was
	// said.
	warnedJournal bool
}

// mke2fsApplet is e2fsprogs' mke2fs(8).
func mke2fsApplet(c *applet.Cmd) int {
	r := &mkfsRun{c: c, s: settings{lazyItable: true, itableZeroed: true}}
	switch path.Base(c.Argv0) {
	case "mkfs.ext2":
		r.s.fsType = "ext2"
	case "mkfs.ext3":
		r.s.fsType = "ext3"
	case "mkfs.ext4":
		r.s.fsType = "ext4"
	}
	p := getopt.Parser{Options: mke2fsOpts, InOrder: c.EnvSet("POSIXLY_CORRECT")}
	opts, ops, err := p.Parse(c.Args)
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, err)
		return r.usage()
	}
	for _, o := range opts {
		if st, done := r.option(o); done {
			return st
		}
	}
	if !r.quiet {
		r.version()
	}
	if len(ops) < 1 || len(ops) > 2 {
		return r.usage()
	}
	r.dev = ops[0]
	if len(ops) == 2 {
		n, ok := parseBlocks(ops[1], r.s.blockSize)
		if !ok {
			fmt.Fprintf(c.Errw, "%s: invalid blocks '%s' on device '%s'\n", c.Name, ops[1], r.dev)
			return 1
		}
		r.s.blocksArg = n
	}
	return r.run()
}

// version is the line every run but a quiet one starts with.
func (r *mkfsRun) version() {
	fmt.Fprintf(r.c.Errw, "mke2fs %s (%s)\n", e2fsVersion, e2fsDate)
}

// usage is the synopsis after a bad command line (our wording).
func (r *mkfsRun) usage() int {
	fmt.Fprintf(r.c.Errw, "Usage: %s [-b block-size] [-i bytes-per-inode] [-I inode-size]\n"+
		"\t[-J size=MB] [-N number-of-inodes] [-m reserved-percent] [-L label]\n"+
		"\t[-O feature[,...]] [-E extended-option[,...]] [-t fs-type]\n"+
		"\t[-T usage-type] [-U UUID] [-jnqvFV] device [blocks-count]\n", r.c.Name)
	return 1
}

// option applies one option; done says the command ends with status.
func (r *mkfsRun) option(o getopt.Parsed) (status int, done bool) {
	c, v := r.c, o.Value
	if complaint, ok := r.sizeOption(o); ok {
		if complaint != "" {
			return r.fail(complaint)
		}
		return 0, false
	}
	switch o.ID {
	case 'L':
		r.s.label = v
		if len(v) > labelLen {
			fmt.Fprintf(c.Errw, "Warning: label too long; will be truncated to '%s'\n\n", v[:labelLen])
			r.s.label = v[:labelLen]
		}
	case 'U':
		r.uuidArg = v
	case 'O':
		r.s.featureEdits = append(r.s.featureEdits, v)
	case 'E', 'R': // -R is -E's old name; the last one counts
		r.extended = []string{v}
	case 't':
		if r.typeSet {
			return r.fail("The -t option may only be used once")
		}
		r.typeSet, r.s.fsType = true, v
	case 'T':
		if r.usageSet {
			return r.fail("The -T option may only be used once")
		}
		r.usageSet, r.s.usage = true, strings.Split(v, ",")
	case 'e':
		behav := map[string]uint16{"continue": 1, "remount-ro": 2, "panic": 3}[v]
		if behav == 0 {
			fmt.Fprintf(c.Errw, "%s: bad error behavior - %s\n", c.Name, v)
			return r.usage(), true
		}
		r.s.errorsBehav = behav
	case 'M':
		r.s.lastMounted = v
	case 'J':
		return r.journalOpts(v)
	case 'c', 'l', 'C', 'd', 'o', 'r', 's', 'S', 'z':
		// Bad-block scans, bigalloc, populating from a directory, other
		// creator systems and revisions, undo files: not modelled.
		return r.fail(fmt.Sprintf("option -%c is not supported here", o.ID))
	case 'V':
		r.version()
		fmt.Fprintf(c.Errw, "\tUsing EXT2FS Library version %s\n", e2fsVersion)
		return 0, true
	default:
		r.flag(o.ID)
	}
	return 0, false
}

// flag applies an option without an argument (but -V).
func (r *mkfsRun) flag(id int) {
	switch id {
	case 'j':
		r.s.journal = true
	case 'q':
		r.quiet = true
	case 'v':
		r.verbose = true
	case 'n':
		r.noAction = true
	case 'F':
		r.force++
	case 'K':
		fmt.Fprintf(r.c.Errw, "Warning: -K option is deprecated and should not be used anymore. Use '-E nodiscard' extended option instead!\n")
		r.noDiscard = true
	}
}

// fail reports a bad option's value as mke2fs does: status 1.
func (r *mkfsRun) fail(complaint string) (int, bool) {
	fmt.Fprintf(r.c.Errw, "%s: %s\n", r.c.Name, complaint)
	return 1, true
}

// sizeOption applies the options taking a number (-b, -i, -I, -N, -m,
// -g, -G); handled says o was one, complaint what is wrong with it.
func (r *mkfsRun) sizeOption(o getopt.Parsed) (complaint string, handled bool) {
	v := o.Value
	n, err := strconv.ParseUint(v, 0, 64)
	if o.ID == 'b' && len(v) > 1 && (v[len(v)-1] == 'k' || v[len(v)-1] == 'K') {
		n, err = strconv.ParseUint(v[:len(v)-1], 10, 32)
		n *= 1024 // -b 4k
	}
	switch o.ID {
	case 'b':
		if err != nil || n < 1024 || n > 65536 {
			return "invalid block size - " + v, true
		}
		r.s.blockSize = 1 << (bits.Len64(n) - 1) // rounded down to a power of 2
	case 'i':
		if err != nil || n < 1024 || n > 65536*1024 {
			return fmt.Sprintf("invalid inode ratio %s (min %d/max %d)", v, 1024, 65536*1024), true
		}
		r.s.inodeRatio = n
	case 'I':
		if err != nil || n < 128 || n > 1024 || n&(n-1) != 0 {
			return fmt.Sprintf("invalid inode size %s (min %d/max %d)", v, 128, 1024), true
		}
		r.s.inodeSize = uint32(n)
	case 'N':
		if err != nil || n > 0xffffffff {
			return "invalid inodes count - " + v, true
		}
		r.s.inodes = n
	case 'm':
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f > 50 || f < 0 {
			return "invalid reserved blocks percent - " + v, true
		}
		r.s.reservedRatio, r.s.reservedSet = f, true
	case 'g':
		if err != nil || n > 0xffffffff {
			return "Illegal number for blocks per group", true
		}
		if n%8 != 0 {
			return "blocks per group must be multiple of 8", true
		}
		r.s.blocksPerGrp = n
	case 'G':
		if err != nil || n > 0xffffffff {
			return "Illegal number for flex_bg size", true
		}
		if n == 0 || n&(n-1) != 0 {
			return "flex_bg size must be a power of 2", true
		}
		r.s.flexSize = n
	default:
		return "", false
	}
	return "", true
}

// journalOpts reads -J: size= (MiB) is what an internal journal takes.
func (r *mkfsRun) journalOpts(v string) (status int, done bool) {
	r.s.journal = true
	for _, w := range strings.Split(v, ",") {
		name, val, _ := strings.Cut(w, "=")
		switch name {
		case "size":
			n, err := strconv.Atoi(val)
			if err != nil || n <= 0 {
				fmt.Fprintf(r.c.Errw, "\nBad journal options specified.\n\n")
				return 1, true
			}
			r.s.journalMB = n
		default:
			fmt.Fprintf(r.c.Errw, "\nBad journal options specified.\n\n")
			return 1, true
		}
	}
	return 0, false
}

// parseBlocks reads the blocks-count operand: a number of blocks (1k,
// or -b's size), or a size with a k, m, g or t suffix.
func parseBlocks(s string, blockSize int) (uint64, bool) {
	end := len(s)
	for end > 0 && (s[end-1] < '0' || s[end-1] > '9') {
		end--
	}
	n, err := strconv.ParseUint(s[:end], 10, 64)
	if err != nil {
		return 0, false
	}
	unit := uint64(1024)
	if blockSize > 0 {
		unit = uint64(blockSize)
	}
	shift := 0
	switch strings.ToLower(s[end:]) {
	case "":
		return n, true
	case "s":
		return n * 512 / unit, true
	case "k":
		shift = 10
	case "m":
		shift = 20
	case "g":
		shift = 30
	case "t":
		shift = 40
	default:
		return 0, false
	}
	return n << shift / unit, true
}

// extendedOpts applies -E's comma-separated options.
func (r *mkfsRun) extendedOpts() bool {
	var bad []string
	for _, list := range r.extended {
		for _, w := range strings.Split(list, ",") {
			if w == "" {
				continue
			}
			name, val, has := strings.Cut(w, "=")
			switch name {
			case "root_owner":
				if !has {
					r.s.rootUID, r.s.rootGID = r.c.Task.Getuid(), r.c.Task.Getgid()
				} else {
					u, g, ok := strings.Cut(val, ":")
					uid, err1 := strconv.ParseUint(u, 10, 32)
					gid, err2 := strconv.ParseUint(g, 10, 32)
					if !ok || err1 != nil || err2 != nil {
						fmt.Fprintf(r.c.Errw, "Invalid root_owner: '%s'\n", val)
						bad = append(bad, w)
						continue
					}
					r.s.rootUID, r.s.rootGID = uint32(uid), uint32(gid)
				}
			case "hash_seed":
				r.seedArg = val
			case "lazy_itable_init":
				r.s.lazyItable = !has || val != "0"
			case "nodiscard":
				r.noDiscard = true
			case "discard":
				r.noDiscard = false
			case "lazy_journal_init":
				// Zeros read back either way here.
			default:
				bad = append(bad, w)
			}
		}
	}
	if len(bad) > 0 {
		fmt.Fprintf(r.c.Errw, "\nBad option(s) specified: %s\n\n"+
			"Extended options are separated by commas; those this mke2fs takes are\n"+
			"\troot_owner[=uid:gid], hash_seed=UUID, lazy_itable_init[=0|1],\n"+
			"\tlazy_journal_init[=0|1], discard, nodiscard\n\n", strings.Join(bad, ","))
		return false
	}
	return true
}

// randomUUID is a version 4 UUID.
func randomUUID() [16]byte {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// uuidString is the UUID's 36-character form.
func uuidString(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// errNoSize is a missing file with no size operand to make it.
var errNoSize = errors.New("no size")

// run makes the filesystem on r.dev.
func (r *mkfsRun) run() int {
	c := r.c
	if !r.extendedOpts() {
		return 1
	}
	dev, err := r.openDevice()
	if err != nil {
		if err == errNoSize {
			fmt.Fprintf(c.Errw, "The file %s does not exist and no size was specified.\n", r.dev)
		} else {
			fmt.Fprintf(c.Errw, "%s: %s while trying to determine filesystem size\n", c.Name, applet.ErrText(err))
		}
		return 1
	}
	defer dev.close()
	if dev.size == 0 && r.s.blocksArg == 0 {
		fmt.Fprintf(c.Errw, "%s: Device size reported to be zero.  Invalid partition specified, or\n"+
			"\tpartition table wasn't reread after running fdisk, due to\n"+
			"\ta modified partition being busy and in use.  You may need to reboot\n"+
			"\tto re-read your partition table.\n\n", c.Name)
		return 1
	}
	if dev.block && r.mounted(dev) {
		fmt.Fprintf(c.Errw, "%s is mounted; will not make a filesystem here!\n", r.dev)
		return 1
	}
	if !r.fixRandom() {
		return 1
	}
	if err := r.notices(dev); err != nil {
		return r.layoutFailed(err)
	}
	img, err := r.layout(dev)
	if err != nil {
		return r.layoutFailed(err)
	}
	if r.noAction {
		r.stats(img)
		return 0
	}
	// A file made just now (its size 0) is not discarded.
	if dev.size == 0 || r.noDiscard || !r.discard(dev, img) {
		// The inode tables' flags say whether they read as zeros.
		r.s.itableZeroed = false
		if img, err = r.layout(dev); err != nil {
			return r.layoutFailed(err)
		}
	}
	zero := !r.s.itableZeroed
	if !r.quiet {
		r.stats(img)
	}
	return r.write(dev, img, zero)
}

// fixRandom settles the UUID and hash seed and the time.
func (r *mkfsRun) fixRandom() bool {
	c := r.c
	switch r.uuidArg {
	case "", "random", "time":
		r.s.uuid = randomUUID()
	case "clear", "null":
	default:
		u, ok := parseUUID(r.uuidArg)
		if !ok {
			fmt.Fprintf(c.Errw, "%s: could not parse UUID: %s\n\n", r.dev, r.uuidArg)
			return false
		}
		r.s.uuid = u
	}
	if r.seedArg != "" {
		u, ok := parseUUID(r.seedArg)
		if !ok {
			fmt.Fprintf(c.Errw, "Invalid hash seed: %s\n", r.seedArg)
			return false
		}
		r.s.hashSeed = u
	} else {
		r.s.hashSeed = randomUUID()
	}
	if t := c.Getenv("E2FSPROGS_FAKE_TIME"); t != "" {
		n, _ := strconv.ParseInt(t, 0, 64)
		r.s.now = uint32(n)
	} else {
		r.s.now = uint32(c.Task.Kernel().Now().Sec)
	}
	return true
}

// notices are what mke2fs says while it reads its profile: usage types
// it does not know, the types it resolved (-v), small inodes.
func (r *mkfsRun) notices(dev *device) error {
	p, types, err := r.s.decide(uint64(dev.size))
	if err != nil {
		return err
	}
	for _, w := range r.s.warnings {
		fmt.Fprint(r.c.Errw, w)
	}
	if r.verbose {
		fmt.Fprintf(r.c.Out, "fs_types for mke2fs.conf resolution: '%s'\n", strings.Join(types, "', '"))
	}
	if p.warnY2038 {
		fmt.Fprintf(r.c.Out, "128-byte inodes cannot handle dates beyond 2038 and are deprecated\n")
	}
	r.c.Out.Flush()
	return nil
}

// layout makes the image in memory, the journal's "too small" notice
// given once.
func (r *mkfsRun) layout(dev *device) (*image, error) {
	img, err := r.s.makeImage(uint64(dev.size))
	var nj noJournalError
	if errors.As(err, &nj) && !r.warnedJournal {
		fmt.Fprintf(r.c.Errw, "\nFilesystem too small for a journal\n")
		r.warnedJournal = true
		return nil, nj.error
	}
	if err != nil {
		return nil, err
	}
	if img.tooSmallForJournal && !r.warnedJournal {
		fmt.Fprintf(r.c.Errw, "\nFilesystem too small for a journal\n")
	}
	r.warnedJournal = true
	return img, nil
}

// layoutFailed reports why no filesystem could be laid out.
func (r *mkfsRun) layoutFailed(err error) int {
	var ue *usageError
	var je *journalError
	var se stageError
	switch {
	case errors.As(err, &se):
		fmt.Fprintf(r.c.Errw, "%s\n", se)
	case errors.As(err, &je):
		fmt.Fprintf(r.c.Errw, "%s: %s \n\twhile trying to create journal\n", r.c.Name, je.err)
	case errors.As(err, &ue) && ue.stdout:
		fmt.Fprintf(r.c.Out, "%s\n", ue.msg)
	case errors.As(err, &ue) && ue.named:
		fmt.Fprintf(r.c.Errw, "%s: %s\n", r.c.Name, ue.msg)
	case errors.As(err, &ue):
		fmt.Fprintf(r.c.Errw, "%s\n", ue.msg)
	default:
		fmt.Fprintf(r.c.Errw, "%s: %s while setting up superblock\n", r.dev, err)
	}
	return 1
}

// stats is what mke2fs says about the filesystem before writing it.
func (r *mkfsRun) stats(m *image) {
	out, g := r.c.Out, m.g
	if r.verbose {
		if g.blocks != m.p.blocks {
			out.Flush()
			fmt.Fprintf(r.c.Errw, "warning: %d blocks unused.\n\n", m.p.blocks-g.blocks)
		}
		r.verboseStats(m)
	} else {
		fmt.Fprintf(out, "Creating filesystem with %d %dk blocks and %d inodes\n", g.blocks, m.p.blockSize/1024, g.inodes)
	}
	if g.groups == 1 {
		fmt.Fprintf(out, "\n")
		return
	}
	if m.p.uuid != [16]byte{} {
		fmt.Fprintf(out, "Filesystem UUID: %s\n", uuidString(m.p.uuid))
	}
	fmt.Fprintf(out, "Superblock backups stored on blocks: ")
	left := 0
	for i, grp := range g.backupGroups() {
		blk := g.groupFirst(grp)
		if i > 0 {
			fmt.Fprintf(out, ", ")
		}
		need := len(strconv.FormatUint(blk, 10)) + 2
		if need > left {
			fmt.Fprintf(out, "\n\t")
			left = 72
		}
		left -= need
		fmt.Fprintf(out, "%d", blk)
	}
	fmt.Fprintf(out, "\n\n")
}

// verboseStats is -v's longer account.
func (r *mkfsRun) verboseStats(m *image) {
	out, g := r.c.Out, m.g
	logBS := 0
	for 1024<<logBS < int(m.p.blockSize) {
		logBS++
	}
	fmt.Fprintf(out, "Filesystem label=%s\n", m.p.label)
	fmt.Fprintf(out, "OS type: Linux\n")
	fmt.Fprintf(out, "Block size=%d (log=%d)\n", m.p.blockSize, logBS)
	fmt.Fprintf(out, "Fragment size=%d (log=%d)\n", m.p.blockSize, logBS)
	fmt.Fprintf(out, "Stride=0 blocks, Stripe width=0 blocks\n")
	fmt.Fprintf(out, "%d inodes, %d blocks\n", g.inodes, g.blocks)
	fmt.Fprintf(out, "%d blocks (%2.2f%%) reserved for the super user\n", g.rBlocks, 100*float64(g.rBlocks)/float64(g.blocks))
	fmt.Fprintf(out, "First data block=%d\n", g.firstData)
	if m.p.rootUID != 0 || m.p.rootGID != 0 {
		fmt.Fprintf(out, "Root directory owner=%d:%d\n", m.p.rootUID, m.p.rootGID)
	}
	if g.rsvGdt != 0 {
		fmt.Fprintf(out, "Maximum filesystem blocks=%d\n", (g.rsvGdt+g.descBlocks)*g.descPerBlock*g.blocksPerGroup)
	}
	if g.groups > 1 {
		fmt.Fprintf(out, "%d block groups\n", g.groups)
	} else {
		fmt.Fprintf(out, "%d block group\n", g.groups)
	}
	fmt.Fprintf(out, "%d blocks per group, %d fragments per group\n", g.blocksPerGroup, g.blocksPerGroup)
	fmt.Fprintf(out, "%d inodes per group\n", g.inodesPerGroup)
}

// progress prints one of mke2fs's counters as it looks when the work
// takes under a second: the label, the first count, then spaces over
// it and the closing message.
func (r *mkfsRun) progress(label string, max uint64, done string) {
	if r.quiet {
		return
	}
	out := r.c.Out
	w := len(strconv.FormatUint(max, 10))
	fmt.Fprint(out, label)
	fmt.Fprintf(out, "%*d/%*d", w, 0, w, max)
	fmt.Fprint(out, strings.Repeat("\b", 2*w+1))
	fmt.Fprint(out, strings.Repeat(" ", 2*w+1))
	fmt.Fprint(out, strings.Repeat("\b", 2*w+1))
	fmt.Fprint(out, done)
	out.Flush()
}

const doneLine = "done                            \n"

// discard throws away the device's blocks (a hole punched through a
// file, BLKDISCARD on a block device), which read back as zeros after;
// false when the device cannot.
func (r *mkfsRun) discard(dev *device, m *image) bool {
	bs := int64(m.p.blockSize)
	blocks := int64(m.g.blocks)
	if dev.discard((blocks-1)*bs, bs) != nil {
		return false
	}
	if !r.quiet {
		r.progress("Discarding device blocks: ", uint64(blocks), "")
	}
	if err := dev.discard(0, blocks*bs); err != nil {
		if !r.quiet {
			fmt.Fprintf(r.c.Out, "failed - %s\n", applet.ErrText(err))
		}
		return false
	}
	if !r.quiet {
		fmt.Fprint(r.c.Out, doneLine)
		if r.verbose && !dev.block {
			fmt.Fprintf(r.c.Out, "Discard succeeded and will return 0s - skipping inode table wipe\n")
		}
	}
	return !dev.block
}

// write puts the image on the device with mke2fs's progress lines.
func (r *mkfsRun) write(dev *device, m *image, zero bool) int {
	c := r.c
	n := m.g.groups
	r.progress("Allocating group tables: ", n, doneLine)
	r.progress("Writing inode tables: ", n, doneLine)
	if m.p.journalBlocks != 0 && !r.quiet {
		fmt.Fprintf(c.Out, "Creating journal (%d blocks): done\n", m.p.journalBlocks)
	}
	err := zapBootSectors(dev)
	if err == nil {
		err = m.writeImage(dev, zero)
	}
	if err != nil {
		c.Out.Flush()
		fmt.Fprintf(c.Errw, "%s: %s while writing out and closing file system\n", c.Name, applet.ErrText(err))
		return 1
	}
	if err := dev.sync(); err != nil {
		fmt.Fprintf(c.Errw, "%s: %s while writing out and closing file system\n", c.Name, applet.ErrText(err))
		return 1
	}
	r.progress("Writing superblocks and filesystem accounting information: ", n, "done\n\n")
	return 0
}

// mounted says whether the block device holds a mounted filesystem.
func (r *mkfsRun) mounted(dev *device) bool {
	return deviceMounted(r.c.Task, dev.rdev)
}
