// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
)

// systemPageSize is the page size of the modelled machine.
const systemPageSize = 4096

// minSwapPages is the smallest swap area mkswap makes, in pages.
const minSwapPages = 10

// mkswapRun is one mkswap(8) command.
type mkswapRun struct {
	*cmd
	label, uuidArg string
	pageSize       int
	force, quiet   bool
	dev            string
	blocks         int64 // -1: the whole device
}

// mkswapApplet is util-linux's mkswap(8): a version 1 swap header on a
// file or block device, old signatures wiped first.
func mkswapApplet(cmd *cmd) int {
	c := &mkswapRun{cmd: cmd, pageSize: systemPageSize, blocks: -1}
	fs := c.FlagSet()
	fs.Synopsis = "[options] device [size]"
	fs.About = "Write a swap area header (version 1) on a file or block device."
	fs.ShortHelp = true
	badUsage := false
	fs.BoolVarP(&c.force, "force", "f", false, "accept a size beyond the device's")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "print neither the result nor warnings")
	fs.ArgFunc("pagesize", "p", "use `SIZE` bytes as the page size", func(v string) error {
		n, err := strconv.ParseUint(v, 10, 31)
		if err != nil {
			c.warnf("parsing page size failed: '%s'", v)
			badUsage = true
			return applet.ErrReported
		}
		if n != 0 {
			c.pageSize = int(n)
		}
		return nil
	})
	fs.StringVarP(&c.label, "label", "L", "", "name the area `LABEL`")
	fs.ArgFunc("swapversion", "v", "header version `NUM` (only 1)", func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n != 1 {
			c.warnf("swapspace version %d is not supported", n)
			badUsage = true
			return applet.ErrReported
		}
		return nil
	})
	fs.StringVarP(&c.uuidArg, "uuid", "U", "", "give the area `UUID`")
	fs.Bool("verbose", false, "say more")
	fs.OptionalLongArgFunc("lock", "", "lock the device (`MODE`: yes, no or nonblock)", func(string, bool) error { return nil })
	ops, ok := c.Parse(fs)
	if !ok {
		if badUsage {
			return 1
		}
		return c.UsageStatus
	}
	return c.run(ops)
}

// run checks the operands and settings, then writes the area.
func (c *mkswapRun) run(ops []string) int {
	uuid, ok := c.uuid()
	if !ok {
		c.warnf("error: parsing UUID failed")
		return 1
	}
	switch len(ops) {
	case 0:
		c.warnf("error: Nowhere to set up swap on?")
		return c.tryHelp(1)
	case 1, 2:
	default:
		c.warnf("only one device argument is currently supported")
		return c.tryHelp(1)
	}
	c.dev = ops[0]
	if len(ops) == 2 {
		n, err := strconv.ParseInt(ops[1], 0, 64)
		if err != nil || n < 0 {
			c.warnf("invalid block count argument: '%s'", ops[1])
			return 1
		}
		if n > 0 {
			c.blocks = n
		}
	}
	if c.pageSize != systemPageSize {
		if bits.OnesCount(uint(c.pageSize)) != 1 {
			c.warnf("Bad user-specified page size %d", c.pageSize)
			return 1
		}
		c.warnf("Using user-specified page size %d, instead of the system value %d", c.pageSize, systemPageSize)
	}
	return c.write(uuid)
}

// uuid is -U's UUID or a random (version 4) one.
func (c *mkswapRun) uuid() ([]byte, bool) {
	if c.uuidArg == "" {
		u := make([]byte, 16)
		rand.Read(u)
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		return u, true
	}
	return parseUUID(c.uuidArg)
}

// parseUUID reads the 36-character form with its four dashes.
func parseUUID(s string) ([]byte, bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return nil, false
	}
	u, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	return u, err == nil
}

// write opens the device, sizes the area, wipes what was there and
// writes the header page.
func (c *mkswapRun) write(uuid []byte) int {
	t := c.Task
	f, err := openProbeFileFlags(t, c.dev, linux.O_RDWR|linux.O_CLOEXEC)
	if err != nil {
		c.warnf("cannot open %s: %s", c.dev, applet.ErrText(err))
		return 1
	}
	defer f.close()
	size, ok := c.areaSize(f.size)
	if !ok {
		return 1
	}
	pages := size / int64(c.pageSize)
	if pages < minSwapPages {
		c.warnf("error: swap area needs to be at least %d KiB", minSwapPages*c.pageSize/1024)
		return 1
	}
	if f.isBlock() && c.deviceInUse(f) {
		c.warnf("error: %s is mounted; will not make swapspace", c.dev)
		return 1
	}
	if !c.quiet && applet.IsReg(uint32(f.st.Mode)) {
		c.checkPerms(uint32(f.st.Mode), f.st.UID)
	}
	table, err := c.wipe(f)
	if err != nil {
		c.warnf("%s: write failed: %s", c.dev, applet.ErrText(err))
		return 1
	}
	page := c.headerPage(pages, uuid)
	start := 0
	if table != "" && !c.force {
		// The boot block holds the table: only the header is written.
		c.warnf("%s: warning: don't erase bootbits sectors\n        (%s partition table detected). Use -f to force.", c.dev, table)
		start = 1024
	}
	if _, err := t.Pwrite(f.fd, page[start:], int64(start)); err != nil {
		c.warnf("%s: unable to write signature page: %s", c.dev, applet.ErrText(err))
		return 1
	}
	if err := t.Fsync(f.fd); err != nil {
		c.warnf("fsync failed: %s", applet.ErrText(err))
		return 1
	}
	if !c.quiet {
		c.report(pages, uuid)
	}
	return 0
}

