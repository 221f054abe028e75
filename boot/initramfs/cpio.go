// SPDX-License-Identifier: Apache-2.0

package initramfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// headerLen is the size of a newc header: six bytes of magic and thirteen
// eight-digit hex fields (CPIO_HDRLEN).
const headerLen = 110

// pathMax bounds names and symlink targets (PATH_MAX).
const pathMax = 4096

// nameSpan is the room a name of n bytes (its NUL included) takes after
// the 110-byte header, so that what follows starts on a 4-byte boundary
// (the kernel's N_ALIGN).
func nameSpan(n uint64) uint64 { return (n+1)&^3 + 2 }

// phase is where the reader is in an entry: the kernel's enum state in
// init/initramfs.c, with the same transitions.
type phase uint8

const (
	phaseStart   phase = iota // Start: the next header begins here
	phaseGather               // Collect: a field spans input chunks
	phaseHeader               // GotHeader
	phaseSkip                 // SkipIt: up to the end of the entry
	phaseName                 // GotName
	phaseBody                 // CopyFile
	phaseSymlink              // GotSymlink
	phasePad                  // Reset: zero padding between entries
)

// header holds the fields of one newc header as parse_header keeps them:
// the mode is a umode_t (16 bits) and the device numbers of a node go
// through MKDEV and new_encode_dev.
type header struct {
	ino, major, minor, nlink uint32
	mode                     uint32
	uid, gid                 uint32
	mtime                    int64
	bodyLen, nameLen         uint64
	rdevMajor, rdevMinor     uint32
	check                    uint32
}

// hexField is simple_strntoul(s, NULL, 16, 8) as 6.18's parse_header
// calls it: an optional "0x" prefix, then hex digits up to the first
// other byte, at most eight bytes read in all.
func hexField(s []byte) uint32 {
	i := 0
	if s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		i = 2
	}
	var v uint32
	for ; i < 8; i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return v
		}
		v = v<<4 | uint32(d)
	}
	return v
}

// parseHeader reads the thirteen fields after the magic.
func parseHeader(b []byte) header {
	var f [13]uint32
	for i := range f {
		f[i] = hexField(b[6+8*i:])
	}
	h := header{
		ino: f[0], mode: f[1] & 0xffff, uid: f[2], gid: f[3], nlink: f[4],
		mtime: int64(f[5]), bodyLen: uint64(f[6]), major: f[7], minor: f[8],
		nameLen: uint64(f[11]), check: f[12],
	}
	// MKDEV shifts the major into a 32-bit dev_t and ORs the minor in
	// unmasked; new_encode_dev then keeps 12 bits of major, 20 of minor.
	d := f[9]<<20 | f[10]
	h.rdevMajor, h.rdevMinor = d>>20, d&0xfffff
	return h
}

