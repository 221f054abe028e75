// SPDX-License-Identifier: Apache-2.0

// Package overlay is overlayfs (fs/overlayfs): a merged view of an upper
// directory over one or more lower ones, as container engines mount a
// container's root:
//
//	mount -t overlay overlay -o lowerdir=L1:L2,upperdir=U,workdir=W M
//
// Lookups take the upper layer's entry, else the first lower layer's;
// directories merge down the stack until an opaque one
// (trusted.overlay.opaque=y); whiteouts (0:0 character devices, or files
// carrying trusted.overlay.whiteout) hide what lies below them. Any
// change copies the object (and its parents) up first; removing a lower
// entry leaves a whiteout in the upper layer. Without an upper layer the
// overlay is read-only.
//
// The layers are reached through the core's stacking helpers (vfs's
// CreateInternal, RenameInternal, ...), with no permission checks of
// their own: the VFS checks the overlay's inodes, which mirror the real
// ones. redirect_dir=on lets merged and lower directories move (the
// upper copy records overlay.redirect, which lookups follow). Not
// modelled: redirect_dir=nofollow's refusal of recorded redirects,
// redirects recorded in lower layers, metacopy and data-only layers
// (accepted, not used), index and nfs_export beyond the index directory,
// xino (the overlay shows the real inode numbers on its own device), the
// impure and uuid attributes the kernel records in the upper layer, and
// the copy-up's atomic staging in the work directory.
package overlay

import (
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is OVERLAYFS_SUPER_MAGIC.
const Magic = 0x794c7630

// maxStack is OVL_MAX_STACK: the most lower layers a mount takes.
const maxStack = 500

// Type is the "overlay" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "overlay" }

// Flags implements vfs.FilesystemType: overlayfs may be mounted in a
// user namespace (FS_USERNS_MOUNT).
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// InitFsContext is ovl_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		fc.FsPrivate = &config{}
	} else {
		fc.FsPrivate = &config{uuid: "auto"}
	}
	fc.Ops = contextOps{}
	return nil
}

// layer is one layer's directory as the options named it.
type layer struct {
	spec string // the path as given (mountinfo shows it)
	path vfs.Path
	data bool // a data-only layer ("::" or datadir+)
}

// config is struct ovl_config with the layers resolved (ovl_fs_context).
type config struct {
	lowers []layer
	// legacy is the lowerdir= value as given, shown as is; appended
	// says the layers came from lowerdir+ and datadir+.
	legacy   string
	appended bool
	upper    *layer
	work     *layer
	redirect string // "" is the default (follow)
	index    bool
	nfs      bool
	metacopy bool
	uuid     string
	volatile bool
	userxat  bool
	defPerms bool
	xino     string
	// set records the options given explicitly (ovl_opt_set).
	set map[string]bool
}

type contextOps struct{}

