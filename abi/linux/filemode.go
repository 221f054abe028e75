// SPDX-License-Identifier: Apache-2.0

package linux

import "io/fs"

// GoFileMode is a mode of stat (S_IF* type, set-ID and sticky bits,
// permissions) as Go's io/fs spells it.
func GoFileMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & S_IFMT {
	case S_IFDIR:
		mode |= fs.ModeDir
	case S_IFLNK:
		mode |= fs.ModeSymlink
	case S_IFIFO:
		mode |= fs.ModeNamedPipe
	case S_IFSOCK:
		mode |= fs.ModeSocket
	case S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case S_IFBLK:
		mode |= fs.ModeDevice
	}
	for _, b := range [...]struct {
		bit  uint32
		mode fs.FileMode
	}{{S_ISUID, fs.ModeSetuid}, {S_ISGID, fs.ModeSetgid}, {S_ISVTX, fs.ModeSticky}} {
		if m&b.bit != 0 {
			mode |= b.mode
		}
	}
	return mode
}
