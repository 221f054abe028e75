// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/diskfs/go-diskfs/partition/gpt"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Partitions of a disk as block/partitions/ finds them: an MS-DOS table
// (msdos.c: primaries 1-4, logical partitions from 5 in the extended one's
// chain) or a GUID table behind a protective MBR (efi.c, read through
// go-diskfs).

// partition is one partition: its number, where it lies, its PARTUUID,
// and the name a GPT gives it.
type partition struct {
	num         int
	start, size int64 // bytes
	uuid        string
	name        string
}

// partView is a partition as a disk of its own (a part block_device).
type partView struct {
	d           *DiskImage
	start, size int64
	name        string
}

// Name is the partition's name ("vda1").
func (p *partView) Name() string { return p.name }

func (p *partView) ReadAt(b []byte, off int64) (int, error) {
	if off >= p.size {
		return 0, io.EOF
	}
	if rest := p.size - off; int64(len(b)) > rest {
		b = b[:rest]
	}
	return p.d.ReadAt(b, p.start+off)
}

func (p *partView) WriteAt(b []byte, off int64) (int, error) {
	if off >= p.size {
		return 0, linux.ENOSPC
	}
	if rest := p.size - off; int64(len(b)) > rest {
		b = b[:rest]
	}
	return p.d.WriteAt(b, p.start+off)
}

func (p *partView) Size() int64    { return p.size }
func (p *partView) ReadOnly() bool { return p.d.ReadOnly() }

// addPartitions is blk_add_partitions for disk n: each partition found
// becomes vdaN with the next minors, and its node; uuids gets each one's
// PARTUUID.
func addPartitions(k *vfs.Kernel, n int, disk *vfs.Device, d *DiskImage, uuids map[string]uint64) error {
	name := disk.Name
	parts := readPartitions(d)
	if len(parts) == 0 {
		return nil
	}
	var kept []partition
	for _, p := range parts {
		if p.num >= virtblkMinors {
			continue // no minor left for it
		}
		var ok bool
		if p, ok = fitToDisk(k, name, p, d.Size()); !ok {
			continue
		}
		dev := linux.Mkdev(VirtblkMajor, uint32(n*virtblkMinors+p.num))
		pname := fmt.Sprintf("%s%d", name, p.num)
		if err := k.AddDisk(dev, &partView{d: d, start: p.start, size: p.size, name: pname}); err != nil {
			return err
		}
		pdev := &vfs.Device{Name: pname, Class: "block", Block: true, Dev: dev, Parent: disk,
			PartNo: p.num, PartName: p.name, Attrs: partitionAttrs(p, d.ReadOnly())}
		if err := k.DeviceAdd(pdev); err != nil {
			return err
		}
		kept = append(kept, p)
		if p.uuid != "" {
			uuids[p.uuid] = dev
		}
	}
	k.Printk(vfs.KernInfo + " " + name + ": " + listNames(name, kept))
	return nil
}

// partitionAttrs are part_attrs: the partition's number, start and size
// in sectors, whether it is read-only, and its (idle) statistics.
func partitionAttrs(p partition, ro bool) []vfs.DeviceAttr {
	line := func(s string) func(*vfs.Task) string { return func(*vfs.Task) string { return s + "\n" } }
	roText := "0"
	if ro {
		roText = "1"
	}
	idle := func(n int) string { return strings.TrimSuffix(strings.Repeat("       0 ", n), " ") }
	return []vfs.DeviceAttr{
		{Name: "partition", Show: line(fmt.Sprint(p.num))},
		{Name: "start", Show: line(fmt.Sprint(p.start / 512))},
		{Name: "size", Show: line(fmt.Sprint(p.size / 512))},
		{Name: "ro", Show: line(roText)},
		{Name: "alignment_offset", Show: line("0")},
		{Name: "discard_alignment", Show: line("0")},
		{Name: "stat", Show: line(idle(17))},
		{Name: "inflight", Show: line(idle(2))},
	}
}

// listNames is how check_partition's log line shows the partitions: the
// logical ones of an extended partition between "<" and ">".
func listNames(name string, parts []partition) string {
	var out []string
	inLogical := false
	for _, p := range parts {
		switch logical := p.num >= 5; {
		case logical && !inLogical:
			out = append(out, "<")
		case !logical && inLogical:
			out = append(out, ">")
		}
		inLogical = p.num >= 5
		out = append(out, fmt.Sprintf("%s%d", name, p.num))
	}
	if inLogical {
		out = append(out, ">")
	}
	return strings.Join(out, " ")
}

