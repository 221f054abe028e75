// SPDX-License-Identifier: Apache-2.0

//go:build linux

// Package hostfs passes a directory of the host into the virtual system,
// as User-mode Linux's hostfs and gVisor's gofer do:
//
//	mount -t hostfs -o ro /srv/data /mnt
//
// The source is a host path, which must lie in a directory the embedder
// allowed with Register: a virtual system never reaches host files it was
// not given. Every inode holds an O_PATH descriptor of its host file, and
// each lookup is one openat2 of a single name below its directory's
// descriptor with RESOLVE_BENEATH, RESOLVE_NO_MAGICLINKS and
// RESOLVE_NO_SYMLINKS, so a host symbolic link is never followed on the
// host: it is shown as a link, and the virtual VFS resolves it in the
// virtual tree. ".." at the mount's root is the VFS's business and leads
// to the mountpoint's parent, never to the host directory's.
//
// Owners are shown as the host has them unless uid= or gid= force one
// (as vfat's options do), which also keeps chown from changing the host:
// numeric host IDs mean nothing to the virtual system's users unless the
// two agree, and forcing is the simple way to make them agree. Files the
// virtual system makes are given, on the host, the creator's IDs when the
// owner is not forced and the process may chown (as root); otherwise they
// belong to the process. Mode bits are set exactly (the process umask does
// not apply twice). Errors are the host's errno. statfs shows the host
// filesystem's counts under hostfs's magic number.
package hostfs

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is HOSTFS_SUPER_MAGIC, what UML's hostfs puts in f_type.
const Magic = 0x00c0ffee

// allowedKey finds a kernel's allowed host directories in FsData.
type allowedKey struct{}

// allowed is the host directories a kernel's hostfs mounts may come from.
type allowed struct {
	mu   sync.Mutex
	dirs []string
}

// Type is the "hostfs" filesystem type. It is not registered by NewKernel:
// Register adds it with the directories it may pass through.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "hostfs" }

// Flags implements vfs.FilesystemType: a host directory is no device.
func (Type) Flags() vfs.FSTypeFlags { return 0 }

// Register makes hostfs available in k (once) and allows mounts of dirs
// and anything below them. Each dir is made absolute and cleaned; the
// host resolves it when a mount opens it.
func Register(k *vfs.Kernel, dirs ...string) error {
	a := k.FsData(allowedKey{}, func() any { return &allowed{} }).(*allowed)
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.dirs) == 0 && !registered(k) {
		if err := k.RegisterFilesystem(Type{}); err != nil {
			return err
		}
	}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return err
		}
		a.dirs = append(a.dirs, abs)
	}
	return nil
}

func registered(k *vfs.Kernel) bool {
	_, err := k.GetFsType("hostfs")
	return err == nil
}

// options are hostfs's mount options: owners forced or not.
type options struct {
	uid, gid       uint32
	setUID, setGID bool
}

// InitFsContext starts from the host's owners, or a remount's current
// options.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	o := &options{}
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		*o = fc.Root.Inode().Superblock().Private.(*hostFS).opts
	}
	fc.FsPrivate = o
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam takes uid= and gid= (decimal IDs, -1 refused).
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	switch p.Key {
	case "uid", "gid":
		if p.Type != vfs.FsValueIsString {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		n, ok := vfs.Kstrtouint(p.Value, 0)
		if !ok || n == 0xffffffff {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		if p.Key == "uid" {
			o.uid, o.setUID = n, true
		} else {
			o.gid, o.setGID = n, true
		}
		return nil
	}
	return vfs.ENOPARAM
}

// GetTree opens the source below the allowed directory it lies in and
// makes a superblock with it as the root.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	if !fc.SourceSet || fc.Source == "" {
		return fc.Errorf("No source specified")
	}
	rootFd, err := openSource(fc)
	if err != nil {
		return err
	}
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		unix.Close(rootFd)
		return err
	}
	h := &hostFS{sb: sb, opts: *fc.FsPrivate.(*options), source: fc.Source, nodes: map[devIno]*vfs.Inode{}}
	sb.Private = h
	var st unix.Stat_t
	if err := unix.Fstat(rootFd, &st); err != nil {
		unix.Close(rootFd)
		return errno(err)
	}
	h.rootDev = st.Dev
	root := h.newInode(rootFd, &st)
	sb.SetRoot(vfs.NewRootDentry(root))
	fc.Root = sb.Root()
	return nil
}

// openSource opens fc.Source as an O_PATH directory descriptor, resolved
// beneath the allowed directory that holds it, so that neither ".." nor
// a host symbolic link in the rest of the path can leave it.
func openSource(fc *vfs.FsContext) (int, error) {
	src := fc.Source
	if !filepath.IsAbs(src) {
		return -1, fc.Fail(linux.EINVAL, "source %q is not an absolute host path", src)
	}
	src = filepath.Clean(src)
	a, _ := fc.Kernel.FsData(allowedKey{}, func() any { return &allowed{} }).(*allowed)
	a.mu.Lock()
	dirs := append([]string(nil), a.dirs...)
	a.mu.Unlock()
	for _, d := range dirs {
		rel, err := filepath.Rel(d, src)
		if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
			continue
		}
		dfd, err := unix.Open(d, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return -1, fc.Fail(errno(err), "cannot open %s: %v", d, err)
		}
		defer unix.Close(dfd)
		fd, err := unix.Openat2(dfd, rel, &unix.OpenHow{
			Flags:   unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
		})
		if err != nil {
			return -1, fc.Fail(errno(err), "cannot open %s: %v", src, err)
		}
		return fd, nil
	}
	return -1, fc.Fail(linux.EACCES, "%s is not below a host directory this system may use", src)
}

// Reconfigure takes the new owners; ro and rw are the VFS's.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	h := fc.Root.Inode().Superblock().Private.(*hostFS)
	h.mu.Lock()
	h.opts = *fc.FsPrivate.(*options)
	h.mu.Unlock()
	return nil
}

type superOps struct{}

// ShowOptions shows forced owners.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	o := sb.Private.(*hostFS).options()
	if o.setUID {
		fmt.Fprintf(b, ",uid=%d", o.uid)
	}
	if o.setGID {
		fmt.Fprintf(b, ",gid=%d", o.gid)
	}
}

// Statfs is the host's fstatfs of the root, under hostfs's magic number
// (hostfs_statfs).
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	h := sb.Private.(*hostFS)
	var s unix.Statfs_t
	if err := unix.Fstatfs(h.nodeOf(sb.Root().Inode()).fd, &s); err != nil {
		return vfs.Statfs{}, err
	}
	return vfs.Statfs{Type: Magic, Bsize: s.Bsize, Frsize: s.Frsize, Blocks: s.Blocks, Bfree: s.Bfree,
		Bavail: s.Bavail, Files: s.Files, Ffree: s.Ffree, Namelen: s.Namelen}, nil
}

// KillSuper closes every host descriptor the superblock holds.
func (superOps) KillSuper(sb *vfs.Superblock) {
	h := sb.Private.(*hostFS)
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, in := range h.nodes {
		unix.Close(in.Private.(*node).fd)
		delete(h.nodes, k)
	}
}
