// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"errors"
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What chattr and lsattr share, as libe2p gives it to them: the flag
// letters and names, and the calls that read and change a file's flags,
// version and project.

// e2fsprogsVersion is what chattr's and lsattr's -V print: the release
// linuxvfs follows (mke2fs.go).
const e2fsprogsVersion = e2fsVersion + " (" + e2fsDate + ")"

// flagName is one inode flag: its letter in lsattr's string and its
// name in the long listing.
type flagName struct {
	flag       uint32
	letter     byte
	name       string
	changeable bool // chattr takes the letter
}

// flagNames are the flags in the order lsattr prints them (22 places).
var flagNames = []flagName{
	{linux.FS_SECRM_FL, 's', "Secure_Deletion", true},
	{linux.FS_UNRM_FL, 'u', "Undelete", true},
	{linux.FS_SYNC_FL, 'S', "Synchronous_Updates", true},
	{linux.FS_DIRSYNC_FL, 'D', "Synchronous_Directory_Updates", true},
	{linux.FS_IMMUTABLE_FL, 'i', "Immutable", true},
	{linux.FS_APPEND_FL, 'a', "Append_Only", true},
	{linux.FS_NODUMP_FL, 'd', "No_Dump", true},
	{linux.FS_NOATIME_FL, 'A', "No_Atime", true},
	{linux.FS_COMPR_FL, 'c', "Compression_Requested", true},
	{linux.FS_ENCRYPT_FL, 'E', "Encrypted", false},
	{linux.FS_JOURNAL_DATA_FL, 'j', "Journaled_Data", true},
	{linux.FS_INDEX_FL, 'I', "Indexed_directory", false},
	{linux.FS_NOTAIL_FL, 't', "No_Tailmerging", true},
	{linux.FS_TOPDIR_FL, 'T', "Top_of_Directory_Hierarchies", true},
	{linux.FS_EXTENT_FL, 'e', "Extents", true},
	{linux.FS_NOCOW_FL, 'C', "No_COW", true},
	{linux.FS_DAX_FL, 'x', "DAX", true},
	{linux.FS_CASEFOLD_FL, 'F', "Casefold", true},
	{linux.FS_INLINE_DATA_FL, 'N', "Inline_Data", false},
	{linux.FS_PROJINHERIT_FL, 'P', "Project_Hierarchy", true},
	{linux.FS_VERITY_FL, 'V', "Verity", false},
	{linux.FS_NOCOMP_FL, 'm', "Dont_Compress", true},
}

// flagOfLetter is the flag chattr's letter c names, 0 for none.
func flagOfLetter(c byte) uint32 {
	for _, f := range flagNames {
		if f.letter == c && f.changeable {
			return f.flag
		}
	}
	return 0
}

// writeFlags prints flags as lsattr does: a letter or '-' for each
// place, or with long the names joined by ", " ("---" for none).
func writeFlags(w io.Writer, flags uint32, long bool) {
	first := true
	for _, f := range flagNames {
		switch {
		case flags&f.flag == 0:
			if !long {
				io.WriteString(w, "-")
			}
		case !long:
			w.Write([]byte{f.letter})
		default:
			if !first {
				io.WriteString(w, ", ")
			}
			first = false
			io.WriteString(w, f.name)
		}
	}
	if long && first {
		io.WriteString(w, "---")
	}
}

// comErr prints a com_err message: "PROG: ERRTEXT " and the text, or
// without an error "PROG: " and the text. It goes straight to standard
// error while standard output stays buffered, as a C program's would
// when its output is not a terminal.
func comErr(c *applet.Cmd, err error, format string, a ...any) {
	msg := c.Name + ": "
	if err != nil {
		msg += applet.ErrText(err) + " "
	}
	fmt.Fprintf(c.Errw, "%s%s\n", msg, fmt.Sprintf(format, a...))
}

