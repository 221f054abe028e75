// SPDX-License-Identifier: Apache-2.0

// Package e2fsprogs is linuxvfs's e2fsprogs 1.47.0 subset: mke2fs (and
// its mkfs.ext2, mkfs.ext3, mkfs.ext4 names) and e2label, acting on files
// and block devices of a virtual kernel's task. mke2fs lays a
// filesystem out as 1.47.0 does with this system's /etc/mke2fs.conf
// defaults, to the byte: the same group geometry, flex_bg packing of
// bitmaps and inode tables, reserved descriptor blocks and resize inode,
// journal placement, root and lost+found, and the same checksums (from
// fs/ext4's exported helpers). The one field that differs is the
// superblock's s_kbytes_written, which mke2fs takes from its I/O layer's
// count of bytes written through its cache.
package e2fsprogs
