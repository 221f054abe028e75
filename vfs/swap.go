// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Swap areas (mm/swapfile.c as far as the VFS sees it): swapon(2) checks
// a block device or a regular file for a version 1 swap header and keeps
// it open and claimed, swapoff(2) lets it go, and /proc/swaps and
// /proc/meminfo report the areas. No page is ever swapped out: every
// area stays unused.

// swapon(2)'s flags.
const (
	SwapFlagPrefer   = 0x8000 // SWAP_FLAG_PREFER: the low bits are a priority
	SwapFlagPrioMask = 0x7fff
	SwapFlagDiscard  = 0x10000
	SwapFlagDiscOnce = 0x20000
	SwapFlagDiscPgs  = 0x40000
	swapFlagsValid   = SwapFlagPrioMask | SwapFlagPrefer | SwapFlagDiscard | SwapFlagDiscOnce | SwapFlagDiscPgs
)

// swapPage is PAGE_SIZE: the header fills the first page, and areas are
// counted in pages.
const swapPage = 4096

// maxSwapBadPages is MAX_SWAP_BADPAGES for a 4 KiB page.
const maxSwapBadPages = (swapPage - 1024 - 128*4 - 10) / 4

// swapArea is one active swap_info_struct.
type swapArea struct {
	file  *File
	bdev  *bdev  // the claimed disk of a block device area
	inode *Inode // the swap file's inode (IS_SWAPFILE) otherwise
	pages uint64 // usable pages: the header and bad pages left out
	prio  int
}

// swapTable is swap_info and swap_active_head, under swap_lock.
type swapTable struct {
	mu sync.Mutex
	// areas are swap_info[] by type number: a new area takes the first
	// free slot, and /proc/swaps lists them in slot order.
	areas []*swapArea
	// least is least_priority: the default priority of the next area
	// with none given is one below it.
	least int
	// files are the inodes of active swap files (S_SWAPFILE, kept here
	// rather than in every Inode); nfiles lets writes skip the lock
	// while there are none.
	files  map[*Inode]bool
	nfiles atomic.Int32
}

// isSwapFile is IS_SWAPFILE for a regular file.
func isSwapFile(in *Inode) bool {
	s := &in.sb.k.swaps
	if s.nfiles.Load() == 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[in]
}

// markFile sets S_SWAPFILE on in, false if it was set.
func (s *swapTable) markFile(in *Inode) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files[in] {
		return false
	}
	if s.files == nil {
		s.files = map[*Inode]bool{}
	}
	s.files[in] = true
	s.nfiles.Add(1)
	return true
}

// unmarkFile clears S_SWAPFILE.
func (s *swapTable) unmarkFile(in *Inode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files[in] {
		delete(s.files, in)
		s.nfiles.Add(-1)
	}
}

