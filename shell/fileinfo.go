// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"io/fs"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fileInfo is an fs.FileInfo over a statx result, for the interpreter's
// file tests, cd and globbing.
type fileInfo struct {
	name string
	st   vfs.Statx
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.st.Size }
func (fi *fileInfo) Mode() fs.FileMode  { return goMode(uint32(fi.st.Mode)) }
func (fi *fileInfo) ModTime() time.Time { return fi.st.Mtime.Time() }
func (fi *fileInfo) IsDir() bool        { return applet.IsDir(uint32(fi.st.Mode)) }
func (fi *fileInfo) Sys() any           { return sysStat(&fi.st) }

// goMode converts a Linux st_mode into an fs.FileMode.
func goMode(mode uint32) fs.FileMode {
	m := fs.FileMode(mode & 0o777)
	switch mode & linux.S_IFMT {
	case linux.S_IFDIR:
		m |= fs.ModeDir
	case linux.S_IFLNK:
		m |= fs.ModeSymlink
	case linux.S_IFIFO:
		m |= fs.ModeNamedPipe
	case linux.S_IFSOCK:
		m |= fs.ModeSocket
	case linux.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case linux.S_IFBLK:
		m |= fs.ModeDevice
	}
	if mode&linux.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if mode&linux.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if mode&linux.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

// dirEntry is an fs.DirEntry over a getdents64 entry.
type dirEntry struct {
	t   *vfs.Task
	dir string
	d   vfs.Dirent
}

func (e *dirEntry) Name() string { return e.d.Name }
func (e *dirEntry) IsDir() bool  { return e.d.Type == linux.DT_DIR }
func (e *dirEntry) Type() fs.FileMode {
	return goMode(uint32(e.d.Type)<<12) & fs.ModeType
}
func (e *dirEntry) Info() (fs.FileInfo, error) {
	st, err := e.t.Lstat(applet.JoinPath(e.dir, e.d.Name))
	if err != nil {
		return nil, err
	}
	return &fileInfo{name: e.d.Name, st: st}, nil
}
