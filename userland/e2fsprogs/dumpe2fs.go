// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"errors"
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/ext4"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// libext2fs errors the listing tools report, with the low byte of their
// com_err codes, which dumpe2fs exits with.
var (
	errBadMagic  = &e2Error{"Bad magic number in super-block", 0x13}
	errShortRead = &e2Error{"Attempt to read block from filesystem resulted in short read", 0x24}
	errCorrupt   = &e2Error{"The ext2 superblock is corrupt", 0x3c}
	errSuperCsum = &e2Error{"Superblock checksum does not match superblock", 0x98}
)

type e2Error struct {
	text string
	code int
}

func (e *e2Error) Error() string { return e.text }

// exitCode is the status dumpe2fs gives an open failure: the error's
// code (an errno, or a com_err code) truncated to a byte.
func exitCode(err error) int {
	var e *e2Error
	if errors.As(err, &e) {
		return e.code
	}
	var errno linux.Errno
	if errors.As(err, &errno) {
		return int(errno) & 0xff
	}
	return 1
}

// fsFile is an open device or image read through the task.
type fsFile struct {
	t  *vfs.Task
	fd int
}

// ReadAt is pread, a short read being libext2fs's short-read error.
func (f fsFile) ReadAt(p []byte, off int64) (int, error) {
	n, err := f.t.Pread(f.fd, p, off)
	if err == nil && n < len(p) {
		err = errShortRead
	}
	return n, err
}

func (f fsFile) close() { f.t.Close(f.fd) }

// openFS opens dev and reads its primary superblock.
func openFS(t *vfs.Task, dev string, write bool) (fsFile, []byte, error) {
	flags := uint32(linux.O_RDONLY | linux.O_CLOEXEC)
	if write {
		flags = linux.O_RDWR | linux.O_CLOEXEC
	}
	fd, err := t.Open(dev, flags, 0)
	if err != nil {
		return fsFile{}, nil, err
	}
	f := fsFile{t, fd}
	raw := make([]byte, 1024)
	if _, err := f.ReadAt(raw, sbOffset); err != nil {
		f.close()
		return fsFile{}, nil, err
	}
	if le.Uint16(raw[56:]) != ext4.Magic {
		f.close()
		return fsFile{}, nil, errBadMagic
	}
	if si, _ := ext4.DecodeSuperInfo(raw); !plausible(&si) {
		f.close()
		return fsFile{}, nil, errCorrupt
	}
	if le.Uint32(raw[100:])&roMetadataCsum != 0 && le.Uint32(raw[1020:]) != ext4.Crc32c(^uint32(0), raw[:1020]) {
		// The superblock is returned with the error: dumpe2fs lists
		// it all the same.
		return f, raw, errSuperCsum
	}
	return f, raw, nil
}

// maxGroups bounds the group count a listing reads descriptors for.
const maxGroups = 1 << 24

// plausible is the geometry check made on opening, which also keeps
// the listings from dividing by zero or reading without bound: a block
// size up to 64k, groups no larger than a bitmap block covers, a
// sensible inode size, and as many inodes as the groups hold.
func plausible(s *ext4.SuperInfo) bool {
	if s.LogBlockSize > 6 || s.LogClusterSize > 6+16 {
		return false
	}
	bs := uint64(1024) << s.LogBlockSize
	bpg, ipg := uint64(s.BlocksPerGroup), uint64(s.InodesPerGroup)
	bitsPerGroup := bpg
	if s.RoCompat&roBigalloc != 0 {
		bitsPerGroup = uint64(s.ClustersPerGroup)
	}
	if bpg == 0 || bitsPerGroup > 8*bs || ipg == 0 || ipg > 8*bs || uint64(s.FirstDataBlock) >= s.BlocksCount {
		return false
	}
	if s.RevLevel >= 1 {
		is := uint64(s.InodeSize)
		if is < 128 || is > bs || is&(is-1) != 0 {
			return false
		}
	}
	groups := (s.BlocksCount - uint64(s.FirstDataBlock) + bpg - 1) / bpg
	// A bound of ours: descriptors of more groups than a 64-bit
	// exabyte filesystem has are not read into memory.
	return groups*ipg == uint64(s.InodesCount) && groups <= maxGroups
}

