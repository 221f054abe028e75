// SPDX-License-Identifier: Apache-2.0

package linux

// Block and loop device numbers and ioctls (include/uapi/linux/fs.h,
// include/uapi/linux/loop.h, include/uapi/linux/major.h).
const (
	LOOP_MAJOR      = 7
	MISC_MAJOR      = 10
	LOOP_CTRL_MINOR = 237

	BLKROGET     = 0x125e
	BLKRRPART    = 0x125f
	BLKSSZGET    = 0x1268
	BLKDISCARD   = 0x1277
	BLKGETSIZE64 = 0x80081272

	LOOP_SET_FD         = 0x4C00
	LOOP_CLR_FD         = 0x4C01
	LOOP_SET_STATUS64   = 0x4C04
	LOOP_GET_STATUS64   = 0x4C05
	LOOP_SET_CAPACITY   = 0x4C07
	LOOP_SET_DIRECT_IO  = 0x4C08
	LOOP_SET_BLOCK_SIZE = 0x4C09
	LOOP_CONFIGURE      = 0x4C0A
	LOOP_CTL_ADD        = 0x4C80
	LOOP_CTL_REMOVE     = 0x4C81
	LOOP_CTL_GET_FREE   = 0x4C82
	LO_FLAGS_READ_ONLY  = 1
	LO_FLAGS_AUTOCLEAR  = 4
	LO_FLAGS_PARTSCAN   = 8
	LO_FLAGS_DIRECT_IO  = 16
	LO_NAME_SIZE        = 64
)
