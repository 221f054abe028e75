// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// tune2fs(8), the part that only rewrites superblock fields: -l lists
// the superblock; -c, -C, -e, -i, -m, -r and -L set the maximal and
// current mount counts, the errors behaviour, the check interval, the
// reserved blocks and the label, in the primary superblock and each
// copy (as e2label writes them); -U sets the UUID of a filesystem
// without checksums. Settings are applied in tune2fs's own
// order whatever the command line's, and the listing comes last.

// Superblock fields the setters write.
const (
	sbRBlocks    = 8
	sbRBlocksHi  = 340
	sbMntCount   = 52
	sbMaxMnt     = 54
	sbErrors     = 60
	sbInterval   = 68
	maxMounts    = 16000
	maxRatio     = 50
	errsContinue = 1
	errsRO       = 2
	errsPanic    = 3
)

// tuneRun is one tune2fs command line.
type tuneRun struct {
	c    *applet.Cmd
	list bool
	set  map[byte]bool

	maxMount, mount int
	errors          uint16
	interval        uint64
	ratio           float64
	rblocks         uint64
	label           string
	uuid            string
}

var tune2fsOpts = func() []getopt.Option {
	opts := []getopt.Option{{Short: 'l'}}
	for _, c := range "cCeimrLU" {
		opts = append(opts, getopt.Option{Short: byte(c), Arg: getopt.RequiredArg})
	}
	return opts
}()

func tune2fsApplet(c *applet.Cmd) int {
	fmt.Fprintf(c.Out, "tune2fs %s\n", e2fsprogsVersion)
	r := &tuneRun{c: c, set: map[byte]bool{}}
	p := getopt.Parser{Options: tune2fsOpts, InOrder: c.EnvSet("POSIXLY_CORRECT")}
	opts, ops, err := p.Parse(c.Args)
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, err)
		return r.usage()
	}
	for _, o := range opts {
		if complaint := r.option(o); complaint != "" {
			fmt.Fprintf(c.Errw, "tune2fs: %s - %s\n", complaint, o.Value)
			return r.usage()
		}
	}
	if len(ops) != 1 || !r.list && len(r.set) == 0 {
		return r.usage()
	}
	return r.run(ops[0])
}

// usage is the synopsis after a bad command line (our wording).
func (r *tuneRun) usage() int {
	fmt.Fprintf(r.c.Errw, "Usage: tune2fs [-l] [-c max-mounts] [-C mounts] [-e continue|remount-ro|panic]\n"+
		"\t[-i interval[d|m|w|s]] [-m reserved-percent] [-r reserved-blocks]\n"+
		"\t[-L label] [-U uuid|clear|random] device\n")
	return 1
}

// option takes one option; a complaint names a bad value.
func (r *tuneRun) option(o getopt.Parsed) string {
	v := o.Value
	id := byte(o.ID)
	switch id {
	case 'l':
		r.list = true
		return ""
	case 'c':
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil || n > maxMounts || n < -maxMounts {
			return "bad mounts count"
		}
		if n == 0 {
			n = -1
		}
		r.maxMount = int(n)
	case 'C':
		n, ok := parseWrapped(v)
		if !ok || n > maxMounts {
			return "bad mounts count"
		}
		r.mount = n
	case 'e':
		e, ok := map[string]uint16{"continue": errsContinue, "remount-ro": errsRO, "panic": errsPanic}[v]
		if !ok {
			return "bad error behavior"
		}
		r.errors = e
	case 'i':
		n, ok := parseInterval(v)
		if !ok {
			return "bad interval"
		}
		r.interval = n
	case 'm':
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f > maxRatio || f < 0 {
			return "bad reserved block ratio"
		}
		r.ratio = f
	case 'r':
		n, err := strconv.ParseUint(v, 0, 64)
		if err != nil {
			return "bad reserved blocks count"
		}
		r.rblocks = n
	case 'L':
		r.label = v
	case 'U':
		r.uuid = v
	}
	r.set[id] = true
	return ""
}

// parseWrapped is strtoul into a C int: "-1" is -1.
func parseWrapped(v string) (int, bool) {
	neg := strings.HasPrefix(v, "-")
	n, err := strconv.ParseUint(strings.TrimPrefix(v, "-"), 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		return -int(int32(n)), true
	}
	return int(int32(n)), true
}

// parseInterval reads a number of days, or of the unit a suffix names:
// d, w, m (30 days) or s (seconds).
func parseInterval(v string) (uint64, bool) {
	end := len(v) - len(strings.TrimLeft(v, "0123456789"))
	if end == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(v[:end], 10, 64)
	if err != nil {
		return 0, false
	}
	unit := map[string]uint64{"": 86400, "d": 86400, "D": 86400, "w": 7 * 86400, "W": 7 * 86400,
		"m": 30 * 86400, "M": 30 * 86400, "s": 1, "S": 1}
	u, ok := unit[v[end:]]
	return n * u, ok
}

