// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// justCreated is copy.c's dest_info: the files one cp, mv or install
// command has made for its operands so far (not those inside a copied
// directory), by name and inode. A later source whose destination is one
// of them is refused ("will not overwrite just-created"), so that
// "cp a b/a dir" keeps the first a.
type justCreated map[seenSource]bool

// record notes the file now at name, unless it is a directory (into which
// later sources may be merged).
func (j justCreated) record(t *vfs.Task, name string) {
	if j == nil {
		return
	}
	if st, err := t.Lstat(name); err == nil && !applet.IsDir(uint32(st.Mode)) {
		j[seenSource{st.Dev(), st.Ino, name}] = true
	}
}

// refuses reports, with the diagnostic, whether dst was made by this
// command, so that src may not replace it.
func (j justCreated) refuses(c *cmd, src, dst string) bool {
	st, err := c.Task.Lstat(dst)
	if err != nil || !j[seenSource{st.Dev(), st.Ino, dst}] {
		return false
	}
	c.Errorf("will not overwrite just-created %s with %s", c.Quote(dst), c.Quote(src))
	return true
}
