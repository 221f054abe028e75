// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"encoding/binary"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// node is struct msdos_inode_info: where the inode's entry and data lie.
type node struct {
	ipos   int64
	start  uint32 // i_start, the first cluster (0: none)
	attr   byte
	crtime vfs.Timespec // i_crtime, vfat's creation time

	// lookups counts the lookups that returned this inode: from the
	// second on it may have a dentry under its other name (dcache.go).
	lookups atomic.Int32

	mu       sync.Mutex
	chain    []uint32         // the clusters found so far
	folios   map[int64]*folio // the folios not up to date (pagecache.go)
	uptodate folioSet         // the folios read
	raw      *rawDir          // a directory's entries, read once
	ents     []dirEntry       // a directory's names, parsed once
	missed   map[string]bool  // msdos with dots: the keys lookups missed
}

// FAT keeps local time: the offset is that of time_offset= or tz=UTC,
// else the kernel's time zone, which is UTC here (sys_tz is zero).
const secsPerDay = 86400

// tzOffset is fat_tz_offset, in seconds.
func (fs *filesystem) tzOffset() int64 {
	if fs.opts.tzSet {
		return -int64(fs.opts.timeOffset) * 60
	}
	return 0
}

// fatToUnix converts an on-disk time, date and hundredths of a second
// to Unix time; it mirrors fat_time_fat2unix in fs/fat/misc.c. Fields
// out of range count on into the next day, month or year as time.Date
// has it, except where the kernel's month table differs: day 0 counts
// as day 1 and month 0 as January, and months 13 to 15, which have no
// entry in the table, count as January too but one day later in a leap
// year (the kernel adds February 29th for any month past February).
func (fs *filesystem) fatToUnix(t, d uint16, cs uint8) vfs.Timespec {
	year, month, day := 1980+int(d>>9), time.Month(d>>5&0xf), max(1, int(d&0x1f))
	extra := 0
	switch {
	case month == 0:
		month = time.January
	case month > time.December:
		month = time.January
		if isLeap(year) {
			extra = 1
		}
	}
	hour, minute, sec := int(t>>11), int(t>>5&0x3f), int(t&0x1f)*2
	at := time.Date(year, month, day+extra, hour, minute, sec, 0, time.UTC).Unix() + fs.tzOffset()
	return vfs.Timespec{Sec: at + int64(cs/100), Nsec: int64(cs%100) * 10_000_000}
}

func isLeap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

// truncateAtime is the start of the local day holding ts, as vfat
// keeps access dates only; it mirrors fat_truncate_atime.
func (fs *filesystem) truncateAtime(ts vfs.Timespec) vfs.Timespec {
	off := fs.tzOffset()
	days := (ts.Sec - off) / secsPerDay
	return vfs.Timespec{Sec: days*secsPerDay + off}
}

// makeMode is fat_make_mode: ATTR_RO takes the write bits (of a
// directory only with rodir), then the mask of the kind.
func (fs *filesystem) makeMode(attr byte, mode uint32) uint32 {
	if attr&attrRO != 0 && !(attr&attrDir != 0 && !fs.opts.rodir) {
		mode &^= 0o222
	}
	if attr&attrDir != 0 {
		return mode&^fs.opts.dmask | linux.S_IFDIR
	}
	return mode&^fs.opts.fmask | linux.S_IFREG
}

// isExec is is_exec: the extensions showexec leaves executable.
func isExec(ext []byte) bool {
	e := string(ext)
	return e == "EXE" || e == "COM" || e == "BAT"
}

// getStart is fat_get_start: FAT32 keeps the high half too.
func (fs *filesystem) getStart(de []byte) uint32 {
	c := uint32(binary.LittleEndian.Uint16(de[26:]))
	if fs.fatBits == 32 {
		c |= uint32(binary.LittleEndian.Uint16(de[20:])) << 16
	}
	return c
}

// iunique is iunique(sb, MSDOS_ROOT_INO): the next free number.
func (fs *filesystem) iunique() uint64 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.lastIno++
	return fs.lastIno
}

// cached is fat_iget: the inode of the entry at ipos, if made.
func (fs *filesystem) cached(ipos int64) *vfs.Inode {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.inodes[ipos]
}