// fitToDisk is add_partition's check against the disk's end: a partition
// starting beyond it is left out, one running past it is cut short, each
// with the kernel's warning.
func fitToDisk(k *vfs.Kernel, disk string, p partition, size int64) (partition, bool) {
	switch {
	case p.start >= size:
		k.Printk(vfs.KernWarning + fmt.Sprintf("%s: p%d start %d is beyond EOD, truncated", disk, p.num, p.start/512))
		return p, false
	case p.start+p.size > size:
		k.Printk(vfs.KernWarning + fmt.Sprintf("%s: p%d size %d extends beyond EOD, truncated", disk, p.num, p.size/512))
		p.size = size - p.start
	}
	return p, true
}

// readPartitions finds the table on d: none, an MS-DOS one or a GPT.
func readPartitions(d *DiskImage) []partition {
	mbr := make([]byte, 512)
	if n, _ := d.ReadAt(mbr, 0); n < 512 || mbr[510] != 0x55 || mbr[511] != 0xaa {
		return nil
	}
	entries := mbrEntries(mbr)
	if !validBootIndicators(entries) {
		return nil // a FAT boot sector, or not a table at all
	}
	for _, e := range entries {
		if e.sysInd == 0xee {
			return readGPT(d)
		}
	}
	return msdosPartitions(d, mbr, entries)
}

// mbrEntry is a struct msdos_partition.
type mbrEntry struct {
	bootInd, sysInd byte
	start, sects    uint32
}

func mbrEntries(sector []byte) []mbrEntry {
	var out []mbrEntry
	for i := 0; i < 4; i++ {
		e := sector[0x1be+16*i:]
		out = append(out, mbrEntry{bootInd: e[0], sysInd: e[4],
			start: binary.LittleEndian.Uint32(e[8:]), sects: binary.LittleEndian.Uint32(e[12:])})
	}
	return out
}

// validBootIndicators: a table's entries say 0 or 0x80; anything else is
// the boot sector of a filesystem (msdos_partition rejects it).
func validBootIndicators(es []mbrEntry) bool {
	for _, e := range es {
		if e.bootInd != 0 && e.bootInd != 0x80 {
			return false
		}
	}
	return true
}

func isExtended(sys byte) bool { return sys == 0x05 || sys == 0x0f || sys == 0x85 }

// msdosPartitions lists the primaries (an extended one as its first two
// sectors, as the kernel sizes it) and the logical partitions.
func msdosPartitions(d *DiskImage, mbr []byte, es []mbrEntry) []partition {
	sig := binary.LittleEndian.Uint32(mbr[0x1b8:])
	var out []partition
	for i, e := range es {
		if e.sects == 0 {
			continue
		}
		p := partition{num: i + 1, start: int64(e.start) * 512, size: int64(e.sects) * 512}
		if isExtended(e.sysInd) {
			p.size = 1024
			out = append(out, p)
			out = append(out, logicalPartitions(d, int64(e.start))...)
			continue
		}
		out = append(out, p)
	}
	for i := range out {
		// An extended partition gets no info (set_info), so no PARTUUID.
		if out[i].num > 4 || !isExtended(es[out[i].num-1].sysInd) {
			out[i].uuid = fmt.Sprintf("%08x-%02x", sig, out[i].num)
		}
	}
	return out
}

// logicalPartitions follows the chain of extended boot records from base
// (parse_extended): numbers 5 and up, one data partition per record.
func logicalPartitions(d *DiskImage, base int64) []partition {
	var out []partition
	next := base
	for hops := 0; hops < 64; hops++ {
		sector := make([]byte, 512)
		if n, _ := d.ReadAt(sector, next*512); n < 512 || sector[510] != 0x55 || sector[511] != 0xaa {
			break
		}
		var link int64
		found := false
		for _, e := range mbrEntries(sector)[:2] {
			switch {
			case e.sects == 0:
			case isExtended(e.sysInd):
				link = base + int64(e.start)
			case !found:
				// A record without a data partition takes no number.
				out = append(out, partition{num: 5 + len(out), start: (next + int64(e.start)) * 512, size: int64(e.sects) * 512})
				found = true
			}
		}
		if link == 0 || link == next {
			break
		}
		next = link
	}
	return out
}

// readGPT reads the GUID table; its partitions are numbered by entry.
func readGPT(d *DiskImage) []partition {
	t, err := gpt.Read(d.f, 512, 512)
	if err != nil {
		return nil
	}
	var out []partition
	for _, p := range t.Partitions {
		if p == nil || p.Type == gpt.Unused || p.End < p.Start {
			continue
		}
		out = append(out, partition{num: p.Index, start: int64(p.Start) * 512, size: int64(p.End-p.Start+1) * 512,
			uuid: strings.ToLower(p.GUID), name: p.Name})
	}
	return out
}
