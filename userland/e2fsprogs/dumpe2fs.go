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
	return f, raw, nil
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
		fmt.Fprintf(c.Out, "Couldn't find valid filesystem superblock.\n")
		return exitCode(err)
	}
	defer f.close()
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