// buildInode is fat_build_inode: the inode of the short entry de at
// ipos, one for all lookups of it.
func (fs *filesystem) buildInode(sb *vfs.Superblock, de []byte, ipos int64) (*vfs.Inode, error) {
	if in := fs.cached(ipos); in != nil {
		return in, nil
	}
	in, err := fs.fillInode(sb, de, ipos)
	if err != nil {
		return nil, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if old := fs.inodes[ipos]; old != nil {
		return old, nil
	}
	fs.inodes[ipos] = in
	return in, nil
}

// fillInode is fat_fill_inode.
func (fs *filesystem) fillInode(sb *vfs.Superblock, de []byte, ipos int64) (*vfs.Inode, error) {
	le := binary.LittleEndian
	attr := de[11]
	// i_pos is recorded once the inode is filled (fat_attach after
	// fat_fill_inode): errors while filling it show 0.
	n := &node{start: fs.getStart(de), attr: attr}
	var mode uint32
	var size int64
	nlink := uint32(1)
	if attr&attrDir != 0 {
		mode = fs.makeMode(attr, 0o777)
		var err error
		if size, err = fs.dirSize(n); err != nil {
			return nil, err
		}
		nlink = subdirs(n.raw)
		if err := fs.validateDir(n, nlink); err != nil {
			return nil, err
		}
	} else {
		perm := uint32(0o777)
		if fs.opts.showexec && !isExec(de[8:11]) {
			perm = 0o666
		}
		mode = fs.makeMode(attr, perm)
		size = int64(le.Uint32(de[28:]))
	}
	n.ipos = ipos
	in := sb.NewInode(fs.iunique(), vfs.InodeAttr{Mode: mode, UID: fs.opts.uid, GID: fs.opts.gid},
		inodeOps{fs: fs}, fileOps{fs})
	in.Private = n
	in.SetNlink(nlink)
	mtime := fs.fatToUnix(le.Uint16(de[22:]), le.Uint16(de[24:]), 0)
	atime := fs.truncateAtime(mtime)
	if fs.opts.vfat {
		atime = fs.fatToUnix(0, le.Uint16(de[18:]), 0)
		n.crtime = fs.fatToUnix(le.Uint16(de[14:]), le.Uint16(de[16:]), de[13])
	}
	in.Lock()
	in.SetSizeLocked(size)
	in.SetBlocksLocked(fs.blocksOf(size))
	in.SetTimesLocked(atime, mtime, mtime)
	in.Unlock()
	return in, nil
}

// blocksOf is i_blocks: the size in whole clusters, in 512-byte units.
func (fs *filesystem) blocksOf(size int64) int64 {
	c := int64(fs.clusterSize)
	return (size + c - 1) / c * c >> 9
}

// dirSize is fat_calc_dir_size: a directory's whole chain; its entries
// are read at once, for fat_subdirs.
func (fs *filesystem) dirSize(n *node) (int64, error) {
	if n.start == 0 {
		n.raw = &rawDir{}
		return 0, nil
	}
	chain, err := fs.chain(n.start, nil, -1, n.ipos)
	if err != nil {
		return 0, err
	}
	n.chain = chain
	n.raw = fs.readRaw(false, chain)
	return int64(len(chain)) * int64(fs.clusterSize), nil
}

// validateDir is fat_validate_dir.
func (fs *filesystem) validateDir(n *node, nlink uint32) error {
	if nlink < 2 {
		fs.fsError("corrupted directory (invalid entries)")
		return linux.EIO
	}
	if n.start == 0 || n.start == fs.rootCluster {
		fs.fsError("corrupted directory (invalid i_start)")
		return linux.EIO
	}
	return nil
}

// readRoot is fat_read_root.
func (fs *filesystem) readRoot(sb *vfs.Superblock) (*vfs.Inode, error) {
	n := &node{ipos: 0, attr: attrDir}
	var size int64
	if fs.fatBits == 32 {
		n.start = fs.rootCluster
		var err error
		if size, err = fs.dirSize(n); err != nil {
			return nil, err
		}
	} else {
		n.raw = fs.readRaw(true, nil)
		size = int64(fs.dirEntries) * dirEntSize
	}
	in := sb.NewInode(rootIno, vfs.InodeAttr{Mode: fs.makeMode(attrDir, 0o777), UID: fs.opts.uid, GID: fs.opts.gid},
		inodeOps{fs: fs}, rootOps{fileOps{fs}})
	in.Private = n
	in.SetNlink(subdirs(n.raw) + 2)
	in.Lock()
	in.SetSizeLocked(size)
	in.SetBlocksLocked(fs.blocksOf(size))
	in.SetTimesLocked(vfs.Timespec{}, vfs.Timespec{}, vfs.Timespec{})
	in.Unlock()
	return in, nil
}

// listing returns a directory's names, parsed once.
func (fs *filesystem) listing(dir *vfs.Inode) []dirEntry {
	n := dir.Private.(*node)
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ents == nil {
		n.ents = fs.entries(n.raw)
		if n.ents == nil {
			n.ents = []dirEntry{}
		}
	}
	return n.ents
}

// inodeOps are vfat_dir_inode_operations / msdos_dir_inode_operations
// and fat_file_inode_operations, reading only; a change is EROFS (the
// VFS refuses it first on the read-only superblock).
type inodeOps struct {
	libfs.ReadOnly
	fs *filesystem
}

// Lookup is vfat_lookup or msdos_lookup (dcache.go).
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if o.fs.opts.vfat {
		return o.fs.lookupVfat(dir, name)
	}
	return o.fs.lookupMsdos(dir, name)
}

