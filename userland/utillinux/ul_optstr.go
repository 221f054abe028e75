// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ulMapEnt is an entry of libmount's built-in option maps (struct
// libmnt_optmap): name ("user[=]" accepts a value, "offset=" needs one,
// "x-" is a prefix), the flag it stands for and whether it clears it.
type ulMapEnt struct {
	name   string
	id     uint64
	invert bool
	prefix bool
}

// Userspace flags (MNT_MS_*).
const (
	ulMsNoauto    = 1 << 2
	ulMsUser      = 1 << 3
	ulMsUsers     = 1 << 4
	ulMsOwner     = 1 << 5
	ulMsGroup     = 1 << 6
	ulMsNetdev    = 1 << 7
	ulMsComment   = 1 << 8
	ulMsLoop      = 1 << 9
	ulMsNofail    = 1 << 10
	ulMsUhelper   = 1 << 11
	ulMsHelper    = 1 << 12
	ulMsXcomment  = 1 << 13
	ulMsOffset    = 1 << 14
	ulMsSizelimit = 1 << 15
	ulMsEncrypt   = 1 << 16
	ulMsXfstab    = 1 << 17
)

const (
	ulMsPropagation  = linux.MS_SHARED | linux.MS_SLAVE | linux.MS_UNBINDABLE | linux.MS_PRIVATE
	ulMsSecure       = linux.MS_NOEXEC | linux.MS_NOSUID | linux.MS_NODEV
	ulMsOwnerSecure  = linux.MS_NOSUID | linux.MS_NODEV
	ulMntBindSetable = linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC | linux.MS_NOATIME |
		linux.MS_NODIRATIME | linux.MS_RELATIME | linux.MS_RDONLY | linux.MS_NOSYMFOLLOW
)

// ulLinuxMap is MNT_LINUX_MAP as util-linux 2.38 builds it with glibc
// (no MS_NOSUB).
var ulLinuxMap = []ulMapEnt{
	{name: "ro", id: linux.MS_RDONLY},
	{name: "rw", id: linux.MS_RDONLY, invert: true},
	{name: "exec", id: linux.MS_NOEXEC, invert: true},
	{name: "noexec", id: linux.MS_NOEXEC},
	{name: "suid", id: linux.MS_NOSUID, invert: true},
	{name: "nosuid", id: linux.MS_NOSUID},
	{name: "dev", id: linux.MS_NODEV, invert: true},
	{name: "nodev", id: linux.MS_NODEV},
	{name: "sync", id: linux.MS_SYNCHRONOUS},
	{name: "async", id: linux.MS_SYNCHRONOUS, invert: true},
	{name: "dirsync", id: linux.MS_DIRSYNC},
	{name: "remount", id: linux.MS_REMOUNT},
	{name: "bind", id: linux.MS_BIND},
	{name: "rbind", id: linux.MS_BIND | linux.MS_REC},
	{name: "silent", id: linux.MS_SILENT},
	{name: "loud", id: linux.MS_SILENT, invert: true},
	{name: "mand", id: linux.MS_MANDLOCK},
	{name: "nomand", id: linux.MS_MANDLOCK, invert: true},
	{name: "atime", id: linux.MS_NOATIME, invert: true},
	{name: "noatime", id: linux.MS_NOATIME},
	{name: "iversion", id: linux.MS_I_VERSION},
	{name: "noiversion", id: linux.MS_I_VERSION, invert: true},
	{name: "diratime", id: linux.MS_NODIRATIME, invert: true},
	{name: "nodiratime", id: linux.MS_NODIRATIME},
	{name: "relatime", id: linux.MS_RELATIME},
	{name: "norelatime", id: linux.MS_RELATIME, invert: true},
	{name: "strictatime", id: linux.MS_STRICTATIME},
	{name: "nostrictatime", id: linux.MS_STRICTATIME, invert: true},
	{name: "lazytime", id: linux.MS_LAZYTIME},
	{name: "nolazytime", id: linux.MS_LAZYTIME, invert: true},
	{name: "unbindable", id: linux.MS_UNBINDABLE},
	{name: "runbindable", id: linux.MS_UNBINDABLE | linux.MS_REC},
	{name: "private", id: linux.MS_PRIVATE},
	{name: "rprivate", id: linux.MS_PRIVATE | linux.MS_REC},
	{name: "slave", id: linux.MS_SLAVE},
	{name: "rslave", id: linux.MS_SLAVE | linux.MS_REC},
	{name: "shared", id: linux.MS_SHARED},
	{name: "rshared", id: linux.MS_SHARED | linux.MS_REC},
	{name: "symfollow", id: linux.MS_NOSYMFOLLOW, invert: true},
	{name: "nosymfollow", id: linux.MS_NOSYMFOLLOW},
}

