// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// BusyboxPath is where an image keeps busybox: the file its links point
// to, which busybox --install links from.
const BusyboxPath = "/bin/busybox"

// IsBusyboxLink reports whether the program file at path is busybox
// under another name: a symbolic link whose last target is named
// busybox, or the very file /bin/busybox (a hard link, as busybox
// --install without -s makes). execve of such a file runs busybox, which
// picks the applet by the name it was called with.
func IsBusyboxLink(t *vfs.Task, path string) bool {
	target := path
	for i := 0; i < 40; i++ {
		link, err := t.Readlink(target)
		if err != nil {
			break
		}
		if !strings.HasPrefix(link, "/") {
			link = target[:strings.LastIndexByte(target, '/')+1] + link
		}
		target = link
	}
	if target != path && target[strings.LastIndexByte(target, '/')+1:] == "busybox" {
		return true
	}
	st, err := t.Stat(path)
	if err != nil {
		return false
	}
	bb, err := t.Stat(BusyboxPath)
	return err == nil && st.Dev() == bb.Dev() && st.Ino == bb.Ino
}