// run opens the device, applies the settings in tune2fs's order, writes
// the superblocks back if anything changed, and lists last.
func (r *tuneRun) run(dev string) int {
	c := r.c
	if r.set['L'] {
		if len(r.label) > labelLen {
			fmt.Fprintf(c.Errw, "Warning: label too long, truncating.\n")
			r.label = r.label[:labelLen]
		}
		// A label for a filesystem mounted read-write goes through
		// the mount's label ioctl, and tune2fs stops there: the other
		// settings of the command line are dropped.
		if st, done := labelMounted(c, dev, r.label, true); done {
			return st
		}
	}
	f, raw, err := openFS(c.Task, dev, len(r.set) > 0)
	if err == errSuperCsum {
		f.close()
	}
	if err != nil {
		fmt.Fprintf(c.Errw, "tune2fs: %s while trying to open %s\n", applet.ErrText(err), dev)
		if err != errBadMagic {
			fmt.Fprintf(c.Errw, "Couldn't find valid filesystem superblock.\n")
		}
		return 1
	}
	defer f.close()
	if len(r.set) > 0 {
		if st := r.apply(raw); st != 0 {
			return st
		}
		le.PutUint32(raw[sbWtime:], e2Now(c))
		if err := writeSupers(c, f.fd, raw); err != nil {
			fmt.Fprintf(c.Errw, "tune2fs: %s while writing out and closing file system\n", applet.ErrText(err))
			return 1
		}
	}
	if r.list {
		si, _ := ext4.DecodeSuperInfo(raw)
		listSuper(c.Out, &si, userOwners(c.Task))
	}
	return 0
}

// apply writes the settings into the raw superblock, saying what each
// does.
func (r *tuneRun) apply(raw []byte) int {
	c := r.c
	si, _ := ext4.DecodeSuperInfo(raw)
	if r.set['c'] {
		le.PutUint16(raw[sbMaxMnt:], uint16(int16(r.maxMount)))
		fmt.Fprintf(c.Out, "Setting maximal mount count to %d\n", r.maxMount)
	}
	if r.set['C'] {
		le.PutUint16(raw[sbMntCount:], uint16(r.mount))
		fmt.Fprintf(c.Out, "Setting current mount count to %d\n", r.mount)
	}
	if r.set['e'] {
		le.PutUint16(raw[sbErrors:], r.errors)
		fmt.Fprintf(c.Out, "Setting error behavior to %d\n", r.errors)
	}
	if r.set['i'] {
		if r.interval > 0xFFFFFFFF {
			fmt.Fprintf(c.Errw, "tune2fs: interval between checks is too big (%d)\n", r.interval)
			return 1
		}
		le.PutUint32(raw[sbInterval:], uint32(r.interval))
		fmt.Fprintf(c.Out, "Setting interval between checks to %d seconds\n", r.interval)
	}
	if r.set['m'] {
		n := uint64(r.ratio * float64(si.BlocksCount) / 100)
		putRBlocks(raw, n)
		fmt.Fprintf(c.Out, "Setting reserved blocks percentage to %g%% (%d blocks)\n", r.ratio, n)
	}
	if r.set['r'] {
		if r.rblocks > si.BlocksCount/2 {
			fmt.Fprintf(c.Errw, "tune2fs: reserved blocks count is too big (%d)\n", r.rblocks)
			return 1
		}
		putRBlocks(raw, r.rblocks)
		fmt.Fprintf(c.Out, "Setting reserved blocks count to %d\n", r.rblocks)
	}
	if r.set['L'] {
		clear(raw[sbLabel : sbLabel+labelLen])
		copy(raw[sbLabel:], r.label)
	}
	if r.set['U'] {
		return r.setUUID(raw, &si)
	}
	return 0
}

// setUUID is -U for a filesystem without checksums, where the UUID is
// in the superblock alone: with gdt_csum or metadata_csum every
// descriptor (and inode, directory block...) would need resealing,
// which is not done here.
func (r *tuneRun) setUUID(raw []byte, si *ext4.SuperInfo) int {
	c := r.c
	var u [16]byte
	switch r.uuid {
	case "clear", "null":
	case "random", "time":
		u = randomUUID()
	default:
		var ok bool
		if u, ok = parseUUID(r.uuid); !ok {
			fmt.Fprintf(c.Errw, "tune2fs: Invalid UUID format\n\n")
			return 1
		}
	}
	if si.RoCompat&(roMetadataCsum|roGdtCsum) != 0 {
		fmt.Fprintf(c.Errw, "tune2fs: changing the UUID of a filesystem with checksums is not supported here\n")
		return 1
	}
	copy(raw[104:120], u[:])
	return 0
}

// putRBlocks sets the reserved blocks count, its high half only with
// 64bit.
func putRBlocks(raw []byte, n uint64) {
	le.PutUint32(raw[sbRBlocks:], uint32(n))
	if le.Uint32(raw[96:])&inc64bit != 0 {
		le.PutUint32(raw[sbRBlocksHi:], uint32(n>>32))
	}
}