// Getattr is fat_getattr: vfat reports the creation time as btime.
func (o inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	if o.fs.opts.vfat {
		st.Btime = in.Private.(*node).crtime
		st.Mask |= linux.STATX_BTIME
	}
}

// Readlink: FAT has no symbolic links.
func (inodeOps) Readlink(*vfs.Inode) (string, error) { return "", linux.EINVAL }

// fileOps are fat_file_operations and fat_dir_operations.
type fileOps struct{ fs *filesystem }

// ListsDots: a subdirectory's "." and ".." are entries of its own, read
// where they lie (the root's are made up, rootOps).
func (fileOps) ListsDots() bool { return true }

// rootOps is fat_dir_operations for the root, whose "." and ".."
// __fat_readdir fakes before the entries.
type rootOps struct{ fileOps }

// ListsDots: the VFS makes the root's.
func (rootOps) ListsDots() bool { return false }

// ReadDir is __fat_readdir: names in on-disk order, each with the number
// of its inode if one is in memory, else a fresh number (iunique), as
// Linux gives; DT_DIR or DT_REG by ATTR_DIR.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	dir := f.Inode()
	if !dir.IsDir() {
		return nil, linux.ENOTDIR
	}
	root := dir.Ino() == rootIno
	ents := o.fs.listing(dir)
	out := make([]vfs.Dirent, 0, len(ents))
	for _, e := range ents {
		d := vfs.Dirent{Name: string(e.name()), Type: linux.DT_REG}
		dot, dotdot := e.isDot()
		switch {
		case (dot || dotdot) && root:
			continue
		case dot:
			d.Ino, d.Type = dir.Ino(), linux.DT_DIR
		case dotdot:
			d.Ino, d.Type = f.Dentry().Parent().Inode().Ino(), linux.DT_DIR
		default:
			if in := o.fs.cached(e.ipos); in != nil {
				d.Ino = in.Ino()
			} else {
				d.Ino = o.fs.iunique()
			}
			if e.raw[11]&attrDir != 0 {
				d.Type = linux.DT_DIR
			}
		}
		out = append(out, d)
	}
	for i := range out {
		out[i].Off = uint64(len(out) - i)
	}
	return out, nil
}

// ReadAt is fat_file_operations' read for the kernel itself (a loop
// device on a file of the volume).
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	return o.read(f, p, off, "kworker")
}

// ReadAtBy is fat_file_operations' read (filemap_read) for task t: data
// up to i_size, folio by folio (pagecache.go); a read stops at the first
// folio that cannot be read, with what it has or with EIO.
func (o fileOps) ReadAtBy(t *vfs.Task, f *vfs.File, p []byte, off int64) (int, error) {
	return o.read(f, p, off, t.Comm())
}

func (o fileOps) read(f *vfs.File, p []byte, off int64, comm string) (int, error) {
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	// The readahead window follows the request, not what the file
	// has left (filemap_get_pages' last_index).
	last := (off + int64(len(p)) + pageSize - 1) / pageSize
	p = p[:min(int64(len(p)), size-off)]
	n := in.Private.(*node)
	done := 0
	for done < len(p) {
		pos := off + int64(done)
		chunk := p[done:min(len(p), done+int(pageSize-pos%pageSize))]
		if err := o.fs.readPage(n, size, pos, chunk, last-pos/pageSize, done > 0, comm); err != nil {
			if done > 0 {
				return done, nil
			}
			return 0, err
		}
		done += len(chunk)
	}
	return done, nil
}

// WriteAt is never reached: the superblock is read-only.
func (fileOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EROFS }