// ParseParam is ovl_parse_param.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	c := fc.FsPrivate.(*config)
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		// A remount has always ignored overlayfs's options, well
		// formed or not (mount(2)'s old API; fsconfig refuses them).
		return nil
	}
	switch p.Key {
	case "lowerdir", "lowerdir+", "datadir+", "upperdir", "workdir":
		if p.Type != vfs.FsValueIsString {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		return c.parseDir(fc, p.Key, p.Value)
	case "default_permissions", "userxattr", "volatile":
		if p.Type != vfs.FsValueIsFlag {
			return fc.Errorf("Unexpected value for '%s'", p.Key)
		}
		switch p.Key {
		case "default_permissions":
			c.defPerms = true
		case "userxattr":
			c.userxat = true
		default:
			c.volatile = true
		}
		return nil
	}
	choices, ok := enumParams[p.Key]
	if !ok {
		return vfs.ENOPARAM
	}
	if p.Type != vfs.FsValueIsString || !contains(choices, p.Value) {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	on := p.Value == "on"
	if c.set == nil {
		c.set = map[string]bool{}
	}
	c.set[p.Key] = true
	switch p.Key {
	case "redirect_dir":
		c.redirect = p.Value
	case "index":
		c.index = on
	case "nfs_export":
		c.nfs = on
	case "metacopy":
		c.metacopy = on
	case "uuid":
		c.uuid = p.Value
	case "xino":
		c.xino = p.Value
	}
	return nil
}

var enumParams = map[string][]string{
	"redirect_dir": {"off", "follow", "nofollow", "on"},
	"index":        {"off", "on"},
	"nfs_export":   {"off", "on"},
	"metacopy":     {"off", "on"},
	"uuid":         {"off", "null", "auto", "on"},
	"xino":         {"off", "auto", "on"},
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseDir resolves a layer option at once, as Linux 6.5 and later do.
func (c *config) parseDir(fc *vfs.FsContext, key, value string) error {
	switch key {
	case "lowerdir":
		return c.parseLowerdir(fc, value)
	case "lowerdir+", "datadir+":
		if c.legacy != "" {
			return fc.Errorf("lowerdir+ and datadir+ cannot follow lowerdir")
		}
		if key == "lowerdir+" && len(c.lowers) > 0 && c.lowers[len(c.lowers)-1].data {
			return fc.Errorf("regular lower layers cannot follow data layers")
		}
		l, err := resolve(fc, value, value)
		if err != nil {
			return err
		}
		l.data = key == "datadir+"
		c.lowers, c.appended = append(c.lowers, l), true
		return nil
	}
	l, err := resolve(fc, value, value)
	if err != nil {
		return err
	}
	if l.path.Mnt.ReadOnly() {
		return fc.Errorf("filesystem on %s is read-only", value)
	}
	if key == "upperdir" {
		c.upper = &l
	} else {
		c.work = &l
	}
	return nil
}

// parseLowerdir takes the legacy colon-separated list ("\:" is a colon
// in a name; "::" starts the data-only layers); it replaces any earlier
// list. An empty value clears the layers.
func (c *config) parseLowerdir(fc *vfs.FsContext, value string) error {
	c.lowers, c.legacy, c.appended = nil, "", false // replaces every lower layer
	if value == "" {
		return nil
	}
	if value[0] == ':' {
		fc.Logf("overlayfs: cannot append lower layer")
		return linux.EINVAL
	}
	parts := splitLowerdir(value)
	if len(parts) > maxStack {
		fc.Logf("overlayfs: too many lower directories, limit is %d", maxStack)
		return linux.EINVAL
	}
	// "::" puts a data-only layer next; a single ":" a regular one,
	// which may not follow a data-only layer.
	data := false
	for i, part := range parts {
		if part == "" {
			if data || i == len(parts)-1 {
				fc.Logf("overlayfs: empty lowerdir")
				c.lowers = nil
				return linux.EINVAL
			}
			data = true
			continue
		}
		if !data && len(c.lowers) > 0 && c.lowers[len(c.lowers)-1].data {
			fc.Logf("overlayfs: regular lower layers cannot follow data lower layers")
			c.lowers = nil
			return linux.EINVAL
		}
		l, err := resolve(fc, part, part)
		if err != nil {
			c.lowers = nil
			return err
		}
		l.data, data = data, false
		c.lowers = append(c.lowers, l)
	}
	c.legacy = value
	return nil
}

// splitLowerdir splits at unescaped colons and removes the escapes.
func splitLowerdir(s string) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == ':':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(parts, b.String())
}

// resolve is ovl_mount_dir_noesc: the directory the mounter names.
func resolve(fc *vfs.FsContext, name, spec string) (layer, error) {
	p, err := fc.LookupPath(name)
	if err != nil {
		errno, _ := err.(linux.Errno)
		fc.Logf("overlayfs: failed to resolve '%s': %d", name, -int(errno))
		return layer{}, err
	}
	if !p.Dentry.Inode().IsDir() {
		return layer{}, fc.Errorf("%s is not a directory", name)
	}
	if _, weird := p.Dentry.Inode().Ops.(vfs.Revalidator); weird {
		// ovl_dentry_weird: names that revalidate themselves (procfs,
		// sysfs, a host directory) cannot be layered.
		return layer{}, fc.Errorf("filesystem on %s not supported", name)
	}
	return layer{spec: spec, path: p}, nil
}

// Reconfigure takes no changes (ovl_reconfigure): only ro/rw, which
// needs an upper layer to go read-write.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	o := fc.Root.Inode().Superblock().Private.(*ofs)
	if fc.SbFlagsMask&linux.SB_RDONLY != 0 && fc.SbFlags&linux.SB_RDONLY == 0 && o.upper == nil {
		return linux.EROFS
	}
	return nil
}

// inUse is the kernel's set of directories some overlay uses as its
// upper or work directory (I_OVL_INUSE).
type inUse struct {
	mu   sync.Mutex
	dirs map[*vfs.Dentry]bool
	temp int // the last temporary name's number (ovl_tempname)
}

type inUseKey struct{}

func inUseOf(k *vfs.Kernel) *inUse {
	return k.FsData(inUseKey{}, func() any { return &inUse{dirs: map[*vfs.Dentry]bool{}} }).(*inUse)
}
