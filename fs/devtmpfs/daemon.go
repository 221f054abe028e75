// SPDX-License-Identifier: Apache-2.0

package devtmpfs

import (
	"errors"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// daemon is devtmpfs's state in one kernel: the internal mount, the
// kdevtmpfs task and its request queue, and which inodes it made.
type daemon struct {
	mnt *vfs.Mount // the internal mount (devtmpfs_mnt)
	// task is kdevtmpfs: its own mount namespace, devtmpfs as its root.
	task *vfs.Task

	mu      sync.Mutex
	queue   []*request // requests, oldest first
	serving bool       // a goroutine is draining queue
	// made are the inodes (by number, unique in the superblock) the
	// daemon created, nodes and directories: the only ones it removes
	// (the kernel marks them with i_private).
	made map[uint64]bool
}

// request is struct req: one node to make or remove, and its outcome.
type request struct {
	dev    *vfs.Device
	create bool
	err    error
	done   chan struct{}
}

type daemonKey struct{}

func daemonOf(k *vfs.Kernel) *daemon {
	return k.FsData(daemonKey{}, func() any { return &daemon{made: map[uint64]bool{}} }).(*daemon)
}

// start is devtmpfs_init: the internal superblock, the kdevtmpfs task set
// up as devtmpfs_setup does, then the daemon serves the device model.
func (d *daemon) start(k *vfs.Kernel) error {
	mnt, err := k.KernMountData(internalType{}, "mode=0755")
	if err != nil {
		return errors.New("devtmpfs: unable to create devtmpfs " + err.Error())
	}
	d.mnt = mnt
	t := k.KernelThread()
	t.SetComm("kdevtmpfs")
	steps := []func() error{
		func() error { return t.Unshare(linux.CLONE_NEWNS) },
		func() error { return t.Mount("devtmpfs", "/", "devtmpfs", linux.MS_SILENT, "") },
		func() error { return t.Chdir("/..") },
		func() error { return t.Chroot(".") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Exit()
			return errors.New("devtmpfs: unable to create devtmpfs " + err.Error())
		}
	}
	d.task = t
	k.Printk(vfs.KernInfo + "devtmpfs: initialized")
	return k.AddDevNodeHandler(d)
}

// CreateNode is devtmpfs_create_node.
func (d *daemon) CreateNode(dev *vfs.Device) error { return d.submit(dev, true) }

// DeleteNode is devtmpfs_delete_node.
func (d *daemon) DeleteNode(dev *vfs.Device) error { return d.submit(dev, false) }

// submit is devtmpfs_submit_req: queue the request, make sure the queue is
// served, wait for the outcome.
func (d *daemon) submit(dev *vfs.Device, create bool) error {
	r := &request{dev: dev, create: create, done: make(chan struct{})}
	d.mu.Lock()
	d.queue = append(d.queue, r)
	if !d.serving {
		d.serving = true
		go d.serve()
	}
	d.mu.Unlock()
	<-r.done
	return r.err
}

// serve is devtmpfs_work_loop: handle requests until none is left.
func (d *daemon) serve() {
	for {
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.serving = false
			d.mu.Unlock()
			return
		}
		r := d.queue[0]
		d.queue = d.queue[1:]
		d.mu.Unlock()
		if r.create {
			r.err = d.handleCreate(r.dev)
		} else {
			r.err = d.handleRemove(r.dev)
		}
		close(r.done)
	}
}

// handleCreate is handle_create: the directories above the node
// (create_path), the node with the device's mode, then its owner.
func (d *daemon) handleCreate(dev *vfs.Device) error {
	t := d.task
	err := t.Mknodat(linux.AT_FDCWD, dev.Name, dev.NodeMode(), dev.Dev)
	if errors.Is(err, linux.ENOENT) {
		if err = d.createPath(dev.Name); err == nil {
			err = t.Mknodat(linux.AT_FDCWD, dev.Name, dev.NodeMode(), dev.Dev)
		}
	}
	if err != nil {
		return err
	}
	if dev.UID != 0 || dev.GID != 0 {
		if err := t.Lchown(dev.Name, dev.UID, dev.GID); err != nil {
			return err
		}
	}
	d.mark(dev.Name)
	return nil
}

// createPath makes the missing directories above name, mode 0755.
func (d *daemon) createPath(name string) error {
	for i := 0; i < len(name); i++ {
		if name[i] != '/' {
			continue
		}
		dir := name[:i]
		err := d.task.Mkdir(dir, 0o755)
		switch {
		case err == nil:
			d.mark(dir)
		case !errors.Is(err, linux.EEXIST):
			return err
		}
	}
	return nil
}

// mark records name's inode as the daemon's own.
func (d *daemon) mark(name string) {
	if st, err := d.task.Lstat(name); err == nil {
		d.mu.Lock()
		d.made[st.Ino] = true
		d.mu.Unlock()
	}
}

// mine reports whether name is an inode the daemon made and, for a node,
// still the device's (dev_mynode: same type, same number).
func (d *daemon) mine(name string, dev *vfs.Device) (ino uint64, ok bool) {
	st, err := d.task.Lstat(name)
	if err != nil {
		return 0, false
	}
	d.mu.Lock()
	made := d.made[st.Ino]
	d.mu.Unlock()
	if dev != nil && (uint32(st.Mode)&linux.S_IFMT != dev.NodeMode()&linux.S_IFMT || st.Rdev() != dev.Dev) {
		return 0, false
	}
	return st.Ino, made
}

// handleRemove is handle_remove: the node if it is the daemon's and still
// the device's, then the directories it made that are left empty
// (delete_path). A node a user replaced stays.
func (d *daemon) handleRemove(dev *vfs.Device) error {
	ino, ok := d.mine(dev.Name, dev)
	if !ok {
		return nil
	}
	// The node loses its owner and permissions first, so that a hard
	// link someone made to it does not keep the device open to them.
	d.task.Lchown(dev.Name, 0, 0)
	d.task.Fchmodat(linux.AT_FDCWD, dev.Name, 0, 0)
	if err := d.task.Unlink(dev.Name); err != nil {
		return err
	}
	d.forget(ino)
	d.deletePath(dev.Name)
	return nil
}

// deletePath removes the directories above name, deepest first, while
// they are the daemon's and empty.
func (d *daemon) deletePath(name string) {
	for {
		i := strings.LastIndexByte(name, '/')
		if i <= 0 {
			return
		}
		name = name[:i]
		ino, ok := d.mine(name, nil)
		if !ok || d.task.Rmdir(name) != nil {
			return
		}
		d.forget(ino)
	}
}

func (d *daemon) forget(ino uint64) {
	d.mu.Lock()
	delete(d.made, ino)
	d.mu.Unlock()
}
