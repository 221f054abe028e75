// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The system-call boundary for strings. A caller of the Task API hands over
// Go strings where a C program hands over pointers to NUL-terminated
// bytes: the kernel reads such a string up to its first NUL and never sees
// what follows. Every string a Task method takes from its caller goes
// through one of the copies below, and only the copy is used afterwards:
// path names in pathInit (the start of every walk), symlink bodies in
// Symlinkat, mount(2)'s source, type and data in Mount.

// mountDataMax is PAGE_SIZE: copy_mount_options copies one page of mount
// data and path_mount overwrites its last byte with a NUL.
const mountDataMax = 4096

// userString is strncpy_from_user's view of s: everything before the first
// NUL byte.
func userString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// emptyPath is vfs_empty_path's test: the name is empty as the kernel reads
// it (AT_EMPTY_PATH short cuts look at the first byte only).
func emptyPath(s string) bool { return s == "" || s[0] == 0 }

// getname is getname_flags: the name as the kernel copies it, which must
// fit in PATH_MAX bytes with its NUL.
func getname(name string) (string, error) {
	name = userString(name)
	if len(name) >= linux.PATH_MAX {
		return "", linux.ENAMETOOLONG
	}
	return name, nil
}

// copyMountString is copy_mount_string (strndup_user with PATH_MAX): a
// source or type that does not end within PATH_MAX bytes is EINVAL, not
// ENAMETOOLONG.
func copyMountString(s string) (string, error) {
	s = userString(s)
	if len(s) >= linux.PATH_MAX {
		return "", linux.EINVAL
	}
	return s, nil
}

// copyMountOptions is copy_mount_options followed by path_mount's
// termination of the page: at most PAGE_SIZE-1 bytes of data count, and
// options that run past them are cut without an error.
func copyMountOptions(data string) string {
	if len(data) > mountDataMax-1 {
		data = data[:mountDataMax-1]
	}
	return userString(data)
}