// cstring is the C string at the start of b: up to its first NUL.
func cstring(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// feed runs the entry reader over one chunk of archive bytes until a step
// asks for more input or stops at padding, and returns how many bytes it
// used (write_buffer).
func (u *unpacker) feed(chunk []byte) int {
	u.in = chunk
	for !u.step() {
	}
	return len(chunk) - len(u.in)
}

// step runs the current phase once; true means feed must return.
func (u *unpacker) step() bool {
	switch u.phase {
	case phaseStart:
		u.readInto(u.hdrBuf[:], headerLen, phaseHeader)
		return false
	case phaseGather:
		return u.gatherStep()
	case phaseHeader:
		return u.gotHeader()
	case phaseSkip:
		return u.skipStep()
	case phaseName:
		return u.gotName()
	case phaseBody:
		return u.copyStep()
	case phaseSymlink:
		return u.gotSymlink()
	default:
		return u.padStep()
	}
}

// eat consumes n input bytes.
func (u *unpacker) eat(n uint64) {
	u.in = u.in[n:]
	u.off += int64(n)
}

// readInto takes size bytes as the current field: in place when the chunk
// holds them all, otherwise gathered into buf across chunks (read_into).
func (u *unpacker) readInto(buf []byte, size uint64, next phase) {
	if uint64(len(u.in)) >= size {
		u.got = u.in[:size]
		u.eat(size)
		u.phase = next
		return
	}
	u.gather(buf, size, next)
}

// gather starts copying size bytes into buf; phase next follows.
func (u *unpacker) gather(buf []byte, size uint64, next phase) {
	u.got, u.filled = buf[:size], 0
	u.after, u.phase = next, phaseGather
}

func (u *unpacker) gatherStep() bool {
	n := copy(u.got[u.filled:], u.in)
	u.eat(uint64(n))
	u.filled += n
	if u.filled < len(u.got) {
		return true
	}
	u.phase = u.after
	return false
}

// gotHeader checks the magic and decides what of the entry to read
// (do_header). Entries it will not create are skipped whole; note that
// the phase after the skip is then whatever the previous entry left, as
// in the kernel.
func (u *unpacker) gotHeader() bool {
	switch string(u.got[:6]) {
	case "070701":
		u.crc = false
	case "070702":
		u.crc = true
	case "070707":
		u.fail("incorrect cpio method used: use -H newc option")
		return true
	default:
		u.fail("no cpio magic")
		return true
	}
	u.hdr = parseHeader(u.got)
	h := &u.hdr
	end := u.off + int64(nameSpan(h.nameLen)+h.bodyLen)
	u.entryEnd = (end + 3) &^ 3
	u.phase = phaseSkip
	if h.nameLen == 0 || h.nameLen > pathMax {
		return false
	}
	switch h.mode & linux.S_IFMT {
	case linux.S_IFLNK:
		if h.bodyLen <= pathMax {
			u.gather(u.linkBuf[:], nameSpan(h.nameLen)+h.bodyLen, phaseSymlink)
		}
	case linux.S_IFREG:
		u.readInto(u.nameBuf[:], nameSpan(h.nameLen), phaseName)
	default:
		if h.bodyLen == 0 {
			u.readInto(u.nameBuf[:], nameSpan(h.nameLen), phaseName)
		}
	}
	return false
}

// skipStep moves to the end of the entry (do_skip).
func (u *unpacker) skipStep() bool {
	if u.off+int64(len(u.in)) < u.entryEnd {
		u.eat(uint64(len(u.in)))
		return true
	}
	u.eat(uint64(u.entryEnd - u.off))
	u.phase = u.after
	return false
}

// padStep eats zero bytes; anything else must start on a 4-byte boundary
// (do_reset). It always hands control back to the caller.
func (u *unpacker) padStep() bool {
	i := 0
	for i < len(u.in) && u.in[i] == 0 {
		i++
	}
	u.eat(uint64(i))
	if len(u.in) > 0 && u.off&3 != 0 {
		u.fail("broken padding")
	}
	return true
}

// unterminated reports a name whose last byte is not its NUL, in the
// kernel's words; what says "name" or "symlink".
func (u *unpacker) unterminated(what string) bool {
	if u.got[u.hdr.nameLen-1] == 0 {
		return false
	}
	u.k.Printk(vfs.KernErr + "initramfs " + what + " without nulterm: " + cstring(u.got[:u.hdr.nameLen]))
	u.fail("malformed archive")
	return true
}

// gotName creates what the entry names (do_name).
func (u *unpacker) gotName() bool {
	u.phase, u.after = phaseSkip, phasePad
	if u.unterminated("name") {
		return true
	}
	name := cstring(u.got)
	if name == "TRAILER!!!" {
		clear(u.links)
		return false
	}
	u.create(name)
	return false
}

// copyStep writes the file's data as it arrives (do_copy).
func (u *unpacker) copyStep() bool {
	h := &u.hdr
	if uint64(len(u.in)) < h.bodyLen {
		u.write(u.in)
		h.bodyLen -= uint64(len(u.in))
		u.eat(uint64(len(u.in)))
		return true
	}
	u.write(u.in[:h.bodyLen])
	u.finishFile()
	if u.crc && u.sum != h.check {
		u.fail("bad data checksum")
	}
	u.eat(h.bodyLen)
	u.phase = phaseSkip
	return false
}

// gotSymlink makes the symlink whose name and target were gathered
// (do_symlink).
func (u *unpacker) gotSymlink() bool {
	if u.unterminated("symlink") {
		return true
	}
	span := nameSpan(u.hdr.nameLen)
	target := cstring(u.got[span : span+u.hdr.bodyLen])
	u.symlink(cstring(u.got), target)
	u.phase, u.after = phaseSkip, phasePad
	return false
}
