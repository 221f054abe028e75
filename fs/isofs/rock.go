// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// maxContinuations is RR_MAX_CE_ENTRIES: how many CE continuation
// areas one record's System Use entries may chain through.
const maxContinuations = 32

// suHeader is offsetof(struct rock_ridge, u): signature, length and
// version before each entry's body.
const suHeader = 4

// rrFlag bits of the RR entry: which other entries the record has.
const (
	rrPX = 1
	rrPN = 2
	rrSL = 4
	rrNM = 8
	rrCL = 16
	rrPL = 32
	rrRE = 64
	rrTF = 128
)

// TF flags.
const (
	tfCreate     = 1
	tfModify     = 2
	tfAccess     = 4
	tfAttributes = 8
	tfLongForm   = 128
)

// entryBodyLen is rock_check_overflow's table: the least body an entry
// of each signature must have.
var entryBodyLen = map[string]int{
	"SP": 3, "CE": 24, "ER": 4, "RR": 1, "PX": 32, "PN": 16, "SL": 3,
	"NM": 1, "CL": 8, "PL": 8, "TF": 1, "ZF": 12,
}

// suEntry is one System Use entry: its signature and the bytes from its
// start to the end of the area that holds it (the kernel reads some
// fields without checking them against the entry's own length).
type suEntry struct {
	sig  string
	len  int
	data []byte
}

// body is the entry after its 4-byte header, within the area.
func (e suEntry) body() []byte { return e.data[suHeader:] }

// byteAt is the body's byte i, or 0 past the area.
func (e suEntry) byteAt(i int) byte {
	if b := e.body(); i < len(b) {
		return b[i]
	}
	return 0
}

// num733 is isonum_733 at body offset i: the little-endian half.
func (e suEntry) num733(i int) uint32 {
	var b [4]byte
	for k := range b {
		b[k] = e.byteAt(i + k)
	}
	return binary.LittleEndian.Uint32(b[:])
}

// stopWalk is the type of errStop, which a visitor returns to end a
// walk of the entries early without an error.
type stopWalk struct{}

func (stopWalk) Error() string { return "stop" }

var errStop error = stopWalk{}

// suArea is where a record's System Use entries start: after the name
// (padded to even), past the SP record's skip once one was seen, and 14
// bytes further for CD-XA records (setup_rock_ridge).
func (img *image) suArea(r record, xa bool) []byte {
	start := recordLen + r.nameLen()
	start += start & 1
	end := len(r)
	if start > end {
		return nil
	}
	img.mu.Lock()
	skip := img.rockOffset
	img.mu.Unlock()
	if skip != -1 {
		start += skip
	}
	if xa {
		start += 14
	}
	if start >= end {
		return nil
	}
	return r[start:end]
}

// walkRock walks a record's System Use entries and the continuation
// areas CE entries point at, as the kernel's loops over rock_state do,
// and reports whether it came to the natural end: an entry shorter than
// 3 bytes or longer than its area ends the walk early without an error,
// one too short for its signature ends it with EIO, and so do a
// continuation area outside its block and too many continuations. fn
// returning errStop ends the walk early without an error.
func (img *image) walkRock(area []byte, fn func(e suEntry) error) (bool, error) {
	var ceBlock, ceOff, ceSize uint32
	for loops := 0; ; {
		for len(area) > 2 {
			n := int(area[2])
			if n < 3 {
				return false, nil
			}
			sig := string(area[:2])
			if need := entryBodyLen[sig] + suHeader; need > len(area) {
				return false, linux.EIO
			}
			e := suEntry{sig: sig, len: n, data: area}
			if n > len(area) {
				return false, nil
			}
			area = area[n:]
			if sig == "CE" {
				ceBlock, ceOff, ceSize = e.num733(0), e.num733(8), e.num733(16)
				continue
			}
			if err := fn(e); err != nil {
				if err == errStop {
					return false, nil
				}
				return false, err
			}
		}
		var err error
		if area, err = img.continuation(ceBlock, ceOff, ceSize, &loops); area == nil {
			return err == nil, err
		}
		ceBlock, ceOff, ceSize = 0, 0, 0
	}
}

// continuation is rock_continue: the CE area to go on with (nil at the
// end), within one block.
func (img *image) continuation(block, off, size uint32, loops *int) ([]byte, error) {
	if off > img.bs-suHeader || size > img.bs || off+size > img.bs {
		img.printk("rock: corrupted directory entry. extent=%d, offset=%d, size=%d", int32(block), int32(off), int32(size))
		return nil, linux.EIO
	}
	if block == 0 {
		return nil, nil
	}
	if *loops++; *loops >= maxContinuations {
		return nil, linux.EIO
	}
	b, err := img.bread(block)
	if err != nil {
		img.printk("Unable to read rock-ridge attributes")
		return nil, linux.EIO
	}
	return b[off : off+size], nil
}

