// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// sparseDisk is a disk of size bytes, zero but for the sectors given.
type sparseDisk struct {
	size    int64
	sectors map[int64][]byte // by byte offset
}

func (d *sparseDisk) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > d.size {
		return 0, io.EOF
	}
	clear(p)
	for at, b := range d.sectors {
		if at < off+int64(len(p)) && at+int64(len(b)) > off {
			lo := max(at, off)
			copy(p[lo-off:], b[lo-at:])
		}
	}
	return len(p), nil
}
func (d *sparseDisk) WriteAt(p []byte, off int64) (int, error) { return 0, io.ErrShortWrite }
func (d *sparseDisk) Size() int64                              { return d.size }
func (d *sparseDisk) ReadOnly() bool                           { return true }

// bootFields are the boot sector fields the geometry tests vary.
type bootFields struct {
	sectorSize                  uint16
	secPerClus, fats, media     uint8
	reserved, dirEntries        uint16
	sectors, fatLength          uint16
	totalSect, fat32Len, rootCl uint32
	infoSector                  uint16
	state16, state32            uint8
}

func (f bootFields) sector() []byte {
	b := make([]byte, 512)
	le := binary.LittleEndian
	b[0], b[1], b[2] = 0xeb, 0x3c, 0x90
	le.PutUint16(b[11:], f.sectorSize)
	b[13] = f.secPerClus
	le.PutUint16(b[14:], f.reserved)
	b[16] = f.fats
	le.PutUint16(b[17:], f.dirEntries)
	le.PutUint16(b[19:], f.sectors)
	b[21] = f.media
	le.PutUint16(b[22:], f.fatLength)
	le.PutUint32(b[32:], f.totalSect)
	if f.fat32Len != 0 {
		le.PutUint32(b[36:], f.fat32Len)
		le.PutUint32(b[44:], f.rootCl)
		le.PutUint16(b[48:], f.infoSector)
		b[65] = f.state32
	} else {
		b[37] = f.state16
	}
	return b
}

func fsinfoSector(free uint32, good bool) []byte {
	b := make([]byte, 512)
	le := binary.LittleEndian
	if good {
		le.PutUint32(b[0:], 0x41615252)
		le.PutUint32(b[484:], 0x61417272)
	}
	le.PutUint32(b[488:], free)
	return b
}

