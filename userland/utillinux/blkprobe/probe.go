// SPDX-License-Identifier: Apache-2.0

// Package blkprobe recognises what a block device or image holds: a
// filesystem or other signature (its type, label, UUID, version...) and a
// partition table, with the names and values util-linux 2.38's libblkid
// gives them (TYPE, LABEL, UUID, PTTYPE, PART_ENTRY_*...). blkid, lsblk -f
// and mount's type guess all ask it.
//
// A probe reads the device through an io.ReaderAt of a known size; it
// never writes. The values come out in the order libblkid sets them,
// which is the order blkid prints them in.
package blkprobe

import (
	"errors"
	"io"
	"strings"
)

// Flags choose which values a probe reports (libblkid's BLKID_SUBLKS_*
// and BLKID_PARTS_ENTRY_DETAILS). Values no flag governs (BLOCK_SIZE,
// LOGUUID, vfat's SEC_TYPE, PTTYPE...) are always reported.
type Flags uint

const (
	Label       Flags = 1 << iota // LABEL and the *_ID texts of iso9660
	UUID                          // UUID
	Type                          // TYPE
	SecType                       // ext's SEC_TYPE
	Usage                         // USAGE
	Version                       // VERSION
	PartDetails                   // PART_ENTRY_* of a partition
)

// CacheFlags are what blkid's cached (high-level) mode asks for.
const CacheFlags = Label | UUID | Type | SecType | PartDetails

// LowFlags are what blkid -p asks for.
const LowFlags = Label | UUID | Type | SecType | Usage | Version | PartDetails

// Value is one NAME=value result.
type Value struct {
	Name, Data string
}

// Status is how a probe ended (the return codes of blkid_do_safeprobe).
type Status int

const (
	Found      Status = iota // something was recognised
	Nothing                  // nothing was
	Ambivalent               // more than one filesystem claims the device
	Failed                   // the device could not be read
)

// tinySize is the size up to which a device counts as a floppy: its
// first filesystem is taken without looking for others.
const tinySize = 1440 * 1024

// Device is what a probe reads.
type Device struct {
	R    io.ReaderAt
	Size int64
	// WholeDisk is a disk rather than a partition or a file: a small
	// one is looked at for a partition table before filesystems.
	WholeDisk bool
	// Entry, if set, is the partition the device is, as its disk's
	// table describes it (reported with PartDetails).
	Entry *Entry
}

// Probe is one probing of a device.
type Probe struct {
	dev    Device
	flags  Flags
	values []Value
	err    error // a read error other than a short device
	// skip leaves signatures out of the superblocks chain (blkid -n, -u).
	skip func(*prober) bool
	// hidden are ranges read as zeros: signatures already listed (or
	// erased in a dry run) that a new look must not find again.
	hidden [][2]int64
	// magic is the magic the last successful prober matched.
	magic *magic
}

// FilterTypes limits the signatures tried to those named, or with notIn
// to the others (blkid_probe_filter_superblocks_type).
func (p *Probe) FilterTypes(names []string, notIn bool) {
	p.skip = func(pr *prober) bool { return contains(names, pr.name) == notIn }
}

// FilterUsage does the same by what signatures are for: "filesystem",
// "raid", "crypto" or "other", each matching a word it begins
// (blkid_probe_filter_superblocks_usage).
func (p *Probe) FilterUsage(words []string, notIn bool) {
	p.skip = func(pr *prober) bool {
		in := false
		for _, w := range words {
			in = in || strings.HasPrefix(w, pr.usage.String())
		}
		return in == notIn
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// New returns a probe of dev reporting what flags ask for.
func New(dev Device, flags Flags) *Probe {
	return &Probe{dev: dev, flags: flags}
}

// Values are the results, in libblkid's order.
func (p *Probe) Values() []Value { return p.values }

// Lookup is the value named name, if any.
func (p *Probe) Lookup(name string) (string, bool) {
	for _, v := range p.values {
		if v.Name == name {
			return v.Data, true
		}
	}
	return "", false
}

func (p *Probe) tiny() bool { return p.dev.Size <= tinySize }

// read returns n bytes at off, or nil past the device's end or on error
// (blkid_probe_get_buffer).
func (p *Probe) read(off int64, n int) []byte {
	if off < 0 || n < 0 || off+int64(n) > p.dev.Size {
		return nil
	}
	buf := make([]byte, n)
	got, err := p.dev.R.ReadAt(buf, off)
	if got < n {
		if err != nil && !errors.Is(err, io.EOF) && p.err == nil {
			p.err = err
		}
		return nil
	}
	for _, h := range p.hidden {
		for i := max(h[0], off); i < min(h[1], off+int64(n)); i++ {
			buf[i-off] = 0
		}
	}
	return buf
}

// set adds or replaces a value (blkid_probe_assign_value keeps a name's
// first place).
func (p *Probe) set(name, data string) {
	for i := range p.values {
		if p.values[i].Name == name {
			p.values[i].Data = data
			return
		}
	}
	p.values = append(p.values, Value{name, data})
}

func (p *Probe) want(f Flags) bool { return p.flags&f != 0 }

// Safe is blkid_do_safeprobe with the superblocks and partitions chains:
// one filesystem (or none, or Ambivalent when two claim the device), then
// the partition table and the partition's entry.
func (p *Probe) Safe() Status {
	p.values = nil
	st := p.superblocks()
	if st == Ambivalent || st == Failed {
		return st
	}
	pst := p.partitions()
	switch {
	case p.err != nil:
		return Failed
	case st == Found || pst == Found:
		return Found
	}
	return Nothing
}

// PartitionsOnly is the partition table probe alone (what blkid -p does
// first on a small whole disk).
func (p *Probe) PartitionsOnly() Status {
	p.values = nil
	return p.partitions()
}

// CacheTags are the values as blkid's cache keeps them for a device
// (blkid_probe_to_tags): a partition's entry reduced to PARTUUID and
// PARTLABEL, the other PART_ENTRY_* values and the *_ID texts left out.
func CacheTags(vals []Value) []Value {
	var out []Value
	add := func(name, data string) {
		for i := range out {
			if out[i].Name == name {
				out[i].Data = data
				return
			}
		}
		out = append(out, Value{name, data})
	}
	for _, v := range vals {
		switch {
		case v.Name == "PART_ENTRY_UUID":
			add("PARTUUID", v.Data)
		case v.Name == "PART_ENTRY_NAME":
			add("PARTLABEL", v.Data)
		case strings.HasPrefix(v.Name, "PART_ENTRY_"), strings.Contains(v.Name, "_ID"):
		default:
			add(v.Name, v.Data)
		}
	}
	return out
}