// ulUserMap is MNT_USERSPACE_MAP.
var ulUserMap = []ulMapEnt{
	{name: "defaults"},
	{name: "auto", id: ulMsNoauto, invert: true},
	{name: "noauto", id: ulMsNoauto},
	{name: "user[=]", id: ulMsUser},
	{name: "nouser", id: ulMsUser, invert: true},
	{name: "users", id: ulMsUsers},
	{name: "nousers", id: ulMsUsers, invert: true},
	{name: "owner", id: ulMsOwner},
	{name: "noowner", id: ulMsOwner, invert: true},
	{name: "group", id: ulMsGroup},
	{name: "nogroup", id: ulMsGroup, invert: true},
	{name: "_netdev", id: ulMsNetdev},
	{name: "comment=", id: ulMsComment},
	{name: "x-", id: ulMsXcomment, prefix: true},
	{name: "X-", id: ulMsXfstab, prefix: true},
	{name: "loop[=]", id: ulMsLoop},
	{name: "offset=", id: ulMsOffset},
	{name: "sizelimit=", id: ulMsSizelimit},
	{name: "encryption=", id: ulMsEncrypt},
	{name: "nofail", id: ulMsNofail},
	{name: "uhelper=", id: ulMsUhelper},
	{name: "helper=", id: ulMsHelper},
	{name: "verity.hashdevice=", id: 1 << 18},
	{name: "verity.roothash=", id: 1 << 19},
	{name: "verity.hashoffset=", id: 1 << 20},
	{name: "verity.roothashfile=", id: 1 << 21},
	{name: "verity.fecdevice=", id: 1 << 22},
	{name: "verity.fecoffset=", id: 1 << 23},
	{name: "verity.fecroots=", id: 1 << 24},
	{name: "verity.roothashsig=", id: 1 << 25},
	{name: "verity.oncorruption=", id: 1 << 26},
}

// ulLookupEnt is mnt_optmap_get_entry over the given maps: which map (0 or
// 1, -1 for none) knows the option name, and its entry.
func ulLookupEnt(name string, maps ...[]ulMapEnt) (int, *ulMapEnt) {
	for i, m := range maps {
		for j := range m {
			e := &m[j]
			if e.prefix {
				if strings.HasPrefix(name, e.name) {
					return i, e
				}
				continue
			}
			if !strings.HasPrefix(e.name, name) {
				continue
			}
			rest := e.name[len(name):]
			if rest == "" || rest[0] == '=' || rest[0] == '[' {
				return i, e
			}
		}
	}
	return -1, nil
}

// novalue is mnt_optmap_entry_novalue: the entry takes no "=value".
func (e *ulMapEnt) novalue() bool {
	return e != nil && !strings.Contains(e.name, "=") && !e.prefix
}

// ulSplitOptstr is mnt_split_optstr: VFS (MNT_LINUX_MAP) options, FS
// (unknown) options and userspace options, each in order; entries
// without a flag ("defaults") are dropped.
func ulSplitOptstr(opts []string) (vfsOpts, fsOpts, userOpts []string) {
	for _, o := range opts {
		name, _, hasVal := ulOptName(o)
		m, ent := ulLookupEnt(name, ulLinuxMap, ulUserMap)
		if ent != nil && ent.id == 0 {
			continue
		}
		if hasVal && ent.novalue() {
			m = -1
		}
		switch m {
		case 0:
			vfsOpts = append(vfsOpts, o)
		case 1:
			userOpts = append(userOpts, o)
		default:
			fsOpts = append(fsOpts, o)
		}
	}
	return
}

