// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"bufio"
	"encoding/binary"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Bad blocks: -c reads the whole target and -l takes a list of block
// numbers (KiB); every 512-byte sector of a bad block marks its cluster
// bad in the FATs. Sector numbers here count 512 bytes whatever the
// logical sector size, as mkfs.fat counts them, and so does its check
// against the end of the filesystem.

const badCluster = 0x0ffffff7

// testBlocks is how many blocks -c reads at a time.
const testBlocks = 16

// badBlocks finds and marks the bad blocks -c or -l asks for; dataStart
// is where the data area starts, in 512-byte sectors.
func (m *mkfs) badBlocks(img *image, fd int, dataStart int64) error {
	var bad []int64
	var err error
	switch {
	case m.check:
		bad, err = m.surfaceScan(fd, (dataStart+1)/2)
	case m.badList != "":
		bad, err = m.readList(dataStart)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	for _, b := range bad {
		for i := int64(0); i < 2; i++ {
			if err := m.markSector(img.fat, b*2+i, dataStart); err != nil {
				return err
			}
		}
	}
	if len(bad) > 0 {
		m.printf("%d bad block%s\n", len(bad), plural(len(bad)))
	}
	return nil
}

// surfaceScan is -c: it reads the target and returns its bad blocks;
// one before the data area (dataBlock) ends the run.
func (m *mkfs) surfaceScan(fd int, dataBlock int64) ([]int64, error) {
	if m.verbose > 0 {
		m.printf("Searching for bad blocks ")
	}
	if m.offset != 0 {
		// mkfs.fat checks where its seek landed against the block's
		// place without the offset, so -c fails with any --offset.
		return nil, m.die("seek failed during testing for blocks")
	}
	buf := make([]byte, testBlocks*blockSize)
	readBlocks := func(first, count int64) int64 {
		n, err := m.Task.Pread(fd, buf[:count*blockSize], first*blockSize)
		if err != nil {
			return 0
		}
		if n%blockSize != 0 {
			m.printf("Unexpected values in do_check: probably bugs\n")
		}
		return int64(n) / blockSize
	}
	bad, early := badBlockScan(m.blocks, dataBlock, readBlocks)
	if early {
		return nil, m.die("bad blocks before data-area: cannot make fs")
	}
	if m.verbose > 0 {
		m.printf("\n")
	}
	return bad, nil
}

// badBlockScan walks blocks [0, total) with read, which says how many
// whole blocks from first came back. It reads testBlocks at a time;
// where a read comes back short, the block it stopped at is bad and
// the block after it is read alone, full batches going on once a
// block reads. A bad block below keep stops the walk (early).
func badBlockScan(total, keep int64, read func(first, count int64) int64) (bad []int64, early bool) {
	alone := false
	for next := int64(0); next < total; {
		count := int64(testBlocks)
		if alone {
			count = 1
		}
		count = min(count, total-next)
		good := read(next, count)
		next += good
		if alone = good < count; !alone {
			continue
		}
		if next < keep {
			return nil, true
		}
		bad = append(bad, next)
		next++
	}
	return bad, false
}

// readList reads -l's file: a decimal block number a line, blank lines
// allowed, each inside the data area.
func (m *mkfs) readList(dataStart int64) ([]int64, error) {
	f, err := applet.OpenFile(m.Task, m.badList, linux.O_RDONLY, 0)
	if err != nil {
		return nil, m.die("Can't open file of bad blocks")
	}
	defer f.Close()
	var bad []int64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		word := strings.TrimLeft(text, " \t\n\v\f\r")
		end := numberEnd(word)
		n, whole, overflow := strtoll(word[:end], 10, 64)
		if overflow || n < 0 && whole {
			m.warn("While converting bad block number in line %d: %s\n", line, errName(overflow))
			return nil, m.die("Error in bad blocks file")
		}
		if strings.Trim(word[end:], " \t\n\v\f\r") != "" {
			m.warn("Badly formed number in bad blocks file line %d\n", line)
			return nil, m.die("Error in bad blocks file")
		}
		if !whole {
			continue // an empty or blank line
		}
		for i := int64(0); i < 2; i++ {
			sector := n*2 + i
			if sector < dataStart {
				m.warn("Block number %d is before data area\n", n)
				return nil, m.die("Error in bad blocks file")
			}
			if sector >= int64(m.numSectors) {
				m.warn("Block number %d is behind end of filesystem\n", n)
				return nil, m.die("Error in bad blocks file")
			}
		}
		bad = append(bad, n)
	}
	return bad, nil
}

// numberEnd is where strtoll's decimal number at the start of s ends:
// an optional sign and digits, 0 without digits.
func numberEnd(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return 0
	}
	return j
}

// errName is strerror's text for strtoll's result: ERANGE or none.
func errName(overflow bool) string {
	if overflow {
		return "Numerical result out of range"
	}
	return "Success"
}

// markSector marks the cluster holding a 512-byte sector bad.
func (m *mkfs) markSector(fat []byte, sector, dataStart int64) error {
	if sector < dataStart || sector >= int64(m.numSectors) {
		return m.die("Internal error: out of range sector number in mark_FAT_sector")
	}
	c := (sector-dataStart)/int64(m.clusterSize)/int64(m.sectorSize/512) + 2
	if c >= m.clusters+2 {
		return m.die("Internal error: out of range cluster number in mark_FAT_cluster")
	}
	setFatEntry(fat, m.fatBits, c, badCluster)
	return nil
}

// setFatEntry stores v in entry c of a FAT of the given width.
func setFatEntry(fat []byte, bits int, c int64, v uint32) {
	switch bits {
	case 12:
		v &= 0xfff
		i := c * 3 / 2
		if c&1 == 0 {
			fat[i] = byte(v)
			fat[i+1] = fat[i+1]&0xf0 | byte(v>>8)
		} else {
			fat[i] = fat[i]&0x0f | byte(v<<4)
			fat[i+1] = byte(v >> 4)
		}
	case 16:
		binary.LittleEndian.PutUint16(fat[c*2:], uint16(v))
	case 32:
		binary.LittleEndian.PutUint32(fat[c*4:], v&0x0fffffff)
	}
}