// Swapon is swapon(2): EINVAL for unknown flags, EPERM without
// CAP_SYS_ADMIN, the open's errors, EBUSY when the area is active (or the
// device mounted), EINVAL when there is no valid header, or the file's
// filesystem cannot hold swap (no SwapMapper) or it has holes.
func (t *Task) Swapon(name string, flags int) error {
	if flags&^swapFlagsValid != 0 {
		return linux.EINVAL
	}
	if !t.Cred().HasCap(linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	f, err := t.FilpOpen(linux.AT_FDCWD, name, linux.O_RDWR|linux.O_LARGEFILE, 0)
	if err != nil {
		return err
	}
	a, err := t.k.claimSwap(f)
	if err == nil {
		err = a.readHeader()
	}
	if err != nil {
		t.k.unclaimSwap(a)
		f.DecRef()
		return err
	}
	t.k.swaps.add(a, flags)
	return nil
}

// claimSwap is claim_swapfile with the checks before the header is read:
// a block device is claimed exclusively (EBUSY if mounted, held or
// swap already), a regular file gets S_SWAPFILE (EBUSY if it has it);
// anything else has no header to read.
func (k *Kernel) claimSwap(f *File) (*swapArea, error) {
	a := &swapArea{file: f}
	in := f.Inode()
	switch in.Mode() & linux.S_IFMT {
	case linux.S_IFBLK:
		ops, ok := f.ops.(blockFileOps)
		if !ok {
			return a, linux.EINVAL
		}
		k.bdevs.mu.Lock()
		defer k.bdevs.mu.Unlock()
		if ops.b.holder != nil || ops.b.swap.Load() {
			return a, linux.EBUSY
		}
		ops.b.swap.Store(true)
		a.bdev = ops.b
		return a, nil
	case linux.S_IFREG:
		if f.Dentry().Unlinked() {
			return a, linux.ENOENT
		}
		if !k.swaps.markFile(in) {
			return a, linux.EBUSY
		}
		a.inode = in
		return a, nil
	}
	// No page cache to read a header from (read_folio).
	return a, linux.EINVAL
}

// unclaimSwap drops a block device's claim or a file's S_SWAPFILE.
func (k *Kernel) unclaimSwap(a *swapArea) {
	if a.inode != nil {
		k.swaps.unmarkFile(a.inode)
	}
	if a.bdev == nil {
		return
	}
	k.bdevs.mu.Lock()
	a.bdev.swap.Store(false)
	k.bdevs.mu.Unlock()
}

// readHeader is read_swap_header and setup_swap_map's count: the
// signature ending the first page, version 1 in either byte order, a
// last page the area holds, bad pages only on a device.
func (a *swapArea) readHeader() error {
	size := fileSize(a.file)
	page := make([]byte, swapPage)
	if n, err := a.file.KernelRead(page, 0); err != nil && n < len(page) && int64(n) < size {
		return err
	}
	if string(page[swapPage-10:]) != "SWAPSPACE2" {
		return linux.EINVAL
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if order.Uint32(page[1024:]) != 1 {
		order = binary.BigEndian
		if order.Uint32(page[1024:]) != 1 {
			return linux.EINVAL
		}
	}
	last := uint64(order.Uint32(page[1028:]))
	nbad := order.Uint32(page[1032:])
	if last == 0 || nbad > maxSwapBadPages || nbad > 0 && a.bdev == nil {
		return linux.EINVAL
	}
	maxPages := last + 1
	if filePages := uint64(size) / swapPage; filePages > 0 && maxPages > filePages {
		return linux.EINVAL // shorter than the header says
	}
	bad := map[uint64]bool{}
	for i := range nbad {
		n := uint64(order.Uint32(page[1024+128*4+4*int(i):]))
		if n == 0 || n > last {
			return linux.EINVAL
		}
		bad[n] = true
	}
	good := maxPages - 1 - uint64(len(bad))
	if good == 0 {
		return linux.EINVAL
	}
	a.pages = good
	if a.inode != nil {
		return a.mapFile(maxPages)
	}
	return nil
}

// SwapMapper is implemented by the file operations of a filesystem that
// can hold swap files (its a_ops->swap_activate): SwapExtents reports
// the file's first length bytes as runs at byte addresses of its disk,
// in file order, and fails with EINVAL at a hole or an unwritten range.
type SwapMapper interface {
	SwapExtents(f *File, length int64, each func(addr, n int64)) error
}

// mapFile is iomap_swapfile_activate: the file's runs, those adjacent on
// the disk merged, each trimmed to whole pages of the disk; the pages
// found (up to the header's) less the header page are the area's.
// Filesystems with no block map (tmpfs, proc, the host's files) refuse.
func (a *swapArea) mapFile(maxPages uint64) error {
	sm, ok := a.file.ops.(SwapMapper)
	if !ok {
		return linux.EINVAL
	}
	var pages uint64
	var runAddr, runLen int64
	flush := func() {
		first := (runAddr + swapPage - 1) / swapPage
		next := (runAddr + runLen) / swapPage
		if runLen > 0 && first < next {
			pages += min(uint64(next-first), maxPages-pages)
		}
	}
	err := sm.SwapExtents(a.file, a.inode.Size()&^(swapPage-1), func(addr, n int64) {
		if runLen > 0 && runAddr+runLen == addr {
			runLen += n
			return
		}
		flush()
		runAddr, runLen = addr, n
	})
	if err != nil {
		return err
	}
	flush()
	if pages == 0 {
		return linux.EINVAL // not one whole page on the disk
	}
	a.pages = pages - 1
	return nil
}

// add activates a with the priority flags give, or the next default
// one below the others.
func (s *swapTable) add(a *swapArea, flags int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if flags&SwapFlagPrefer != 0 {
		a.prio = flags & SwapFlagPrioMask
	} else {
		if s.least == 0 {
			s.least = -1
		}
		s.least--
		a.prio = s.least
	}
	for i, b := range s.areas {
		if b == nil {
			s.areas[i] = a
			return
		}
	}
	s.areas = append(s.areas, a)
}

// Swapoff is swapoff(2): EPERM without CAP_SYS_ADMIN, the open's errors,
// EINVAL when what name opens is no active area. The areas after a
// default-priority one move up a priority, as Linux renumbers them.
func (t *Task) Swapoff(name string) error {
	if !t.Cred().HasCap(linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	f, err := t.FilpOpen(linux.AT_FDCWD, name, linux.O_RDWR|linux.O_LARGEFILE, 0)
	if err != nil {
		return err
	}
	defer f.DecRef()
	a := t.k.swaps.remove(f)
	if a == nil {
		return linux.EINVAL
	}
	t.k.unclaimSwap(a)
	a.file.DecRef()
	return nil
}

// remove takes out the area f's file or device is (the same mapping).
func (s *swapTable) remove(f *File) *swapArea {
	ops, isBlk := f.ops.(blockFileOps)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, a := range s.areas {
		if a == nil || a.inode != f.Inode() && !(isBlk && a.bdev == ops.b) {
			continue
		}
		s.areas[i] = nil
		for len(s.areas) > 0 && s.areas[len(s.areas)-1] == nil {
			s.areas = s.areas[:len(s.areas)-1]
		}
		// The areas of lower priority move up one, so the default
		// priorities stay a run below -1.
		if a.prio < 0 {
			for _, b := range s.areas {
				if b != nil && b.prio < a.prio {
					b.prio++
				}
			}
			s.least++
		}
		return a
	}
	return nil
}

// SwapPages is the pages of all active areas and those free: SwapTotal
// and SwapFree in pages (none is ever used).
func (k *Kernel) SwapPages() (total, free uint64) {
	k.swaps.mu.Lock()
	defer k.swaps.mu.Unlock()
	for _, a := range k.swaps.areas {
		if a != nil {
			total += a.pages
		}
	}
	return total, total
}

// ProcSwaps is /proc/swaps as t reads it (swap_show): a header, then
// each area's escaped path from t's root padded to 40 columns, its type,
// size and use in KiB, and priority.
func (t *Task) ProcSwaps() string {
	k := t.k
	k.swaps.mu.Lock()
	areas := append([]*swapArea(nil), k.swaps.areas...)
	k.swaps.mu.Unlock()
	var b strings.Builder
	b.WriteString("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n")
	kib := uint64(swapPage >> 10)
	for _, a := range areas {
		if a == nil {
			continue
		}
		name, err := t.DPath(Path{a.file.mnt, a.file.dentry})
		if err != nil {
			name = "?"
		}
		name = escapeSwapName(name)
		typ := "file\t" // as wide as "partition" in tab stops
		if a.bdev != nil {
			typ = "partition"
		}
		size := a.pages * kib
		pad := max(40-len(name), 1)
		fmt.Fprintf(&b, "%s%*s%s\t%d\t%s%d\t%s%d\n", name, pad, " ", typ, size, tabBelow(size), 0, tabBelow(0), a.prio)
	}
	return b.String()
}

// tabBelow is the second tab swap_show puts after numbers shorter than
// eight digits.
func tabBelow(n uint64) string {
	if n < 10000000 {
		return "\t"
	}
	return ""
}

// escapeSwapName is seq_file_path's escaping of space, tab, newline and
// backslash as octal.
func escapeSwapName(s string) string {
	if !strings.ContainsAny(s, " \t\n\\") {
		return s
	}
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\\':
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