// ulGetFlags is mnt_optstr_get_flags with MNT_LINUX_MAP (user=true selects
// MNT_USERSPACE_MAP): later options override earlier ones, and with the
// Linux map "user"/"users" mean MS_SECURE and "owner"/"group"
// MS_OWNERSECURE.
func ulGetFlags(opts []string, user bool) uint64 {
	var flags uint64
	for _, o := range opts {
		name, _, hasVal := ulOptName(o)
		var m int
		var ent *ulMapEnt
		if user {
			m, ent = ulLookupEnt(name, ulUserMap)
		} else {
			m, ent = ulLookupEnt(name, ulLinuxMap, ulUserMap)
		}
		if m < 0 || ent == nil || ent.id == 0 {
			continue
		}
		if hasVal && ent.novalue() {
			continue
		}
		if m == 0 {
			if ent.invert {
				flags &^= ent.id
			} else {
				flags |= ent.id
			}
			continue
		}
		if !hasVal && !ent.invert {
			switch {
			case ent.id&(ulMsOwner|ulMsGroup) != 0:
				flags |= ulMsOwnerSecure
			case ent.id&(ulMsUser|ulMsUsers) != 0:
				flags |= ulMsSecure
			}
		}
	}
	return flags
}

// ulApplyFlags is mnt_optstr_apply_flags for MNT_LINUX_MAP: "rw" or "ro"
// first, options whose flag is not in flags removed (as are repeats), and
// options for the remaining flags appended in map order.
func ulApplyFlags(opts []string, flags uint64) []string {
	fl := flags
	o := "rw"
	if fl&linux.MS_RDONLY != 0 {
		o = "ro"
	}
	var out []string
	rest := opts
	if len(rest) > 0 && (rest[0] == "rw" || rest[0] == "ro") {
		rest = rest[1:]
	}
	out = append(out, o)
	fl &^= linux.MS_RDONLY
	for _, opt := range rest {
		name, _, hasVal := ulOptName(opt)
		m, ent := ulLookupEnt(name, ulLinuxMap)
		if m < 0 || ent == nil || ent.id == 0 || (hasVal && ent.novalue()) {
			out = append(out, opt)
			continue
		}
		keep := !(ent.id == linux.MS_RDONLY || ent.invert || fl&ent.id != ent.id)
		if keep {
			out = append(out, opt)
		}
		if !ent.invert {
			fl &^= ent.id
			if ent.id&linux.MS_REC != 0 {
				fl |= linux.MS_REC
			}
		}
	}
	if fl != 0 && fl != linux.MS_REC {
		for _, ent := range ulLinuxMap {
			if ent.invert || ent.id == 0 || fl&ent.id != ent.id {
				continue
			}
			out = append(out, ent.name)
		}
	}
	return out
}

// ulFixIDs is fix_optstr's uid=/gid= translation: names found in the
// task's /etc/passwd or /etc/group become numbers; "useruid"/"usergid"
// become the caller's IDs; anything else is left as it is.
func ulFixIDs(t *vfs.Task, opts []string) []string {
	out := make([]string, 0, len(opts))
	for _, o := range opts {
		name, val, hasVal := ulOptName(o)
		if hasVal && val != "" && (name == "uid" || name == "gid") {
			switch {
			case name == "uid" && val == "useruid":
				val = strconv.FormatUint(uint64(t.Cred().UID), 10)
			case name == "gid" && val == "usergid":
				val = strconv.FormatUint(uint64(t.Cred().GID), 10)
			case val[0] < '0' || val[0] > '9':
				file := "/etc/passwd"
				if name == "gid" {
					file = "/etc/group"
				}
				if id, ok := ulLookupID(t, file, val); ok {
					val = id
				}
			}
			o = name + "=" + val
		}
		out = append(out, o)
	}
	return out
}

// ulLookupID finds a name's numeric ID (third field) in a passwd-format
// file of the task.
func ulLookupID(t *vfs.Task, file, name string) (string, bool) {
	data, err := ulReadFile(t, file)
	if err != nil {
		return "", false
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, ":")
		if len(f) >= 3 && f[0] == name {
			if _, err := strconv.ParseUint(f[2], 10, 32); err == nil {
				return f[2], true
			}
		}
	}
	return "", false
}

// ulDropSELinux removes the SELinux context options, as libmount does when
// SELinux is disabled (it always is here).
func ulDropSELinux(opts []string) []string {
	out := opts[:0:0]
	for _, o := range opts {
		name, _, _ := ulOptName(o)
		switch name {
		case "context", "fscontext", "defcontext", "rootcontext", "seclabel":
			continue
		}
		out = append(out, o)
	}
	return out
}

// ulFindOpt returns the value of the first option named name.
func ulFindOpt(opts []string, name string) (string, bool) {
	for _, o := range opts {
		n, v, _ := ulOptName(o)
		if n == name {
			return v, true
		}
	}
	return "", false
}
