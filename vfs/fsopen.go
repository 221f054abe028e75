// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// fcPhase is enum fs_context_phase.
type fcPhase int

const (
	fcCreateParams   fcPhase = iota // FS_CONTEXT_CREATE_PARAMS
	fcCreating                      // FS_CONTEXT_CREATING
	fcAwaitingMount                 // FS_CONTEXT_AWAITING_MOUNT
	fcAwaitingReconf                // FS_CONTEXT_AWAITING_RECONF
	fcReconfParams                  // FS_CONTEXT_RECONF_PARAMS
	fcReconfiguring                 // FS_CONTEXT_RECONFIGURING
	fcFailed                        // FS_CONTEXT_FAILED
)

// fcLogSize is the number of messages struct fc_log keeps; older ones are
// dropped as new ones come.
const fcLogSize = 8

// fcUAPI is what a context reached through a descriptor adds: the
// uapi_mutex, the phase and the log.
type fcUAPI struct {
	mu    sync.Mutex // uapi_mutex
	phase fcPhase
	// exclusive is fc->exclusive (FSCONFIG_CMD_CREATE_EXCL).
	exclusive bool
	logMu     sync.Mutex
	log       []string // oldest first, at most fcLogSize
}

func (u *fcUAPI) add(msg string) {
	u.logMu.Lock()
	defer u.logMu.Unlock()
	if len(u.log) == fcLogSize {
		u.log = u.log[1:]
	}
	u.log = append(u.log, msg)
}

// Phase names the context's phase, for tests.
func (fc *FsContext) Phase() string {
	if fc.uapi == nil {
		return ""
	}
	return [...]string{"create-params", "creating", "awaiting-mount", "awaiting-reconf",
		"reconf-params", "reconfiguring", "failed"}[fc.uapi.phase]
}

// fscontextOps are fscontext_fops: read(2) takes the oldest message.
type fscontextOps struct{}

// ReadAt is fscontext_read: one message per call, with its newline,
// ENODATA when none is left. A message longer than the buffer is EMSGSIZE
// and stays for the next read (6.18 checks the size before taking it).
func (fscontextOps) ReadAt(f *File, p []byte, _ int64) (int, error) {
	u := f.Private.(*FsContext).uapi
	u.logMu.Lock()
	defer u.logMu.Unlock()
	if len(u.log) == 0 {
		return 0, linux.ENODATA
	}
	msg := u.log[0]
	if len(msg)+1 > len(p) {
		return 0, linux.EMSGSIZE
	}
	u.log = u.log[1:]
	n := copy(p, msg)
	p[n] = '\n'
	return n + 1, nil
}

func (fscontextOps) WriteAt(*File, []byte, int64) (int, error) { return 0, linux.EINVAL }
func (fscontextOps) ReadDir(*File) ([]Dirent, error)           { return nil, linux.ENOTDIR }

// Release is fscontext_release: put_fs_context.
func (fscontextOps) Release(f *File) {
	if fc, ok := f.Private.(*FsContext); ok {
		fc.put()
	}
}

// put is put_fs_context: a superblock made and never mounted goes.
func (fc *FsContext) put() {
	if held := fc.held; held != nil {
		fc.held = nil
		held.deactivate()
	}
}

// anonInodefs is anon_inodefs, where descriptors with no file of their own
// live ("anon_inode:[fscontext]").
var anonInodefs = &pseudoFS{
	name:  "anon_inodefs",
	magic: linux.ANON_INODE_FS_MAGIC,
	dname: func(d *Dentry) string { return "anon_inode:" + d.Name() },
}

// anonInodeFile is anon_inode_getfile: a file named name on the shared
// anonymous inode, with fops and private data priv. The mount is made the
// first time one is needed.
func (k *Kernel) anonInodeFile(cred *Cred, name string, fops FileOperations, priv any) (*File, error) {
	k.anonOnce.Do(func() {
		m, err := k.KernMount(anonInodefs)
		if err != nil {
			k.anonErr = err
			return
		}
		k.anonMnt = m
		d := newPseudoObject(m.sb, 0o600, RootCred(), nil)
		k.anonInode = d.inode
	})
	if k.anonErr != nil {
		return nil, k.anonErr
	}
	m := k.anonMnt
	if !m.tryGet() {
		return nil, linux.ENOMEM
	}
	d := &Dentry{inode: k.anonInode}
	d.setWhere(d, name)
	f := newFile(Path{m, d}, linux.O_RDWR, true, true, false)
	f.ops = fops
	f.Private = priv
	f.cred = cred
	return f, nil
}