// TestGeometry pins readGeometry: the fields it sets, its error and the
// messages, in order, for sound and broken boot sectors.
func TestGeometry(t *testing.T) {
	floppy := bootFields{sectorSize: 512, secPerClus: 1, fats: 2, media: 0xf0, reserved: 1, dirEntries: 224,
		sectors: 2880, fatLength: 9}
	fat16 := bootFields{sectorSize: 512, secPerClus: 4, fats: 2, media: 0xf8, reserved: 4, dirEntries: 512,
		totalSect: 131072, fatLength: 128, state16: 1}
	fat32 := bootFields{sectorSize: 512, secPerClus: 1, fats: 2, media: 0xf8, reserved: 32, totalSect: 1 << 20,
		fat32Len: 8192, rootCl: 2, infoSector: 1, state32: 1}
	with := func(f bootFields, change func(*bootFields)) bootFields { change(&f); return f }
	for _, tc := range []struct {
		what    string
		boot    bootFields
		size    int64
		info    []byte // the FSINFO sector at 512
		usefree bool
		want    string
	}{
		{"floppy", floppy, 2880 * 512, nil, false,
			"ok bs=512 spc=1 cs=512 fats=2 bits=12 fat=1+9 root=0 dir=19/224 data=33 max=2849 dirty=false free=-1/false"},
		{"fat16", fat16, 131072 * 512, nil, false,
			"ok bs=512 spc=4 cs=2048 fats=2 bits=16 fat=4+128 root=0 dir=260/512 data=292 max=32697 dirty=true free=-1/false"},
		{"fat32", fat32, 1 << 29, fsinfoSector(1000, true), true,
			"ok bs=512 spc=1 cs=512 fats=2 bits=32 fat=32+8192 root=2 dir=16416/0 data=16416 max=1032162 dirty=true free=1000/true"},
		{"fat32 free count beyond the clusters", fat32, 1 << 29, fsinfoSector(1<<30, true), false,
			"ok bs=512 spc=1 cs=512 fats=2 bits=32 fat=32+8192 root=2 dir=16416/0 data=16416 max=1032162 dirty=true free=-1/false"},
		{"fat32 bad FSINFO signature", fat32, 1 << 29, fsinfoSector(7, false), true,
			"ok bs=512 spc=1 cs=512 fats=2 bits=32 fat=32+8192 root=2 dir=16416/0 data=16416 max=1032162 dirty=true free=-1/false" +
				" | FAT-fs (loop0): Invalid FSINFO signature: 0x00000000, 0x00000000 (sector = 1)"},
		{"fat32 info sector 0 means 1", with(fat32, func(f *bootFields) { f.infoSector = 0 }), 1 << 29, fsinfoSector(5, true), true,
			"ok bs=512 spc=1 cs=512 fats=2 bits=32 fat=32+8192 root=2 dir=16416/0 data=16416 max=1032162 dirty=true free=5/true"},
		{"fat32 info sector past the disk", with(fat32, func(f *bootFields) { f.infoSector = 0xffff }), 1 << 20, nil, false,
			"Input/output error | FAT-fs (loop0): bread failed, FSINFO block (sector = 65535)"},
		{"fat32 FSINFO unreadable and directory entries bogus", with(fat32, func(f *bootFields) { f.infoSector = 0xffff; f.dirEntries = 3 }), 1 << 20, nil, false,
			"Input/output error | FAT-fs (loop0): bread failed, FSINFO block (sector = 65535)"},
		{"FAT too small for the clusters", with(fat16, func(f *bootFields) { f.fatLength = 8 }), 131072 * 512, nil, false,
			"ok bs=512 spc=4 cs=2048 fats=2 bits=16 fat=4+8 root=0 dir=20/512 data=52 max=2048 dirty=true free=-1/false"},
		{"FAT with room for fewer than two", with(floppy, func(f *bootFields) { f.fatLength = 1; f.sectorSize = 512 }), 2880 * 512, nil, false,
			"ok bs=512 spc=1 cs=512 fats=2 bits=12 fat=1+1 root=0 dir=3/224 data=17 max=341 dirty=false free=-1/false"},
		{"directory entries not filling sectors", with(floppy, func(f *bootFields) { f.dirEntries = 225 }), 2880 * 512, nil, false,
			"Invalid argument | FAT-fs (loop0): bogus number of directory entries (225)"},
		{"too many clusters", with(fat16, func(f *bootFields) { f.secPerClus = 1; f.totalSect = 1 << 20; f.fatLength = 512 }), 1 << 29, nil, false,
			"Invalid argument | FAT-fs (loop0): count of clusters too big (131070)"},
		{"data area past the end", with(floppy, func(f *bootFields) { f.sectors = 10 }), 2880 * 512, nil, false,
			"ok bs=512 spc=1 cs=512 fats=2 bits=16 fat=1+9 root=0 dir=19/224 data=33 max=2304 dirty=false free=-1/false"},
		{"4096-byte sectors on a short disk", with(floppy, func(f *bootFields) { f.sectorSize = 4096 }), 2048, nil, false,
			"Input/output error | FAT-fs (loop0): unable to read boot sector (logical sector size = 4096)"},
		{"4096-byte sectors", with(floppy, func(f *bootFields) { f.sectorSize = 4096; f.dirEntries = 256 }), 2880 * 512, nil, false,
			"ok bs=4096 spc=1 cs=4096 fats=2 bits=12 fat=1+9 root=0 dir=19/256 data=21 max=2861 dirty=false free=-1/false"},
		{"bad media", with(floppy, func(f *bootFields) { f.media = 0x12 }), 2880 * 512, nil, false,
			"Invalid argument | FAT-fs (loop0): invalid media value (0x12)"},
		{"no FAT length at all", with(floppy, func(f *bootFields) { f.fatLength = 0 }), 2880 * 512, nil, false,
			"Invalid argument | FAT-fs (loop0): bogus number of FAT sectors"},
	} {
		d := &sparseDisk{size: tc.size, sectors: map[int64][]byte{0: tc.boot.sector()}}
		if tc.info != nil {
			d.sectors[512] = tc.info
		}
		k := vfs.NewKernel()
		fs := &filesystem{disk: d, name: "loop0", k: k, freeClusters: -1, opts: options{usefree: tc.usefree}}
		fc := &vfs.FsContext{}
		err := fs.readGeometry(fc, false)
		got := "ok"
		if err != nil {
			got = err.Error()
		} else {
			got = fmt.Sprintf("ok bs=%d spc=%d cs=%d fats=%d bits=%d fat=%d+%d root=%d dir=%d/%d data=%d max=%d dirty=%v free=%d/%v",
				fs.blockSize, fs.secPerClus, fs.clusterSize, fs.fats, fs.fatBits, fs.fatStart, fs.fatLength, fs.rootCluster,
				fs.dirStart, fs.dirEntries, fs.dataStart, fs.maxCluster, fs.dirty, fs.freeClusters, fs.freeValid)
		}
		if log := k.Dmesg(); len(log) > 0 {
			got += " | " + strings.Join(log, " | ")
		}
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.what, got, tc.want)
		}
	}
}
