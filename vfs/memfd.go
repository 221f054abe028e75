// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// sealable are the seals F_ADD_SEALS knows.
const sealable = linux.F_SEAL_SEAL | linux.F_SEAL_SHRINK | linux.F_SEAL_GROW |
	linux.F_SEAL_WRITE | linux.F_SEAL_FUTURE_WRITE | linux.F_SEAL_EXEC

// memfdMarker is kept in seals of every memfd so that a memfd with no
// seal set still tells itself from other inodes.
const memfdMarker = 1 << 31

// SetShmemFilesystem is shmem_init's kern_mount: t (tmpfs) is mounted
// for the kernel when InitMountTree runs, before rootfs, as mnt_init does;
// memfd_create makes its files there.
func (k *Kernel) SetShmemFilesystem(t FilesystemType) { k.shmType = t }

// initShmem mounts the shmem filesystem, if one was set.
func (k *Kernel) initShmem() error {
	if k.shmType == nil {
		return nil
	}
	m, err := k.KernMount(k.shmType)
	k.shmMnt = m
	return err
}

// MemfdCreate is memfd_create(2): an unnamed, unlinked shmem file, shown
// as "/memfd:NAME (deleted)", mode 0777 (0666 with MFD_NOEXEC_SEAL), open
// read-write. Without MFD_ALLOW_SEALING it is sealed against sealing.
// MFD_HUGETLB fails EINVAL: there is no hugetlbfs.
func (t *Task) MemfdCreate(name string, flags uint32) (int, error) {
	const known = linux.MFD_CLOEXEC | linux.MFD_ALLOW_SEALING | linux.MFD_NOEXEC_SEAL | linux.MFD_EXEC
	if flags&^known != 0 || flags&linux.MFD_NOEXEC_SEAL != 0 && flags&linux.MFD_EXEC != 0 {
		return -1, linux.EINVAL
	}
	if len(name) > linux.MFD_NAME_MAX {
		return -1, linux.EINVAL
	}
	m := t.k.shmMnt
	if m == nil {
		return -1, linux.ENOSYS
	}
	mode, seals := uint32(0o777), uint32(linux.F_SEAL_SEAL)
	switch {
	case flags&linux.MFD_NOEXEC_SEAL != 0:
		mode, seals = 0o666, linux.F_SEAL_EXEC
	case flags&linux.MFD_ALLOW_SEALING != 0:
		seals = 0
	}
	f, err := t.k.shmemFile(t.Cred(), "memfd:"+name, linux.S_IFREG|mode)
	if err != nil {
		return -1, err
	}
	f.Inode().seals.Store(memfdMarker | seals)
	fd, err := t.installFd(f, flags&linux.MFD_CLOEXEC != 0)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// shmemFile is shmem_file_setup: an unlinked file named name in the
// shmem mount, open read-write, owned by cred; the umask does not apply.
func (k *Kernel) shmemFile(cred *Cred, name string, mode uint32) (*File, error) {
	m := k.shmMnt
	root := m.root
	tf, ok := root.Inode().Ops.(Tmpfiler)
	if !ok {
		return nil, linux.EOPNOTSUPP
	}
	if !m.tryGet() {
		return nil, linux.ENFILE
	}
	in, err := tf.Tmpfile(root.Inode(), InodeAttr{Mode: mode, UID: cred.FSUID, GID: cred.FSGID})
	if err != nil {
		m.mntput()
		return nil, err
	}
	in.ClearNlink()
	d := newDentryFor(root, name, in)
	d.unlinked.Store(true)
	return newFile(Path{m, d}, linux.O_RDWR|linux.O_LARGEFILE, true, true, false), nil
}

// sealsOf returns f's seals, or EINVAL for a file that takes none.
func sealsOf(f *File) (uint32, error) {
	s := f.Inode().seals.Load()
	if s&memfdMarker == 0 {
		return 0, linux.EINVAL
	}
	return s &^ memfdMarker, nil
}

// addSeals is memfd_add_seals: only through a writable descriptor, never
// once F_SEAL_SEAL is set.
func addSeals(f *File, add uint64) (int, error) {
	if _, err := sealsOf(f); err != nil {
		return 0, err
	}
	if add&^sealable != 0 {
		return 0, linux.EINVAL
	}
	if !f.write {
		return 0, linux.EPERM
	}
	in := f.Inode()
	for {
		old := in.seals.Load()
		if old&linux.F_SEAL_SEAL != 0 {
			return 0, linux.EPERM
		}
		if in.seals.CompareAndSwap(old, old|uint32(add)) {
			return 0, nil
		}
	}
}

// checkSealsWrite refuses a write the seals forbid: any write once
// F_SEAL_WRITE or F_SEAL_FUTURE_WRITE is set, and one past the end under
// F_SEAL_GROW.
func checkSealsWrite(in *Inode, off int64, n int) error {
	s := in.seals.Load()
	if s&memfdMarker == 0 {
		return nil
	}
	if s&(linux.F_SEAL_WRITE|linux.F_SEAL_FUTURE_WRITE) != 0 {
		return linux.EPERM
	}
	if s&linux.F_SEAL_GROW != 0 && off+int64(n) > in.Size() {
		return linux.EPERM
	}
	return nil
}

// checkSealsTruncate refuses a size change the seals forbid.
func checkSealsTruncate(in *Inode, size int64) error {
	s := in.seals.Load()
	switch {
	case s&memfdMarker == 0:
		return nil
	case size < in.Size() && s&linux.F_SEAL_SHRINK != 0, size > in.Size() && s&linux.F_SEAL_GROW != 0:
		return linux.EPERM
	}
	return nil
}
