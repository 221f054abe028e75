// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// FSTypeFlags are struct file_system_type's fs_flags.
type FSTypeFlags uint32

// File system type flags, as include/linux/fs.h numbers them.
const (
	FS_REQUIRES_DEV         FSTypeFlags = 1
	FS_BINARY_MOUNTDATA     FSTypeFlags = 2
	FS_HAS_SUBTYPE          FSTypeFlags = 4
	FS_USERNS_MOUNT         FSTypeFlags = 8
	FS_DISALLOW_NOTIFY_PERM FSTypeFlags = 16
	FS_ALLOW_IDMAP          FSTypeFlags = 32
	FS_RENAME_DOES_D_MOVE   FSTypeFlags = 32768
)

// FilesystemType is struct file_system_type.
type FilesystemType interface {
	Name() string
	Flags() FSTypeFlags
	// InitFsContext is init_fs_context: it sets fc.Ops and fc.FsPrivate.
	InitFsContext(fc *FsContext) error
}

// FsContextOperations is struct fs_context_operations.
type FsContextOperations interface {
	// ParseParam is parse_param. Returning ENOPARAM lets the VFS treat
	// the key as unknown.
	ParseParam(fc *FsContext, p *FsParameter) error
	// GetTree is get_tree: it makes or finds the superblock and sets
	// fc.Root.
	GetTree(fc *FsContext) error
	// Reconfigure is reconfigure: it applies fc to fc.Root's superblock.
	Reconfigure(fc *FsContext) error
}

// FsContextPurpose is enum fs_context_purpose.
type FsContextPurpose int

const (
	FS_CONTEXT_FOR_MOUNT FsContextPurpose = iota
	FS_CONTEXT_FOR_SUBMOUNT
	FS_CONTEXT_FOR_RECONFIGURE
)

// FsParamType is enum fs_value_type.
type FsParamType int

const (
	FsValueIsFlag FsParamType = iota
	FsValueIsString
	FsValueIsBlob     // fsconfig(FSCONFIG_SET_BINARY): Value holds the bytes
	FsValueIsFilename // FSCONFIG_SET_PATH(_EMPTY): Value is a path from Dirfd
	FsValueIsFile     // FSCONFIG_SET_FD: Dirfd is the descriptor
)

// FsParameter is struct fs_parameter.
type FsParameter struct {
	Key   string
	Type  FsParamType
	Value string
	Dirfd int
}

// ENOPARAM is the kernel-internal "parameter not recognised" (519); it never
// reaches user space.
const ENOPARAM = linux.Errno(519)

// FsContext is struct fs_context: a filesystem being configured for a mount
// or a reconfiguration.
type FsContext struct {
	Kernel  *Kernel
	FsType  FilesystemType
	Ops     FsContextOperations
	Purpose FsContextPurpose
	Source  string
	// SourceSet tells an empty Source ("") from none (NULL).
	SourceSet bool
	Cred      *Cred
	// UserNS is fc->user_ns: the user namespace a new superblock belongs
	// to and mountCapable asks about; the mounter's, unless the type's
	// InitFsContext names another (proc its pid namespace's owner, mqueue
	// its IPC namespace's). nil is the initial user namespace.
	UserNS *UserNamespace
	// SbFlags and SbFlagsMask are the SB_* bits requested and the bits the
	// request speaks about.
	SbFlags     uint32
	SbFlagsMask uint32
	// Root is set by GetTree (or to the superblock root to reconfigure).
	Root *Dentry
	// FsPrivate belongs to the filesystem.
	FsPrivate any
	// held is a superblock GetTree found or made with an active reference
	// (sget's), handed to the mount vfsCreateMount makes.
	held *Superblock
	// task is the mounting task ("current"), through which a block
	// filesystem looks its source up.
	task *Task
	// ipc is the IPC namespace a context made for it works on (see
	// FsContext.IPCNamespace).
	ipc *IPCNamespace
	// Log holds the messages the kernel would print (logfc/errorf), such
	// as "tmpfs: Unknown parameter 'foo'", each after the level marker
	// logfc prints it with (KernErr, KernWarning, KernNotice).
	Log []string
	// uapi is the state of a context made by fsopen or fspick (its fc_log
	// and phase); nil for mount(2)'s, whose messages go to the kernel log.
	uapi *fcUAPI
	// param is ParseString's parameter, kept here to spare mount(2) an
	// allocation per option.
	param FsParameter
}

