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
func (fi *fileInfo) Mode() fs.FileMode  { return linux.GoFileMode(uint32(fi.st.Mode)) }
func (fi *fileInfo) ModTime() time.Time { return fi.st.Mtime.Time() }
func (fi *fileInfo) IsDir() bool        { return applet.IsDir(uint32(fi.st.Mode)) }
func (fi *fileInfo) Sys() any           { return sysStat(&fi.st) }

// dirEntry is an fs.DirEntry over a getdents64 entry.
type dirEntry struct {
	t   *vfs.Task
	dir string
	d   vfs.Dirent
}

func (e *dirEntry) Name() string { return e.d.Name }
func (e *dirEntry) IsDir() bool  { return e.d.Type == linux.DT_DIR }
func (e *dirEntry) Type() fs.FileMode {
	return linux.GoFileMode(uint32(e.d.Type)<<12) & fs.ModeType
}
func (e *dirEntry) Info() (fs.FileInfo, error) {
	st, err := e.t.Lstat(applet.JoinPath(e.dir, e.d.Name))
	if err != nil {
		return nil, err
	}
	return &fileInfo{name: e.d.Name, st: st}, nil
}
