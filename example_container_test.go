// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A container runtime's root, built as runtimes build it since 2019: a
// user namespace mapping the container's ids 0-65535 to 100000-165535, a
// tmpfs made with the new mount API, and an image directory cloned with
// open_tree and idmapped through the namespace, so that files the image
// stores as owned by 0 belong to 100000 through the mount.
func Example_containerRoot() {
	host, err := linuxvfs.Boot()
	check(err)
	// The image: a tmpfs whose files belong to root.
	check(host.Mkdir("/srv", 0o755))
	check(host.Mkdir("/srv/image", 0o755))
	check(host.Mount("image", "/srv/image", "tmpfs", 0, ""))
	check(host.Mkdir("/srv/image/etc", 0o755))
	fd, err := host.Open("/srv/image/etc/hostname", linux.O_CREAT|linux.O_WRONLY, 0o644)
	check(err)
	check(host.Close(fd))

	// The container's user namespace, its maps written by the host as
	// newuidmap would.
	ctr := host.Clone(0)
	defer ctr.Exit()
	check(ctr.Unshare(linux.CLONE_NEWUSER))
	for _, f := range []string{"uid_map", "gid_map"} {
		fd, err := host.Open("/proc/"+strconv.Itoa(int(ctr.TID()))+"/"+f, linux.O_WRONLY, 0)
		check(err)
		_, err = host.Write(fd, []byte("0 100000 65536\n"))
		check(err)
		check(host.Close(fd))
	}
	userns, err := host.OpenNamespace(ctr, "user")
	check(err)

	// The container's scratch root: fsopen, fsconfig, fsmount, move_mount.
	check(host.Mkdir("/run/ctr", 0o755))
	fsfd, err := host.Fsopen("tmpfs", linux.FSOPEN_CLOEXEC)
	check(err)
	check(host.Fsconfig(fsfd, linux.FSCONFIG_SET_STRING, ptr("size"), []byte("16m"), 0))
	check(host.Fsconfig(fsfd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
	mfd, err := host.Fsmount(fsfd, linux.FSMOUNT_CLOEXEC, linux.MOUNT_ATTR_NODEV)
	check(err)
	check(host.MoveMount(mfd, "", linux.AT_FDCWD, "/run/ctr", linux.MOVE_MOUNT_F_EMPTY_PATH))
	check(host.Mkdir("/run/ctr/rootfs", 0o755))

	// The image, cloned with its submounts and idmapped before it is
	// attached.
	tree, err := host.OpenTree(linux.AT_FDCWD, "/srv/image", linux.OPEN_TREE_CLONE|linux.AT_RECURSIVE)
	check(err)
	check(host.MountSetattr(tree, "", linux.AT_EMPTY_PATH|linux.AT_RECURSIVE,
		vfs.MountAttr{AttrSet: linux.MOUNT_ATTR_IDMAP, UsernsFd: uint64(userns)}))
	check(host.MoveMount(tree, "", linux.AT_FDCWD, "/run/ctr/rootfs", linux.MOVE_MOUNT_F_EMPTY_PATH))

	for _, p := range []string{"/srv/image/etc/hostname", "/run/ctr/rootfs/etc/hostname"} {
		st, err := host.Stat(p)
		check(err)
		fmt.Printf("%s owned by %d:%d\n", p, st.UID, st.GID)
	}
	var st vfs.Statx
	check(host.StatxMask(linux.AT_FDCWD, "/run/ctr/rootfs", 0, linux.STATX_MNT_ID_UNIQUE, &st))
	sm, err := host.Statmount(vfs.MntIDReq{MntID: st.MntID,
		Param: linux.STATMOUNT_MNT_BASIC | linux.STATMOUNT_MNT_POINT | linux.STATMOUNT_MNT_UIDMAP}, 0)
	check(err)
	fmt.Printf("%s idmapped=%v uid map %q\n", sm.MntPoint, sm.MntAttr&linux.MOUNT_ATTR_IDMAP != 0, sm.MntUIDMap)
	// Output:
	// /srv/image/etc/hostname owned by 0:0
	// /run/ctr/rootfs/etc/hostname owned by 100000:100000
	// /run/ctr/rootfs idmapped=true uid map ["0 100000 65536"]
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

func ptr(s string) *string { return &s }
