// SPDX-License-Identifier: Apache-2.0

// Package e2fsprogs is linuxvfs's e2fsprogs 1.47.0 subset: mke2fs (and
// its mkfs.ext2, mkfs.ext3, mkfs.ext4 names), e2label, tune2fs,
// dumpe2fs, chattr and lsattr, acting on files and block devices of a
// virtual kernel's task.
//
// mke2fs lays a filesystem out as 1.47.0 does with this system's
// /etc/mke2fs.conf defaults (built in: the virtual system has no
// profile of its own), to the byte: the same group geometry, flex_bg
// packing of bitmaps and inode tables, reserved descriptor blocks and
// resize inode, journal placement (extents in the middle, a block-mapped
// journal from its group's start), root and lost+found, uninitialised
// groups and their flags, and the same checksums (fs/ext4's exported
// helpers). The one field that differs is the superblocks'
// s_kbytes_written, which mke2fs takes from its I/O layer's count of
// bytes written through a small write-back cache; ours is an estimate.
// A regular file is discarded (a hole punched through it), as is a
// loop device (BLKDISCARD), so inode tables read back as zeros.
// Bad-block scans, bigalloc, meta_bg, sparse_super2, populating from a
// directory and other creator systems or revisions are refused.
//
// e2label prints or sets a label: through FS_IOC_SETFSLABEL on the mount
// point of a filesystem mounted read-write, else in the superblock and
// its copies on the device.
//
// dumpe2fs -h and tune2fs -l list the superblock as 1.47.0 does (times
// in UTC, the virtual system's zone), dumpe2fs -h adding an internal
// journal's superblock, plain dumpe2fs the groups too; the format was
// learnt from the host tools' output over many images and superblocks
// edited by debugfs, and fs/ext4's DecodeSuperInfo reads the fields.
// tune2fs sets only superblock fields (-c, -C, -e, -i, -m, -r, -L, and
// -U where there are no checksums to reseal), in every copy, as e2label
// writes them. Features, journals, quotas, inode sizes and the other
// options that rewrite more than the superblock are not supported, nor
// dumpe2fs's -b, -g, -i, -m, -o and -x.
package e2fsprogs
