// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"bytes"
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The caller's side of statmount(2): a struct statmount decoded from the
// bytes the call wrote, as a C program reads its fields, and a call that
// grows its buffer until the strings fit.

// Statmount is struct statmount with its strings resolved. A field whose
// bit is not in Mask is zero.
type Statmount struct {
	Size                     uint32 // bytes written, strings included
	Mask                     uint64
	SbDevMajor, SbDevMinor   uint32
	SbMagic                  uint64
	SbFlags                  uint32
	FsType                   string
	MntID, MntParentID       uint64
	MntIDOld, MntParentIDOld uint32
	MntAttr                  uint64
	MntPropagation           uint64
	MntPeerGroup, MntMaster  uint64
	PropagateFrom            uint64
	MntRoot, MntPoint        string
	MntNsID                  uint64
	MntOpts                  string
	FsSubtype, SbSource      string
	OptArray, OptSecArray    []string
	SupportedMask            uint64
	MntUIDMap, MntGIDMap     []string
}

// DecodeStatmount reads a struct statmount from b, the buffer statmount(2)
// filled (bufsize bytes). The fixed part may be cut short by a small
// buffer; strings are read only for the bits the mask has.
func DecodeStatmount(b []byte) (Statmount, error) {
	var fixed [linux.STATMOUNT_SIZE]byte
	copy(fixed[:], b)
	le := binary.LittleEndian
	u32 := func(off int) uint32 { return le.Uint32(fixed[off:]) }
	u64 := func(off int) uint64 { return le.Uint64(fixed[off:]) }
	sm := Statmount{
		Size: u32(linux.STATMOUNT_OFF_SIZE), Mask: u64(linux.STATMOUNT_OFF_MASK),
		SbDevMajor: u32(linux.STATMOUNT_OFF_SB_DEV_MAJOR), SbDevMinor: u32(linux.STATMOUNT_OFF_SB_DEV_MINOR),
		SbMagic: u64(linux.STATMOUNT_OFF_SB_MAGIC), SbFlags: u32(linux.STATMOUNT_OFF_SB_FLAGS),
		MntID: u64(linux.STATMOUNT_OFF_MNT_ID), MntParentID: u64(linux.STATMOUNT_OFF_MNT_PARENT_ID),
		MntIDOld: u32(linux.STATMOUNT_OFF_MNT_ID_OLD), MntParentIDOld: u32(linux.STATMOUNT_OFF_MNT_PARENT_ID_OLD),
		MntAttr: u64(linux.STATMOUNT_OFF_MNT_ATTR), MntPropagation: u64(linux.STATMOUNT_OFF_MNT_PROPAGATION),
		MntPeerGroup: u64(linux.STATMOUNT_OFF_MNT_PEER_GROUP), MntMaster: u64(linux.STATMOUNT_OFF_MNT_MASTER),
		PropagateFrom: u64(linux.STATMOUNT_OFF_PROPAGATE_FROM), MntNsID: u64(linux.STATMOUNT_OFF_MNT_NS_ID),
		SupportedMask: u64(linux.STATMOUNT_OFF_SUPPORTED_MASK),
	}
	str := b[min(len(b), linux.STATMOUNT_SIZE):min(len(b), max(int(sm.Size), linux.STATMOUNT_SIZE))]
	d := strDecoder{str: str, mask: sm.Mask, u32: u32}
	d.one(linux.STATMOUNT_FS_TYPE, linux.STATMOUNT_OFF_FS_TYPE, &sm.FsType)
	d.one(linux.STATMOUNT_MNT_ROOT, linux.STATMOUNT_OFF_MNT_ROOT, &sm.MntRoot)
	d.one(linux.STATMOUNT_MNT_POINT, linux.STATMOUNT_OFF_MNT_POINT, &sm.MntPoint)
	d.one(linux.STATMOUNT_MNT_OPTS, linux.STATMOUNT_OFF_MNT_OPTS, &sm.MntOpts)
	d.one(linux.STATMOUNT_FS_SUBTYPE, linux.STATMOUNT_OFF_FS_SUBTYPE, &sm.FsSubtype)
	d.one(linux.STATMOUNT_SB_SOURCE, linux.STATMOUNT_OFF_SB_SOURCE, &sm.SbSource)
	d.many(linux.STATMOUNT_OPT_ARRAY, linux.STATMOUNT_OFF_OPT_ARRAY, linux.STATMOUNT_OFF_OPT_NUM, &sm.OptArray)
	d.many(linux.STATMOUNT_OPT_SEC_ARRAY, linux.STATMOUNT_OFF_OPT_SEC_ARRAY, linux.STATMOUNT_OFF_OPT_SEC_NUM, &sm.OptSecArray)
	d.many(linux.STATMOUNT_MNT_UIDMAP, linux.STATMOUNT_OFF_MNT_UIDMAP, linux.STATMOUNT_OFF_MNT_UIDMAP_NUM, &sm.MntUIDMap)
	d.many(linux.STATMOUNT_MNT_GIDMAP, linux.STATMOUNT_OFF_MNT_GIDMAP, linux.STATMOUNT_OFF_MNT_GIDMAP_NUM, &sm.MntGIDMap)
	return sm, d.err
}

// strDecoder reads the NUL-terminated strings after the fixed part.
type strDecoder struct {
	str  []byte
	mask uint64
	u32  func(off int) uint32
	err  error
}

// at is the string starting at off in the string area.
func (d *strDecoder) at(off uint32) (string, uint32) {
	if int(off) >= len(d.str) {
		d.err = linux.EFAULT // an offset past what was written
		return "", off
	}
	s := d.str[off:]
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return string(s), off + uint32(len(s)) + 1
}

func (d *strDecoder) one(bit uint64, off int, dst *string) {
	if d.mask&bit != 0 {
		*dst, _ = d.at(d.u32(off))
	}
}

// many reads num strings laid end to end, as the option and ID-map
// arrays are.
func (d *strDecoder) many(bit uint64, off, numOff int, dst *[]string) {
	if d.mask&bit == 0 {
		return
	}
	pos := d.u32(off)
	for range d.u32(numOff) {
		var s string
		s, pos = d.at(pos)
		if d.err != nil {
			return
		}
		*dst = append(*dst, s)
	}
}

// Statmount is statmount(2) for a Go caller: req.Param is the mask. The
// buffer starts at a page and doubles while the strings do not fit.
func (t *Task) Statmount(req MntIDReq, flags uint32) (Statmount, error) {
	raw := req.Bytes()
	for size := pageSize; ; size *= 2 {
		buf := make([]byte, size)
		err := t.StatmountRaw(raw, buf, flags)
		if err == linux.EOVERFLOW && size < 1<<30 {
			continue
		}
		if err != nil {
			return Statmount{}, err
		}
		return DecodeStatmount(buf)
	}
}
