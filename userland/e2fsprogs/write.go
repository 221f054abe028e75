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
