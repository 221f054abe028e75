// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Loop devices as sysfs describes them. Where /sys/block is a directory,
// util-linux (loopcxt_init) reads a device's backing file, offset, size
// limit and flags from /sys/dev/block/M:m and lists the devices in use
// from /sys/block, leaving the status ioctl for what sysfs does not
// show: the backing file's device and inode.

// sysfsAvailable is loopcxt_init's test for sysfs.
func sysfsAvailable(t *vfs.Task) bool {
	st, err := t.Stat("/sys/block")
	return err == nil && applet.IsDir(uint32(st.Mode))
}

// sysDir is the device's directory in sysfs (loopcxt_get_sysfs): by the
// number of the node, or where there is no node, by the name in
// /sys/block; "" without sysfs or when neither gives a number.
func (n *loopNode) sysDir() string {
	if !n.sysfs || n.path == "" {
		return ""
	}
	if n.sysPath == "" {
		if dev := loopDevno(n.t, n.path); dev != 0 {
			n.sysPath = "/sys/dev/block/" + strconv.Itoa(int(linux.Major(dev))) + ":" + strconv.Itoa(int(linux.Minor(dev)))
		}
	}
	return n.sysPath
}

// loopDevno is sysfs_devname_to_devno for a device path: the node's
// st_rdev, or else the dev attribute of /sys/block/<name>.
func loopDevno(t *vfs.Task, name string) uint64 {
	if strings.HasPrefix(name, "/dev/") {
		if st, err := t.Stat(name); err == nil {
			return st.Rdev()
		}
	}
	return sysBlockDevno(t, path.Base(name))
}

// sysBlockDevno is the number /sys/block/<name>/dev holds, or 0.
func sysBlockDevno(t *vfs.Task, name string) uint64 {
	return sysDirDevno(t, "/sys/block/"+name)
}

// readAttr is ul_path_read_string: a sysfs file's text without its
// newline. An empty file is ENODATA.
func readAttr(t *vfs.Task, name string) (string, error) {
	data, err := readFile(t, name)
	if err != nil && err != io.EOF {
		return "", err
	}
	s := strings.TrimSuffix(string(data), "\n")
	if s == "" {
		return "", linux.ENODATA
	}
	return s, nil
}

// sysString is the device's attribute rel ("loop/backing_file").
func (n *loopNode) sysString(rel string) (string, error) {
	dir := n.sysDir()
	if dir == "" {
		return "", linux.ENOENT
	}
	return readAttr(n.t, dir+"/"+rel)
}

// sysNumber is ul_path_read_u64 of the attribute rel.
func (n *loopNode) sysNumber(rel string) (uint64, error) {
	s, err := n.sysString(rel)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, linux.EINVAL
	}
	return v, nil
}

// loopDisksInSysfs are the devices in use as loopcxt_next_from_sysfs
// finds them: the entries of /sys/block in the order it lists them, whose
// name starts with "loop" and that have a loop/backing_file.
func loopDisksInSysfs(t *vfs.Task) []string {
	var names []string
	ents, _ := applet.ReadDirents(t, "/sys/block")
	for _, e := range ents {
		if !strings.HasPrefix(e.Name, "loop") {
			continue
		}
		if _, err := t.Stat("/sys/block/" + e.Name + "/loop/backing_file"); err == nil {
			names = append(names, e.Name)
		}
	}
	return names
}