// withFlagFile opens name for the flag ioctls as libe2p does: regular
// files and directories only (anything else, a symbolic link included,
// is EOPNOTSUPP without a call), read-only, non-blocking, not following
// a last symbolic link.
func withFlagFile(t *vfs.Task, name string, f func(fd int) error) error {
	if st, err := t.Stat(name); err == nil && !regOrDir(uint32(st.Mode)) {
		return linux.EOPNOTSUPP
	}
	fd, err := t.Open(name, linux.O_RDONLY|linux.O_NONBLOCK|linux.O_NOFOLLOW, 0)
	if errors.Is(err, linux.ELOOP) || errors.Is(err, linux.ENXIO) {
		return linux.EOPNOTSUPP
	}
	if err != nil {
		return err
	}
	defer t.Close(fd)
	if st, err := t.Fstat(fd); err == nil && !regOrDir(uint32(st.Mode)) {
		return linux.EOPNOTSUPP
	}
	err = f(fd)
	if errors.Is(err, linux.ENOTTY) {
		return linux.EOPNOTSUPP
	}
	return err
}

func regOrDir(mode uint32) bool { return applet.IsReg(mode) || applet.IsDir(mode) }

// getFlags is fgetflags.
func getFlags(t *vfs.Task, name string) (uint32, error) {
	var fl uint32
	err := withFlagFile(t, name, func(fd int) error {
		_, err := t.Ioctl(fd, linux.FS_IOC_GETFLAGS, &fl)
		return err
	})
	return fl, err
}

// setFlags is fsetflags.
func setFlags(t *vfs.Task, name string, fl uint32) error {
	return withFlagFile(t, name, func(fd int) error {
		_, err := t.Ioctl(fd, linux.FS_IOC_SETFLAGS, &fl)
		return err
	})
}

// withOpen runs f on name opened read-only and non-blocking, following
// links (fgetversion's and fgetproject's open); the ioctl's error is
// returned as it is.
func withOpen(t *vfs.Task, name string, f func(fd int) error) error {
	fd, err := t.Open(name, linux.O_RDONLY|linux.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer t.Close(fd)
	return f(fd)
}

// getVersion is fgetversion: the inode's generation.
func getVersion(t *vfs.Task, name string) (uint32, error) {
	var v uint32
	err := withOpen(t, name, func(fd int) error {
		_, err := t.Ioctl(fd, linux.FS_IOC_GETVERSION, &v)
		return err
	})
	return v, err
}

// setVersion is fsetversion.
func setVersion(t *vfs.Task, name string, v uint32) error {
	return withOpen(t, name, func(fd int) error {
		_, err := t.Ioctl(fd, linux.FS_IOC_SETVERSION, &v)
		return err
	})
}

// getProject is fgetproject.
func getProject(t *vfs.Task, name string) (uint32, error) {
	var fsx linux.Fsxattr
	err := withOpen(t, name, func(fd int) error {
		_, err := t.Ioctl(fd, linux.FS_IOC_FSGETXATTR, &fsx)
		return err
	})
	return fsx.Projid, err
}

// setProject is fsetproject: the attributes read, the project changed,
// written back.
func setProject(t *vfs.Task, name string, project uint32) error {
	return withOpen(t, name, func(fd int) error {
		var fsx linux.Fsxattr
		if _, err := t.Ioctl(fd, linux.FS_IOC_FSGETXATTR, &fsx); err != nil {
			return err
		}
		fsx.Projid = project
		_, err := t.Ioctl(fd, linux.FS_IOC_FSSETXATTR, &fsx)
		return err
	})
}

// dirEntries is iterate_on_dir's listing: every entry, "." and ".."
// included, in the filesystem's order.
func dirEntries(t *vfs.Task, dir string) ([]vfs.Dirent, error) {
	return applet.ReadDirentsDots(t, dir, true)
}

// childPath joins a directory and an entry as lsattr does: no second
// slash after one the directory ends with.
func childPath(dir, name string) string {
	if dir != "" && dir[len(dir)-1] == '/' {
		return dir + name
	}
	return dir + "/" + name
}
