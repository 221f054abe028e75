// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// libcGetcwd is glibc's getcwd(NULL, 0), which bash calls.
func libcGetcwd(t *vfs.Task) (string, error) { return applet.Getcwd(t) }