// userOwners names ids from the virtual system's databases.
func userOwners(t *vfs.Task) owners {
	return owners{
		user:  func(uid uint32) string { return applet.UserName(t, uid) },
		group: func(gid uint32) string { return applet.GroupName(t, gid) },
	}
}

var dumpe2fsOpts = func() []getopt.Option {
	var opts []getopt.Option
	for _, c := range "bfghimxV" {
		opts = append(opts, getopt.Option{Short: byte(c)})
	}
	return append(opts, getopt.Option{Short: 'o', Arg: getopt.RequiredArg})
}()

// dumpe2fsApplet is dumpe2fs(8) -h: the superblock listing, and the
// journal's for an internal journal. Without -h it lists the groups
// as well.
func dumpe2fsApplet(c *applet.Cmd) int {
	fmt.Fprintf(c.Errw, "dumpe2fs %s\n", e2fsprogsVersion)
	p := getopt.Parser{Options: dumpe2fsOpts, InOrder: c.EnvSet("POSIXLY_CORRECT")}
	opts, ops, err := p.Parse(c.Args)
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, err)
		return dumpe2fsUsage(c)
	}
	headerOnly := false
	for _, o := range opts {
		switch o.ID {
		case 'V':
			fmt.Fprintf(c.Errw, "\tUsing EXT2FS Library version %s\n", e2fsVersion)
			return 0
		case 'h':
			headerOnly = true
		case 'b', 'g', 'i', 'm', 'o', 'x':
			fmt.Fprintf(c.Errw, "dumpe2fs: -%c is not supported here\n", o.ID)
			return 1
		}
	}
	if len(ops) != 1 {
		return dumpe2fsUsage(c)
	}
	dev := ops[0]
	f, raw, err := openFS(c.Task, dev, false)
	if err != nil {
		fmt.Fprintf(c.Errw, "dumpe2fs: %s while trying to open %s\n", applet.ErrText(err), dev)
		if err != errSuperCsum {
			fmt.Fprintf(c.Out, "Couldn't find valid filesystem superblock.\n")
			return exitCode(err)
		}
	}
	defer f.close()
	st := dumpFS(c, f, raw, headerOnly)
	if err == errSuperCsum && st == 0 {
		// A listing despite a bad checksum ends with advice.
		fmt.Fprintf(c.Out, "*** Run e2fsck now!\n\n")
		return exitCode(err)
	}
	return st
}

// dumpFS lists the superblock, the journal's and (without -h) the
// groups of the filesystem open as f.
func dumpFS(c *applet.Cmd, f fsFile, raw []byte, headerOnly bool) int {
	si, _ := ext4.DecodeSuperInfo(raw)
	listSuper(c.Out, &si, userOwners(c.Task))
	if si.Compat&compatHasJournal != 0 && si.JournalInum != 0 {
		jsb, err := readJournalSuper(f, &si)
		if err != nil {
			fmt.Fprintf(c.Errw, "dumpe2fs: %s while reading journal inode\n", applet.ErrText(err))
			return 1
		}
		if !listJournal(c.Out, jsb, si.Compat&compatFastCommit != 0) {
			fmt.Fprintf(c.Errw, "Journal superblock magic number invalid!\n")
			return 1
		}
	}
	fmt.Fprintln(c.Out)
	if !headerOnly {
		return listGroups(c, f, &si)
	}
	return 0
}

// dumpe2fsUsage is the synopsis after a bad command line (our wording).
func dumpe2fsUsage(c *applet.Cmd) int {
	fmt.Fprintf(c.Errw, "Usage: dumpe2fs [-hxV] device\n")
	return 1
}

// listGroups is the group listing after the superblock's, with an
// empty line between.
func listGroups(c *applet.Cmd, f io.ReaderAt, si *ext4.SuperInfo) int {
	fmt.Fprintln(c.Out)
	if err := listGroupsTo(c.Out, f, si); err != nil {
		fmt.Fprintf(c.Errw, "dumpe2fs: %s while trying to read '%s' bitmaps\n", applet.ErrText(err), c.Args[len(c.Args)-1])
		return 1
	}
	return 0
}