// installFile puts a new file at the lowest free descriptor, dropping it on
// failure.
func (t *Task) installFile(f *File, cloexec bool) (int, error) {
	fd, err := t.installFd(f, cloexec)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// fscontextCreateFd is fscontext_create_fd.
func (t *Task) fscontextCreateFd(fc *FsContext, cloexec bool) (int, error) {
	f, err := t.k.anonInodeFile(t.Cred(), "[fscontext]", fscontextOps{}, fc)
	if err != nil {
		fc.put()
		return -1, err
	}
	return t.installFile(f, cloexec)
}

// Fsopen is fsopen(2) (fs/fsopen.c): a context to configure a new
// filesystem of type fsname, as a descriptor.
func (t *Task) Fsopen(fsname string, flags uint32) (int, error) {
	if !t.mayMount() {
		return -1, linux.EPERM
	}
	if flags&^linux.FSOPEN_CLOEXEC != 0 {
		return -1, linux.EINVAL
	}
	typ, err := t.k.GetFsType(fsname)
	if err != nil {
		return -1, err
	}
	fc, err := t.k.fsContextFor(typ, t, t.Cred(), 0)
	if err != nil {
		return -1, err
	}
	fc.task = t
	fc.SbFlagsMask = 0 // fs_context_for_mount(type, 0)
	fc.uapi = &fcUAPI{phase: fcCreateParams}
	return t.fscontextCreateFd(fc, flags&linux.FSOPEN_CLOEXEC != 0)
}

// fspickFlags are the flags fspick(2) takes.
const fspickFlags = linux.FSPICK_CLOEXEC | linux.FSPICK_SYMLINK_NOFOLLOW | linux.FSPICK_NO_AUTOMOUNT | linux.FSPICK_EMPTY_PATH

// Fspick is fspick(2): a context to reconfigure the superblock of the
// mount whose root path names.
func (t *Task) Fspick(dfd int, path string, flags uint32) (int, error) {
	if !t.mayMount() {
		return -1, linux.EPERM
	}
	if flags&^fspickFlags != 0 {
		return -1, linux.EINVAL
	}
	lookup := lookupFollow
	if flags&linux.FSPICK_SYMLINK_NOFOLLOW != 0 {
		lookup = 0
	}
	if flags&linux.FSPICK_EMPTY_PATH != 0 {
		lookup |= lookupEmpty
	}
	p, err := t.pathLookupat(dfd, path, lookup)
	if err != nil {
		return -1, err
	}
	if !pathMounted(p) {
		return -1, linux.EINVAL
	}
	fc, err := t.k.FsContextForReconfigure(p.Dentry, t.Cred(), 0, 0)
	if err != nil {
		return -1, err
	}
	fc.task = t
	fc.uapi = &fcUAPI{phase: fcReconfParams}
	return t.fscontextCreateFd(fc, flags&linux.FSPICK_CLOEXEC != 0)
}

// fscontextOf is the check every call on a context descriptor makes:
// EBADF for no descriptor, EINVAL for one of anything else.
func (t *Task) fscontextOf(fd int) (*File, *FsContext, error) {
	f, err := t.fdTable().get(fd)
	if err != nil {
		return nil, nil, err
	}
	if f.path { // fdget: an O_PATH file is no descriptor here
		f.DecRef()
		return nil, nil, linux.EBADF
	}
	fc, ok := f.Private.(*FsContext)
	if _, isFC := f.ops.(fscontextOps); !ok || !isFC {
		f.DecRef()
		return nil, nil, linux.EINVAL
	}
	return f, fc, nil
}

// Fsconfig is fsconfig(2). key nil and value nil are NULL; value is the
// string (without its NUL) for FSCONFIG_SET_STRING, the path for the
// _PATH commands and the blob for FSCONFIG_SET_BINARY, whose aux is its
// length.
func (t *Task) Fsconfig(fd int, cmd uint32, key *string, value []byte, aux int) error {
	if fd < 0 {
		return linux.EINVAL
	}
	if err := fsconfigArgsValid(cmd, key != nil, value != nil, aux); err != nil {
		return err
	}
	f, fc, err := t.fscontextOf(fd)
	if err != nil {
		return err
	}
	defer f.DecRef()
	p := &FsParameter{}
	if key != nil {
		if len(*key) >= 256 {
			return linux.EINVAL // strndup_user(_key, 256): no room for the NUL
		}
		p.Key = *key
	}
	if err := t.fsconfigValue(p, cmd, value, aux); err != nil {
		return err
	}
	u := fc.uapi
	u.mu.Lock()
	defer u.mu.Unlock()
	return t.fsconfigLocked(fc, cmd, p)
}

// fsconfigArgsValid is the first check of fsconfig(2): which of key, value
// and aux each command wants.
func fsconfigArgsValid(cmd uint32, key, value bool, aux int) error {
	ok := true
	switch cmd {
	case linux.FSCONFIG_SET_FLAG:
		ok = key && !value && aux == 0
	case linux.FSCONFIG_SET_STRING:
		ok = key && value && aux == 0
	case linux.FSCONFIG_SET_BINARY:
		ok = key && value && aux > 0 && aux <= 1024*1024
	case linux.FSCONFIG_SET_PATH, linux.FSCONFIG_SET_PATH_EMPTY:
		ok = key && value && (aux == linux.AT_FDCWD || aux >= 0)
	case linux.FSCONFIG_SET_FD:
		ok = key && !value && aux >= 0
	case linux.FSCONFIG_CMD_CREATE, linux.FSCONFIG_CMD_CREATE_EXCL, linux.FSCONFIG_CMD_RECONFIGURE:
		ok = !key && !value && aux == 0
	default:
		return linux.EOPNOTSUPP
	}
	if !ok {
		return linux.EINVAL
	}
	return nil
}

// fsconfigValue fills in the parameter's value as the command gives it.
func (t *Task) fsconfigValue(p *FsParameter, cmd uint32, value []byte, aux int) error {
	switch cmd {
	case linux.FSCONFIG_SET_FLAG:
		p.Type = FsValueIsFlag
	case linux.FSCONFIG_SET_STRING:
		if len(value) >= 256 {
			return linux.EINVAL // strndup_user(_value, 256)
		}
		p.Type, p.Value = FsValueIsString, string(value)
	case linux.FSCONFIG_SET_BINARY:
		p.Type, p.Value = FsValueIsBlob, string(value[:min(aux, len(value))])
	case linux.FSCONFIG_SET_PATH, linux.FSCONFIG_SET_PATH_EMPTY:
		if len(value) == 0 && cmd == linux.FSCONFIG_SET_PATH {
			return linux.ENOENT // getname_flags without LOOKUP_EMPTY
		}
		if len(value) >= linux.PATH_MAX {
			return linux.ENAMETOOLONG
		}
		p.Type, p.Value, p.Dirfd = FsValueIsFilename, string(value), aux
	case linux.FSCONFIG_SET_FD:
		f, err := t.fdTable().get(aux)
		if err != nil {
			return linux.EBADF
		}
		f.DecRef() // the parameter only names it; no filesystem here keeps it
		p.Type, p.Dirfd = FsValueIsFile, aux
	}
	return nil
}

// fsconfigLocked is vfs_fsconfig_locked, under the uapi mutex.
func (t *Task) fsconfigLocked(fc *FsContext, cmd uint32, p *FsParameter) error {
	u := fc.uapi
	if u.phase == fcAwaitingReconf { // finish_clean_context
		if err := fc.cleanForReconfigure(); err != nil {
			u.phase = fcFailed
			return err
		}
		u.phase = fcReconfParams
	}
	switch cmd {
	case linux.FSCONFIG_CMD_CREATE, linux.FSCONFIG_CMD_CREATE_EXCL:
		return t.vfsCmdCreate(fc, cmd == linux.FSCONFIG_CMD_CREATE_EXCL)
	case linux.FSCONFIG_CMD_RECONFIGURE:
		return t.vfsCmdReconfigure(fc)
	}
	if u.phase != fcCreateParams && u.phase != fcReconfParams {
		return linux.EBUSY
	}
	return fc.ParseParam(p)
}

// vfsCmdCreate is vfs_cmd_create.
func (t *Task) vfsCmdCreate(fc *FsContext, exclusive bool) error {
	u := fc.uapi
	if u.phase != fcCreateParams {
		return linux.EBUSY
	}
	if !fc.mountCapable() {
		return linux.EPERM
	}
	u.phase = fcCreating
	u.exclusive = exclusive
	if err := fc.GetTree(); err != nil {
		u.phase = fcFailed
		return err
	}
	u.phase = fcAwaitingMount
	return nil
}

// vfsCmdReconfigure is vfs_cmd_reconfigure.
func (t *Task) vfsCmdReconfigure(fc *FsContext) error {
	u := fc.uapi
	if u.phase != fcReconfParams {
		return linux.EBUSY
	}
	u.phase = fcReconfiguring
	t.k.lockNamespace()
	err := t.k.reconfigureSuperLocked(fc)
	t.k.unlockNamespace()
	if err != nil {
		u.phase = fcFailed
		return err
	}
	fc.vfsCleanContext()
	return nil
}

// vfsCleanContext is vfs_clean_context: the context is left about as
// fspick would make it for the same superblock, ready to be prepared
// again. The flags mask stays: flags named before the mount or the last
// reconfiguration still count as changed, so one outside MS_RMT_MASK (a
// dirsync given to fsopen's context) makes the next reconfiguration
// EINVAL, as on Linux.
func (fc *FsContext) vfsCleanContext() {
	fc.FsPrivate = nil
	fc.SbFlags = 0
	fc.Source, fc.SourceSet = "", false
	fc.Purpose = FS_CONTEXT_FOR_RECONFIGURE
	fc.uapi.exclusive = false
	fc.uapi.phase = fcAwaitingReconf
}

// MayReuseSuper is sget_fc's check before an existing superblock is
// shared: a context created with FSCONFIG_CMD_CREATE_EXCL wants a new one,
// so sharing is EBUSY with the kernel's warning in the log. Filesystems
// that hand out a superblock they already have (a block device's, sysfs's,
// an IPC namespace's mqueue) call it first.
func (fc *FsContext) MayReuseSuper() error {
	if fc.uapi == nil || !fc.uapi.exclusive {
		return nil
	}
	fc.Warnf("%s: reusing existing filesystem not allowed", fc.FsType.Name())
	return linux.EBUSY
}

// cleanForReconfigure is finish_clean_context: the filesystem sets the
// context up again, for a reconfiguration.
func (fc *FsContext) cleanForReconfigure() error {
	return fc.FsType.InitFsContext(fc)
}
