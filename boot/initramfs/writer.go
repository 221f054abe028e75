// SPDX-License-Identifier: Apache-2.0

package initramfs

import (
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Entry is one member of a newc archive.
type Entry struct {
	Name      string // as stored: "dev/console", "./init", "/root"
	Mode      uint32 // file type and permission bits
	UID, GID  uint32
	Nlink     uint32 // 0 writes 1 (2 for a directory)
	Mtime     int64
	Ino       uint32 // 0 numbers the entry after the previous one
	Major     uint32 // the device the inode is on (hard links match it)
	Minor     uint32
	RdevMajor uint32 // a device node's numbers
	RdevMinor uint32
	Data      []byte // a file's contents, or a symlink's target
}

// Writer writes a newc archive ("070701"), or newc with checksums
// ("070702"): inodes numbered from 721 unless given (as
// usr/gen_init_cpio numbers them), names NUL-terminated and padded to 4
// bytes, then the data padded likewise.
type Writer struct {
	w   io.Writer
	crc bool
	ino uint32
	err error
}

// NewWriter returns a writer of a newc archive; crc selects "070702".
func NewWriter(w io.Writer, crc bool) *Writer {
	return &Writer{w: w, crc: crc, ino: 720}
}

// WriteEntry appends e to the archive.
func (w *Writer) WriteEntry(e Entry) error {
	if w.err != nil {
		return w.err
	}
	if e.Ino == 0 {
		w.ino++
		e.Ino = w.ino
	} else {
		w.ino = e.Ino
	}
	if e.Nlink == 0 {
		e.Nlink = 1
		if e.Mode&linux.S_IFMT == linux.S_IFDIR {
			e.Nlink = 2
		}
	}
	magic := "070701"
	var sum uint32
	if w.crc {
		magic = "070702"
		for _, c := range e.Data {
			sum += uint32(c)
		}
	}
	hdr := fmt.Sprintf("%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		magic, e.Ino, e.Mode, e.UID, e.GID, e.Nlink, uint32(e.Mtime), len(e.Data),
		e.Major, e.Minor, e.RdevMajor, e.RdevMinor, len(e.Name)+1, sum)
	rec := append([]byte(hdr), e.Name...)
	rec = append(rec, 0)
	rec = pad4(rec)
	rec = pad4(append(rec, e.Data...))
	_, w.err = w.w.Write(rec)
	return w.err
}

// Close writes the TRAILER!!! entry that ends the archive; it does not
// close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	return w.WriteEntry(Entry{Name: "TRAILER!!!", Ino: 0, Nlink: 1})
}

func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// DefaultBuiltin is the archive a kernel built with an empty
// CONFIG_INITRAMFS_SOURCE carries (usr/default_cpio_list): /dev, the
// console node and /root, stamped with the build time mtime.
func DefaultBuiltin(mtime int64) []byte {
	var b bytesBuffer
	w := NewWriter(&b, false)
	_ = w.WriteEntry(Entry{Name: "/dev", Mode: linux.S_IFDIR | 0o755, Mtime: mtime})
	_ = w.WriteEntry(Entry{Name: "/dev/console", Mode: linux.S_IFCHR | 0o600, Mtime: mtime, RdevMajor: 5, RdevMinor: 1})
	_ = w.WriteEntry(Entry{Name: "/root", Mode: linux.S_IFDIR | 0o700, Mtime: mtime})
	_ = w.Close()
	return b
}

// bytesBuffer is an io.Writer appending to a slice.
type bytesBuffer []byte

func (b *bytesBuffer) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