// areaSize is the bytes the area spans: the device, or the size operand
// (in KiB, rounded down to pages), which only -f lets exceed the device.
func (c *mkswapRun) areaSize(devSize int64) (int64, bool) {
	if c.blocks < 0 {
		return devSize, true
	}
	perPage := int64(c.pageSize / 1024)
	kib := c.blocks
	if perPage > 0 {
		kib = kib / perPage * perPage
	}
	if kib*1024 > devSize && !c.force {
		c.warnf("error: size %d KiB is larger than device size %d KiB", kib, devSize/1024)
		return 0, false
	}
	return kib * 1024, true
}

// checkPerms warns of a swap file others could read or that root does
// not own.
func (c *mkswapRun) checkPerms(mode, uid uint32) {
	if perm := mode & 0o7777; perm&^0o600 != 0 {
		c.warnf("%s: insecure permissions %04o, fix with: chmod 0600 %s", c.dev, perm, c.dev)
	}
	if uid != 0 {
		c.warnf("%s: insecure file owner %d, fix with: chown 0:0 %s", c.dev, uid, c.dev)
	}
}

// deviceInUse is whether the block device is mounted or an active swap
// area (its number in mountinfo, its name in /proc/swaps).
func (c *mkswapRun) deviceInUse(f *probeFile) bool {
	dev := fmt.Sprintf("%d:%d", linux.Major(f.st.Rdev()), linux.Minor(f.st.Rdev()))
	if text, err := readProcFile(c.Task, "/proc/self/mountinfo"); err == nil {
		mounts, _ := mountinfo.ParseAll(text)
		for _, m := range mounts {
			if m.Dev() == dev {
				return true
			}
		}
	}
	for _, a := range readSwaps(c.Task) {
		if st, err := c.Task.Stat(a.name); err == nil && applet.IsBlk(uint32(st.Mode)) && st.Rdev() == f.st.Rdev() {
			return true
		}
	}
	return false
}

// wipe erases the magic of every filesystem or other signature on the
// device, naming each type once, as mkswap warns before it writes; a
// partition table is left for the boot block's rule and its type
// returned.
func (c *mkswapRun) wipe(f *probeFile) (string, error) {
	sigs, err := blkprobe.Signatures(f.device(false), nil)
	if err != nil {
		return "", err
	}
	last, table := "", ""
	for _, s := range sigs {
		if s.Usage == blkprobe.PartitionTableUsage {
			if table == "" {
				table = s.Type
			}
			continue
		}
		if s.Type != last && !c.quiet {
			c.warnf("%s: warning: wiping old %s signature.", c.dev, s.Type)
		}
		last = s.Type
		if _, err := c.Task.Pwrite(f.fd, make([]byte, len(s.Magic)), s.Offset); err != nil {
			return "", err
		}
	}
	return table, nil
}

// headerPage is the first page of the area: zeros where boot code
// would be, the version 1 header (last page, no bad pages, UUID, label)
// and the signature at the page's end.
func (c *mkswapRun) headerPage(pages int64, uuid []byte) []byte {
	page := make([]byte, c.pageSize)
	le := binary.LittleEndian
	le.PutUint32(page[1024:], 1)
	le.PutUint32(page[1028:], uint32(pages-1))
	copy(page[1036:], uuid)
	label := c.label
	if len(label) > 15 {
		label = label[:15]
		c.warnf("Label was truncated.")
	}
	copy(page[1052:], label)
	copy(page[c.pageSize-10:], "SWAPSPACE2")
	return page
}

// report is the two lines of a made area: its usable size (the header
// page left out), then its label and UUID.
func (c *mkswapRun) report(pages int64, uuid []byte) {
	bytes := uint64(pages-1) * uint64(c.pageSize)
	fmt.Fprintf(c.Out, "Setting up swapspace version 1, size = %s (%d bytes)\n", humanIEC(bytes), bytes)
	id := fmt.Sprintf("%x-%x-%x-%x-%x", uuid[0:4], uuid[4:6], uuid[6:8], uuid[8:10], uuid[10:16])
	label := c.label
	if len(label) > 15 {
		label = label[:15]
	}
	if label == "" {
		fmt.Fprintf(c.Out, "no label, UUID=%s\n", id)
	} else {
		fmt.Fprintf(c.Out, "LABEL=%s, UUID=%s\n", label, id)
	}
}