// FsContextForMount is fs_context_for_mount.
func (k *Kernel) FsContextForMount(t FilesystemType, cred *Cred, sbFlags uint32) (*FsContext, error) {
	return k.fsContextFor(t, nil, cred, sbFlags)
}

// fsContextFor is fs_context_for_mount by task (nil: none), which
// InitFsContext can then ask for its namespaces.
func (k *Kernel) fsContextFor(t FilesystemType, task *Task, cred *Cred, sbFlags uint32) (*FsContext, error) {
	fc := fsContextPool.Get().(*FsContext)
	*fc = FsContext{Kernel: k, FsType: t, Purpose: FS_CONTEXT_FOR_MOUNT, Cred: cred,
		UserNS: cred.UserNS, SbFlags: sbFlags, SbFlagsMask: ^uint32(0), task: task}
	if err := t.InitFsContext(fc); err != nil {
		return nil, err
	}
	return fc, nil
}

// fsContextPool keeps the contexts mount(2) is done with (put_fs_context):
// a context is garbage once its mount is made, and reusing it spares each
// mount an allocation of its size. Only a caller that knows nothing kept
// the context gives it back (releaseFsContext); no filesystem keeps the
// context it is handed beyond the call.
var fsContextPool = sync.Pool{New: func() any { return new(FsContext) }}

// releaseFsContext is put_fs_context for a context nothing else refers to.
func releaseFsContext(fc *FsContext) {
	*fc = FsContext{}
	fsContextPool.Put(fc)
}

// FsContextForReconfigure is fs_context_for_reconfigure.
func (k *Kernel) FsContextForReconfigure(root *Dentry, cred *Cred, sbFlags, mask uint32) (*FsContext, error) {
	sb := root.Inode().Superblock()
	fc := &FsContext{Kernel: k, FsType: sb.fsType, Purpose: FS_CONTEXT_FOR_RECONFIGURE, Cred: cred,
		UserNS: sb.userNS, SbFlags: sbFlags, SbFlagsMask: mask, Root: root}
	if err := sb.fsType.InitFsContext(fc); err != nil {
		return nil, err
	}
	return fc, nil
}

// Errorf logs "<fstype>: msg" and returns EINVAL (invalf).
func (fc *FsContext) Errorf(format string, args ...any) error {
	return fc.Fail(linux.EINVAL, format, args...)
}

// Logf is errorf (unlike errorfc and invalfc, which Errorf and Fail are):
// the message is logged without the filesystem's name.
func (fc *FsContext) Logf(format string, args ...any) {
	fc.logfc('e', fmt.Sprintf(format, args...))
}

// Warnf is warnf: a warning, logged without the filesystem's name.
func (fc *FsContext) Warnf(format string, args ...any) {
	fc.logfc('w', fmt.Sprintf(format, args...))
}

// Infof is infof: information, logged without the filesystem's name.
func (fc *FsContext) Infof(format string, args ...any) {
	fc.logfc('i', fmt.Sprintf(format, args...))
}

// Fail logs "<fstype>: msg" and returns err.
func (fc *FsContext) Fail(err error, format string, args ...any) error {
	fc.logfc('e', fc.FsType.Name()+": "+fmt.Sprintf(format, args...))
	return err
}

// logfc is logfc: into the context's log when it has one (an fsopen or
// fspick descriptor reads it back, prefixed with the level), else to the
// kernel log at once, in order with what the filesystem prints itself
// (fc.Log holds them for a context without a kernel).
func (fc *FsContext) logfc(level byte, msg string) {
	if fc.uapi != nil {
		fc.uapi.add(string(level) + " " + msg)
		return
	}
	marker := KernNotice
	switch level {
	case 'e':
		marker = KernErr
	case 'w':
		marker = KernWarning
	}
	if fc.Kernel != nil {
		fc.Kernel.Printk(marker + msg)
		return
	}
	fc.Log = append(fc.Log, marker+msg)
}

