// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

// blockWriter is where the image goes: a file or block device.
type blockWriter interface {
	WriteAt(p []byte, off int64) (int, error)
}

// zeroChunk is how much is zeroed per write.
const zeroChunk = 1 << 20

// writeImage writes the made filesystem: the old superblock's sectors
// cleared, the device's end zeroed and the runs to zero when the device
// was not discarded (inode tables, the journal), then
// every metadata block in order. Block 0's first 1024 bytes (a boot
// sector) are left alone.
func (m *image) writeImage(w blockWriter, zero bool) error {
	bs := int64(m.p.blockSize)
	if _, err := w.WriteAt(make([]byte, 3072), 1024); err != nil {
		return err
	}
	runs := [][2]uint64{m.endRun}
	if zero {
		runs = append(runs, m.zeroRuns...)
	}
	buf := make([]byte, zeroChunk)
	for _, r := range runs {
		off, end := int64(r[0])*bs, int64(r[0]+r[1])*bs
		for off < end {
			n := min(end-off, zeroChunk)
			if _, err := w.WriteAt(buf[:n], off); err != nil {
				return err
			}
			off += n
		}
	}
	for _, blk := range m.sortedBlocks() {
		b, off := m.blocks[blk], int64(blk)*bs
		if blk == 0 {
			b, off = b[1024:], 1024
		}
		if _, err := w.WriteAt(b, off); err != nil {
			return err
		}
	}
	return nil
}

// BSD disklabel magics (at byte 64 of sector 0), in either byte order.
const (
	bsdDiskMagic = 0x82564557
	bsdMagicDisk = 0x57455682
)

// zapBootSectors clears the first two sectors, where an older
// filesystem or boot loader may have left its mark, unless they hold a
// BSD disklabel, as mke2fs does.
func zapBootSectors(dev *device) error {
	sect := make([]byte, 512)
	if _, err := dev.t.Pread(dev.fd, sect, 0); err == nil {
		if m := le.Uint32(sect[64:]); m == bsdDiskMagic || m == bsdMagicDisk {
			return nil
		}
	}
	_, err := dev.WriteAt(make([]byte, 1024), 0)
	return err
}
