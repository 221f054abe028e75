// SPDX-License-Identifier: Apache-2.0

// Package initramfs reads an initramfs image into rootfs as Linux 6.18
// does at boot (init/initramfs.c): one or more newc ("070701") or newc-crc
// ("070702") cpio archives, each possibly compressed (gzip, bzip2, xz,
// lz4 legacy frames, zstd, detected by magic as lib/decompress.c does),
// with zero padding between them.
//
// The rules are the kernel's, quirks included: names are created as
// given, relative to the unpacking task's working directory, with no
// parent directory made; what stands at a name with another file type is
// removed first; hard links are matched by (ino, major, minor) and file
// type and forgotten at each TRAILER!!!; owner and mode are applied after
// creation, so the umask does not matter; mtimes are kept
// (CONFIG_INITRAMFS_PRESERVE_MTIME, as Debian builds its kernel), those of
// directories once the whole image is read. An uncompressed archive that
// stops short is not an error; a compressed one that stops short is.
// Errors are the kernel's messages; what was unpacked before stays.
package initramfs

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// Options are the kernel configuration and command line that change how
// an image is read. The zero value is Debian's 6.18 kernel (minus
// CONFIG_BLK_DEV_RAM, as on the machine this is tested on).
type Options struct {
	// DiscardMtime models a kernel built without
	// CONFIG_INITRAMFS_PRESERVE_MTIME: every file keeps the time it was
	// made at.
	DiscardMtime bool
	// Methods are the decompressors built in (CONFIG_RD_*): nil means all
	// that this package has (gzip, bzip2, xz, lz4, zstd); a method
	// detected but not listed fails with "compression method X not
	// configured" in the log. The kernel's lzma and lzo are never
	// available here.
	Methods []string
	// BlkDevRAM models CONFIG_BLK_DEV_RAM=y in PopulateRootfs: an initrd
	// that is not an initramfs is kept as /initrd.image for the old initrd
	// code instead of being reported as a failed unpacking.
	BlkDevRAM bool
	// RetainInitrd is the retain_initrd parameter: the initrd's memory is
	// not freed (no "Freeing initrd memory" line).
	RetainInitrd bool

	// maxOut, when set (tests), stops decompression past that many bytes
	// of output in one Unpack, as if the stream ended there.
	maxOut int64
}

func (o *Options) preserveMtime() bool { return !o.DiscardMtime }

// Error is a failed unpacking: Msg is what unpack_to_rootfs returns.
type Error struct {
	Msg string
	// Builtin is set when the archive is the one built into the kernel:
	// the kernel panics with Msg then.
	Builtin bool
}

func (e *Error) Error() string { return e.Msg }

// unpacker is one call of unpack_to_rootfs: the entry reader's state and
// the rootfs side it drives.
type unpacker struct {
	t    *vfs.Task
	k    *vfs.Kernel
	opts Options
	msg  string // the first error; later ones are dropped (error())

	phase, after phase  // state and next_state
	in           []byte // the unread part of the current chunk
	off          int64  // this_header: offset in the current stream
	entryEnd     int64  // next_header
	got          []byte // collected: the current field
	filled       int    // bytes of got gathered so far
	hdr          header
	crc          bool   // the entry is 070702: its data is summed
	sum          uint32 // io_csum
	fd           int    // the file being written, or -1

	hdrBuf  [headerLen]byte
	nameBuf [(pathMax+1)&^3 + 2]byte
	linkBuf [pathMax + (pathMax+1)&^3 + 2 + 1]byte

	links map[linkKey]string
	dirs  []dirTime
	out   int64 // decompressed bytes so far (for maxOut)
	lz4   []byte
}

// fail records the first error message (error()).
func (u *unpacker) fail(msg string) {
	if u.msg == "" {
		u.msg = msg
	}
}

// Unpack reads one initramfs image into the file tree t sees, as
// unpack_to_rootfs does: names relative to t's working directory (the
// kernel's worker has rootfs's root there), t's credentials for the
// calls. t should be privileged: the kernel's own tasks are; Kernel
// KernelThread makes such a task. It returns nil or an *Error with the
// kernel's message; files made before the error stay.
func Unpack(t *vfs.Task, data []byte, opts Options) error {
	u := &unpacker{t: t, k: t.Kernel(), opts: opts, fd: -1,
		links: map[linkKey]string{}, phase: phaseStart, after: phasePad}
	u.run(data)
	if u.msg != "" {
		return &Error{Msg: u.msg}
	}
	return nil
}

// run walks the image: cpio archives are read in place, zero bytes
// skipped, anything else handed to the decompressor its magic names.
func (u *unpacker) run(buf []byte) {
	for u.msg == "" && len(buf) > 0 {
		start := u.off
		if buf[0] == '0' && u.off&3 == 0 {
			u.phase = phaseStart
			buf = buf[u.feed(buf):]
			continue
		}
		if buf[0] == 0 {
			buf = buf[1:]
			u.off++
			continue
		}
		u.off = 0
		used := u.decompress(buf)
		if u.phase != phasePad {
			u.fail("junk at the end of compressed archive")
		}
		used = min(used, len(buf)) // the kernel would read past the image
		u.off = start + int64(used)
		buf = buf[used:]
	}
	u.dirTimes()
	clear(u.links)
	if u.fd >= 0 {
		_ = u.t.Close(u.fd)
		u.fd = -1
	}
}

// decompress runs the decompressor for the stream at the head of buf and
// returns how many bytes of buf it used.
func (u *unpacker) decompress(buf []byte) int {
	m := detect(buf)
	switch {
	case m == nil:
		u.fail("invalid magic at start of compressed archive")
		return 0
	case m.decode == nil || !u.configured(m.name):
		u.k.Printk(vfs.KernErr + fmt.Sprintf("compression method %s not configured", m.name))
		u.fail("decompressor failed")
		return 0
	}
	used, ok := m.decode(u, buf)
	if !ok {
		u.fail("decompressor failed")
	}
	return used
}

func (u *unpacker) configured(name string) bool {
	if u.opts.Methods == nil {
		return true
	}
	for _, m := range u.opts.Methods {
		if m == name {
			return true
		}
	}
	return false
}

// flush takes a chunk of decompressed output (flush_buffer): after an
// entry's padding, a '0' starts the next archive, anything else but zero
// is junk. It returns false once an error is recorded, which makes the
// decompressor stop.
func (u *unpacker) flush(chunk []byte) bool {
	if u.msg != "" {
		return false
	}
	if u.opts.maxOut > 0 {
		if u.out >= u.opts.maxOut {
			return false
		}
		u.out += int64(len(chunk))
	}
	for {
		n := u.feed(chunk)
		if n >= len(chunk) || u.msg != "" {
			return true
		}
		switch chunk[n] {
		case '0':
			u.phase = phaseStart
		case 0:
			u.phase = phasePad
		default:
			u.fail("junk within compressed archive")
			return true
		}
		chunk = chunk[n:]
	}
}