// sbFlagParams are the generic flags vfs_parse_sb_flag understands.
var sbFlagParams = []struct {
	name  string
	set   bool
	value uint32
}{
	{"dirsync", true, linux.SB_DIRSYNC},
	{"lazytime", true, linux.SB_LAZYTIME},
	{"mand", true, linux.SB_MANDLOCK},
	{"ro", true, linux.SB_RDONLY},
	{"sync", true, linux.SB_SYNCHRONOUS},
	{"async", false, linux.SB_SYNCHRONOUS},
	{"nolazytime", false, linux.SB_LAZYTIME},
	{"nomand", false, linux.SB_MANDLOCK},
	{"rw", false, linux.SB_RDONLY},
}

// ParseParam is vfs_parse_fs_param: generic superblock flags first, then
// the filesystem, then "source".
func (fc *FsContext) ParseParam(p *FsParameter) error {
	for _, f := range sbFlagParams {
		if f.name == p.Key { // vfs_parse_sb_flag: any value is ignored
			if f.set {
				fc.SbFlags |= f.value
			} else {
				fc.SbFlags &^= f.value
			}
			fc.SbFlagsMask |= f.value
			return nil
		}
	}
	err := fc.Ops.ParseParam(fc, p)
	if err != ENOPARAM {
		return err
	}
	if p.Key == "source" {
		if p.Type != FsValueIsString {
			fc.Logf("Non-string source")
			return linux.EINVAL
		}
		if fc.SourceSet {
			fc.Logf("Multiple sources")
			return linux.EINVAL
		}
		fc.Source, fc.SourceSet = p.Value, true
		return nil
	}
	return fc.Errorf("Unknown parameter '%s'", p.Key)
}

// ParseString is vfs_parse_fs_string: value "" with hasValue false is a flag.
func (fc *FsContext) ParseString(key, value string, hasValue bool) error {
	p := &fc.param // no filesystem keeps the parameter it is handed
	*p = FsParameter{Key: key, Type: FsValueIsFlag}
	if hasValue {
		p.Type, p.Value = FsValueIsString, value
	}
	return fc.ParseParam(p)
}

// ParseMonolithic is generic_parse_monolithic: a comma-separated option
// string, each "key" or "key=value". An option with no key ("=x") is
// skipped without a word, as vfs_parse_monolithic_sep skips it; only
// fsconfig(2) can hand a filesystem an unnamed parameter.
func (fc *FsContext) ParseMonolithic(data string) error {
	for opt := range strings.SplitSeq(data, ",") { // no slice per mount
		key, value, has := strings.Cut(opt, "=")
		if key == "" {
			continue
		}
		if err := fc.ParseString(key, value, has); err != nil {
			return err
		}
	}
	return nil
}

// mountCapable is mount_capable: a type user namespaces may mount
// (FS_USERNS_MOUNT) needs CAP_SYS_ADMIN over fc.UserNS, any other over
// the initial user namespace.
func (fc *FsContext) mountCapable() bool {
	if fc.FsType.Flags()&FS_USERNS_MOUNT == 0 {
		return fc.Cred.HasCap(linux.CAP_SYS_ADMIN)
	}
	return fc.Cred.NsCapable(fc.UserNS, linux.CAP_SYS_ADMIN)
}

// GetTree is vfs_get_tree.
func (fc *FsContext) GetTree() error {
	if fc.Root != nil {
		return linux.EBUSY
	}
	if err := fc.Ops.GetTree(fc); err != nil {
		return err
	}
	if fc.Root == nil {
		return fc.Fail(linux.EINVAL, "get_tree set no root")
	}
	// A superblock made for this context is held by it until a mount
	// takes it over, so that one never mounted (a mount refused after
	// get_tree, an fsopen context closed) goes with the context.
	if sb := fc.Root.Inode().Superblock(); fc.held == nil && sb.active.Load() == 0 {
		sb.activate()
		fc.held = sb
	}
	return nil
}

// CurrentUmask is current_umask() of the mounting task, for filesystems
// whose default permissions follow it (fat); 0 when no task mounts.
func (fc *FsContext) CurrentUmask() uint32 {
	if fc.task == nil {
		return 0
	}
	return fc.task.fsStruct().umask.Load()
}