// checkSP is check_sp: an SP entry with the right magic sets where the
// entries start in every later record.
func (img *image) checkSP(e suEntry) bool {
	if e.byteAt(0) != 0xbe || e.byteAt(1) != 0xef {
		return false
	}
	img.mu.Lock()
	img.rockOffset = int(e.byteAt(2))
	img.mu.Unlock()
	return true
}

// rockName is get_rock_ridge_filename: the NM name of a record, nil when
// it has none, and hidden (true) for a relocated directory's entry (RE).
func (img *image) rockName(r record) (name []byte, hidden bool, err error) {
	if img.rockState() == 0 {
		return nil, false, nil
	}
	truncated, counted := false, 0
	done, err := img.walkRock(img.suArea(r, false), func(e suEntry) error {
		switch e.sig {
		case "RR":
			if e.byteAt(0)&rrNM == 0 {
				return errStop
			}
		case "SP":
			if !img.checkSP(e) {
				return errStop
			}
		case "NM":
			if truncated || e.len < 5 {
				return nil
			}
			c := nmComponent(e)
			if c.flags&(compCurrent|compParent) != 0 {
				return nil // names for "." and "..": not used
			}
			if c.flags&^compContinue != 0 {
				img.printk("Unsupported NM flag settings (%d)", c.flags)
				return nil
			}
			part := c.text
			if len(name)+len(part) >= 254 {
				truncated = true
				return nil
			}
			counted += len(part)
			for _, c := range part {
				if c == 0 {
					break
				}
				name = append(name, c)
			}
		case "RE":
			hidden = true
			return errStop
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, false, err
	case hidden:
		return nil, true, nil
	case !done || counted == 0:
		return nil, false, nil
	}
	if name == nil {
		name = []byte{}
	}
	return name, false, nil
}

// parseRockInode is parse_rock_ridge_inode: the Rock Ridge attributes of
// a record, looked for again behind CD-XA's 14 bytes while no SP record
// has said where they are. Errors only end the parse, as in the kernel,
// whose isofs_read_inode ignores them.
func (img *image) parseRockInode(r record, a *attrs, block, offset uint32, relocated bool) {
	img.parseRockInodeAt(r, a, block, offset, relocated, false)
	img.mu.Lock()
	again := img.rockOffset == -1 && img.rock == 2
	img.mu.Unlock()
	if again {
		img.parseRockInodeAt(r, a, block, offset, relocated, true)
	}
}

// parseRockInodeAt is parse_rock_ridge_inode_internal.
func (img *image) parseRockInodeAt(r record, a *attrs, block, offset uint32, relocated, xa bool) {
	if img.rockState() == 0 {
		return
	}
	img.walkRock(img.suArea(r, xa), func(e suEntry) error {
		switch e.sig {
		case "SP":
			if !img.checkSP(e) {
				return errStop
			}
		case "ER":
			img.setRock(1)
			n := int(e.byteAt(0))
			id := make([]byte, 0, n)
			for i := range n {
				id = append(id, e.byteAt(4+i))
			}
			img.debugf("ISO 9660 Extensions: %s", id)
		case "PX":
			a.mode = e.num733(0) & 0xffff
			a.nlink, a.uid, a.gid = e.num733(8), e.num733(16), e.num733(24)
		case "PN":
			high, low := e.num733(0), e.num733(8)
			if low&^0xff != 0 && high == 0 {
				a.rdev = linux.Mkdev(low>>8, low&0xff)
			} else {
				a.rdev = linux.Mkdev(high, low)
			}
		case "TF":
			img.rockTimes(e, a)
		case "SL":
			a.size = a.symlinkLen + slLen(e, func(byte) {
				img.printk("Symlink component flag not implemented")
			})
			a.symlinkLen = a.size
		case "RE":
			if relocated {
				img.printk("Attempt to read inode for relocated directory")
				return errStop
			}
		case "CL":
			return img.childLink(e, a, block, offset, relocated)
		case "ZF":
			img.zisofsNote(e)
		}
		return nil
	})
}

// rockTimes is the TF entry: creation (taken as ctime, which some
// writers put there), modification, access and attribute-change times,
// short or long form, in that order.
func (img *image) rockTimes(e suEntry, a *attrs) {
	flags := e.byteAt(0)
	size, long := 7, flags&tfLongForm != 0
	if long {
		size = 17
	}
	cnt := 0
	next := func() vfs.Timespec {
		p := make([]byte, size)
		for i := range p {
			p[i] = e.byteAt(1 + cnt*size + i)
		}
		cnt++
		return isoDate(p, false, long)
	}
	if flags&tfCreate != 0 {
		a.ctime = next()
	}
	if flags&tfModify != 0 {
		a.mtime = next()
	}
	if flags&tfAccess != 0 {
		a.atime = next()
	}
	if flags&tfAttributes != 0 {
		a.ctime = next()
	}
}

// rrComponent is a name component as Rock Ridge encodes one: flag bits,
// then text. An NM entry is one; an SL entry holds a list of them.
type rrComponent struct {
	flags byte
	text  []byte
}

// Component flag bits, shared by NM and SL.
const (
	compContinue = 1 // the text goes on in the next component
	compCurrent  = 2 // "."
	compParent   = 4 // ".."
	compRoot     = 8 // "/" (SL only)
)

func (c rrComponent) continues() bool { return c.flags&compContinue != 0 }

func (c rrComponent) isRoot() bool { return c.flags&^compContinue == compRoot }

// piece is what an SL component stands for in a link target: its text,
// ".", ".." or "/"; ok is false for flags the kernel does not know,
// which stand for nothing.
func (c rrComponent) piece() (p []byte, ok bool) {
	switch c.flags &^ compContinue {
	case 0:
		return c.text, true
	case compCurrent:
		return []byte("."), true
	case compParent:
		return []byte(".."), true
	case compRoot:
		return []byte("/"), true
	}
	return nil, false
}

// nmComponent is the component an NM entry holds.
func nmComponent(e suEntry) rrComponent {
	return rrComponent{flags: e.byteAt(0), text: e.data[5:e.len]}
}

// slComponents splits an SL entry into its component records, as the
// kernel walks them: while more than one byte is left, each takes its
// length plus two (bytes past the area read as zero).
func slComponents(e suEntry) []rrComponent {
	var out []rrComponent
	left := e.len - 5
	pos := 1 // after the entry's flags
	for left > 1 {
		flags, n := e.byteAt(pos), int(e.byteAt(pos+1))
		text := make([]byte, n)
		for i := range text {
			text[i] = e.byteAt(pos + 2 + i)
		}
		out = append(out, rrComponent{flags, text})
		left -= n + 2
		pos += n + 2
	}
	return out
}

// slashAfter reports whether a '/' follows component i of SL entry e.
// Within the entry one does unless the component continues or is the
// root. After the last one, only if the entry itself continues into the
// next SL entry; there readlink (get_symlink_chunk) exempts the root
// too, but the size the inode read counts does not (rootExempt false).
func slashAfter(e suEntry, comps []rrComponent, i int, rootExempt bool) bool {
	c := comps[i]
	switch {
	case c.continues():
		return false
	case i < len(comps)-1:
		return !c.isRoot()
	}
	return e.byteAt(0)&compContinue != 0 && !(rootExempt && c.isRoot())
}

// slLen is what one SL entry adds to a symlink's size (i_size as
// parse_rock_ridge_inode_internal counts it); unknown is told of
// component flags it does not know, of which the kernel warns.
func slLen(e suEntry, unknown func(flags byte)) int64 {
	var n int64
	comps := slComponents(e)
	for i, c := range comps {
		p, ok := c.piece()
		if !ok {
			unknown(c.flags)
		}
		n += int64(len(p))
		if slashAfter(e, comps, i, false) {
			n++
		}
	}
	return n
}

// childLink is the CL entry: the record stands for a directory moved
// elsewhere (deep trees), whose attributes and data it takes.
func (img *image) childLink(e suEntry, a *attrs, block, offset uint32, relocated bool) error {
	if relocated {
		img.printk("ISOFS: Recursive directory relocation is not supported")
		return linux.EIO
	}
	target := e.num733(0)
	if target == block && offset == 0 {
		img.printk("ISOFS: Directory relocation points to itself")
		return linux.EIO
	}
	a.first = target
	reloc, err := img.iget(target, 0, true)
	if err != nil {
		return err
	}
	a.mode = reloc.Mode()
	a.nlink = reloc.Nlink()
	a.uid, a.gid = reloc.UID(), reloc.GID()
	a.rdev = reloc.Rdev()
	reloc.Lock()
	a.size, a.blocks = reloc.SizeLocked(), reloc.BlocksLocked()
	a.atime, a.mtime, a.ctime = reloc.TimesLocked()
	reloc.Unlock()
	return nil
}

// zisofsNote is the ZF entry of a zisofs-compressed file. Transparent
// decompression (CONFIG_ZISOFS) is not built here, as on the reference
// kernel, whose isofs reads such a file as it is stored.
func (img *image) zisofsNote(suEntry) {}
