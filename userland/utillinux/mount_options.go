// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The option model of mount(8). Every item of a "-o" list falls in one of
// four classes:
//
//   - kernel flag words (ro, nosuid, bind, shared, ...): bits of mount(2)'s
//     flags argument; the propagation words among them are later taken
//     out and applied by calls of their own;
//   - userspace words (user, noauto, x-*, loop=, ...): read by mount(8)
//     itself, never given to the kernel;
//   - "defaults", which means nothing and is dropped;
//   - anything else, handed to the filesystem as mount(2)'s data.
//
// A word that takes no value but is written with one ("ro=1") is a
// filesystem option.

type optClass uint8

const (
	optFilesystem optClass = iota
	optKernel
	optUserspace
	optNothing
)

// flagWord is a kernel flag with the word that sets it and, when there is
// one, the word that clears it.
type flagWord struct {
	set, unset string
	bits       uint64
}

// kernelWords lists the kernel flag words. The order is significant: it
// is the order in which rebuildKernelOpts names flags nobody spelled.
var kernelWords = []flagWord{
	{"ro", "rw", linux.MS_RDONLY},
	{"noexec", "exec", linux.MS_NOEXEC},
	{"nosuid", "suid", linux.MS_NOSUID},
	{"nodev", "dev", linux.MS_NODEV},
	{"sync", "async", linux.MS_SYNCHRONOUS},
	{"dirsync", "", linux.MS_DIRSYNC},
	{"remount", "", linux.MS_REMOUNT},
	{"bind", "", linux.MS_BIND},
	{"rbind", "", linux.MS_BIND | linux.MS_REC},
	{"silent", "loud", linux.MS_SILENT},
	{"mand", "nomand", linux.MS_MANDLOCK},
	{"noatime", "atime", linux.MS_NOATIME},
	{"iversion", "noiversion", linux.MS_I_VERSION},
	{"nodiratime", "diratime", linux.MS_NODIRATIME},
	{"relatime", "norelatime", linux.MS_RELATIME},
	{"strictatime", "nostrictatime", linux.MS_STRICTATIME},
	{"lazytime", "nolazytime", linux.MS_LAZYTIME},
	{"unbindable", "", linux.MS_UNBINDABLE},
	{"runbindable", "", linux.MS_UNBINDABLE | linux.MS_REC},
	{"private", "", linux.MS_PRIVATE},
	{"rprivate", "", linux.MS_PRIVATE | linux.MS_REC},
	{"slave", "", linux.MS_SLAVE},
	{"rslave", "", linux.MS_SLAVE | linux.MS_REC},
	{"shared", "", linux.MS_SHARED},
	{"rshared", "", linux.MS_SHARED | linux.MS_REC},
	{"nosymfollow", "symfollow", linux.MS_NOSYMFOLLOW},
}

// Userspace option bits: mount(8)'s private record of which userspace
// words are in force.
const (
	uNoauto uint64 = 1 << iota
	uUser
	uUsers
	uOwner
	uGroup
	uNetdev
	uComment
	uLoop
	uNofail
	uUhelper
	uHelper
	uXComment // x-*: kept in the userspace mount table
	uXFstab   // X-*: fstab only
	uOffset
	uSizelimit
	uEncryption
	uVerity
)

// userWord is a userspace word: its bit, whether it clears the bit, and
// whether it accepts "=value".
type userWord struct {
	bit       uint64
	clears    bool
	withValue bool
}

var userWords = map[string]userWord{
	"defaults": {},
	"auto":     {bit: uNoauto, clears: true}, "noauto": {bit: uNoauto},
	"user": {bit: uUser, withValue: true}, "nouser": {bit: uUser, clears: true},
	"users": {bit: uUsers}, "nousers": {bit: uUsers, clears: true},
	"owner": {bit: uOwner}, "noowner": {bit: uOwner, clears: true},
	"group": {bit: uGroup}, "nogroup": {bit: uGroup, clears: true},
	"_netdev": {bit: uNetdev},
	"comment": {bit: uComment, withValue: true},
	"loop":    {bit: uLoop, withValue: true},
	"offset":  {bit: uOffset, withValue: true}, "sizelimit": {bit: uSizelimit, withValue: true},
	"encryption": {bit: uEncryption, withValue: true},
	"nofail":     {bit: uNofail},
	"uhelper":    {bit: uUhelper, withValue: true}, "helper": {bit: uHelper, withValue: true},
	"verity.hashdevice": {bit: uVerity, withValue: true}, "verity.roothash": {bit: uVerity, withValue: true},
	"verity.hashoffset": {bit: uVerity, withValue: true}, "verity.roothashfile": {bit: uVerity, withValue: true},
	"verity.fecdevice": {bit: uVerity, withValue: true}, "verity.fecoffset": {bit: uVerity, withValue: true},
	"verity.fecroots": {bit: uVerity, withValue: true}, "verity.roothashsig": {bit: uVerity, withValue: true},
	"verity.oncorruption": {bit: uVerity, withValue: true},
}

// Bit groups of the flags word.
const (
	msPropagation = linux.MS_SHARED | linux.MS_SLAVE | linux.MS_UNBINDABLE | linux.MS_PRIVATE
	// msBindAdjustable are the per-mount flags a bind mount cannot take in
	// its own mount(2) call: they need a "remount,bind" call after it.
	msBindAdjustable = linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC | linux.MS_NOATIME |
		linux.MS_NODIRATIME | linux.MS_RELATIME | linux.MS_RDONLY | linux.MS_NOSYMFOLLOW
)

// kernelWord finds a kernel flag word: its bits and whether it clears
// them.
func kernelWord(name string) (bits uint64, clears, ok bool) {
	for _, w := range kernelWords {
		switch name {
		case w.set:
			return w.bits, false, true
		case w.unset:
			if w.unset != "" {
				return w.bits, true, true
			}
		}
	}
	return 0, false, false
}

// userspaceWord finds a userspace word; "x-" and "X-" name whole families.
// "user[" and "loop[" are read as "user" and "loop", as libmount's table
// (which spells them "user[=]" and "loop[=]") matches them.
func userspaceWord(name string) (userWord, bool) {
	switch {
	case strings.HasPrefix(name, "x-"):
		return userWord{bit: uXComment, withValue: true}, true
	case strings.HasPrefix(name, "X-"):
		return userWord{bit: uXFstab, withValue: true}, true
	case name == "user[" || name == "loop[":
		name = name[:4]
	}
	w, ok := userWords[name]
	return w, ok
}

// classify tells which class an option item belongs to.
func classify(item string) optClass {
	name, _, hasValue := optName(item)
	if _, _, ok := kernelWord(name); ok {
		if hasValue {
			return optFilesystem
		}
		return optKernel
	}
	w, ok := userspaceWord(name)
	switch {
	case !ok:
		return optFilesystem
	case w.bit == 0:
		return optNothing
	case hasValue && !w.withValue:
		return optFilesystem
	}
	return optUserspace
}

// optGroups holds an option list sorted by class, each in its order.
type optGroups struct {
	kernel, fs, user []string
}

func groupOptions(items []string) optGroups {
	var g optGroups
	for _, it := range items {
		switch classify(it) {
		case optKernel:
			g.kernel = append(g.kernel, it)
		case optUserspace:
			g.user = append(g.user, it)
		case optFilesystem:
			g.fs = append(g.fs, it)
		}
	}
	return g
}

// all is the groups joined again: kernel, filesystem, userspace.
func (g optGroups) all() []string {
	out := make([]string, 0, len(g.kernel)+len(g.fs)+len(g.user))
	out = append(out, g.kernel...)
	out = append(out, g.fs...)
	return append(out, g.user...)
}

// kernelFlags is the flags word the items spell, later words winning. The
// userspace words "user" and "users" (without a value) imply noexec,
// nosuid and nodev; "owner" and "group" imply nosuid and nodev.
func kernelFlags(items []string) uint64 {
	var flags uint64
	for _, it := range items {
		name, _, hasValue := optName(it)
		switch classify(it) {
		case optKernel:
			bits, clears, _ := kernelWord(name)
			if clears {
				flags &^= bits
			} else {
				flags |= bits
			}
		case optUserspace:
			if w, _ := userspaceWord(name); !hasValue && !w.clears {
				flags |= impliedFlags(w.bit)
			}
		}
	}
	return flags
}

func impliedFlags(bit uint64) uint64 {
	switch bit {
	case uUser, uUsers:
		return linux.MS_NOEXEC | linux.MS_NOSUID | linux.MS_NODEV
	case uOwner, uGroup:
		return linux.MS_NOSUID | linux.MS_NODEV
	}
	return 0
}

// userFlags is the userspace bits the items spell, later words winning.
func userFlags(items []string) uint64 {
	var bits uint64
	for _, it := range items {
		if classify(it) != optUserspace {
			continue
		}
		name, _, _ := optName(it)
		w, _ := userspaceWord(name)
		if w.clears {
			bits &^= w.bit
		} else {
			bits |= w.bit
		}
	}
	return bits
}

// rebuildKernelOpts rewrites the kernel flag words of a list so that they
// spell flags: "ro" or "rw" first, then the items in order, minus the
// clearing words, the words whose bits are not (or no longer) wanted and
// repeats; then the words for wanted bits nobody spelled, in table order.
// Items that are no kernel flag word pass through.
func rebuildKernelOpts(items []string, flags uint64) []string {
	out := []string{"rw"}
	if flags&linux.MS_RDONLY != 0 {
		out[0] = "ro"
	}
	pending := flags &^ linux.MS_RDONLY
	for _, it := range items {
		if classify(it) != optKernel {
			out = append(out, it)
			continue
		}
		bits, clears, _ := kernelWord(it)
		if clears {
			continue
		}
		if pending&bits == bits {
			out = append(out, it)
		}
		// A recursive word leaves MS_REC wanted: it qualifies the others.
		pending = pending&^bits | bits&linux.MS_REC
	}
	for _, w := range kernelWords {
		if pending&w.bits == w.bits {
			out = append(out, w.set)
		}
	}
	return out
}

// splitPropagation takes the propagation words out of a rebuilt kernel
// list: the changes, in the list's order, each for a call of its own, and
// the flags left for the main call. MS_REC stays only if a recursive
// word other than a propagation one (rbind) remains.
func splitPropagation(kernelOpts []string, flags uint64) (changes []uint64, rest uint64) {
	rest = flags
	if flags&msPropagation == 0 {
		return nil, rest
	}
	recursive := false
	for _, it := range kernelOpts {
		bits, clears, ok := kernelWord(it)
		if !ok || clears {
			continue
		}
		if bits&msPropagation == 0 {
			recursive = recursive || bits&linux.MS_REC != 0
			continue
		}
		changes = append(changes, bits)
		rest &^= bits
	}
	if recursive {
		rest |= linux.MS_REC
	}
	return changes, rest
}

// missingID reports a filesystem option uid or gid without a value
// ("uid" or "uid="), which mnt_optstr_fix_uid and mnt_optstr_fix_gid
// refuse with EINVAL.
func missingID(items []string) bool {
	for _, it := range items {
		if name, val, _ := optName(it); (name == "uid" || name == "gid") && val == "" {
			return true
		}
	}
	return false
}

// smackErrno is the errno mount(8) reports for options fix_optstr
// refuses: none of its own, only what the last failed call left, which
// is its check for /sys/fs/smackfs (ENOENT without Smack); 0 if that
// exists, and the message then has no reason.
func smackErrno(t *vfs.Task) linux.Errno {
	if err := t.Access("/sys/fs/smackfs", 0); err != nil {
		if e, ok := err.(linux.Errno); ok {
			return e
		}
	}
	return 0
}

// resolveIDs turns uid=NAME and gid=NAME into numbers from the task's
// /etc/passwd and /etc/group, and uid=useruid, gid=usergid into the
// caller's IDs; names it cannot resolve stay for the kernel to refuse.
func resolveIDs(t *vfs.Task, items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		name, val, _ := optName(it)
		if (name == "uid" || name == "gid") && val != "" {
			it = name + "=" + resolveID(t, name, val)
		}
		out = append(out, it)
	}
	return out
}

func resolveID(t *vfs.Task, kind, val string) string {
	switch {
	case kind == "uid" && val == "useruid":
		return strconv.FormatUint(uint64(t.Getuid()), 10)
	case kind == "gid" && val == "usergid":
		return strconv.FormatUint(uint64(t.Getgid()), 10)
	case val[0] >= '0' && val[0] <= '9':
		return val
	}
	db := "/etc/passwd"
	if kind == "gid" {
		db = "/etc/group"
	}
	if id, ok := lookupID(t, db, val); ok {
		return id
	}
	return val
}

// lookupID finds a name's numeric ID in the user (file "/etc/passwd")
// or group database, as getpwnam and getgrnam read it through the task.
func lookupID(t *vfs.Task, file, name string) (string, bool) {
	if file == "/etc/group" {
		g, ok := applet.GroupByName(t, name)
		return strconv.FormatUint(uint64(g.GID), 10), ok
	}
	pw, ok := applet.UserByName(t, name)
	return strconv.FormatUint(uint64(pw.UID), 10), ok
}

// dropSecurityLabels removes the SELinux label options: without SELinux
// (there is none here) mount(8) does not pass them on.
func dropSecurityLabels(items []string) []string {
	out := items[:0:0]
	for _, it := range items {
		switch name, _, _ := optName(it); name {
		case "context", "fscontext", "defcontext", "rootcontext", "seclabel":
		default:
			out = append(out, it)
		}
	}
	return out
}

// optionValue is the value of the first item called name, and whether
// there is one.
func optionValue(items []string, name string) (string, bool) {
	for _, it := range items {
		if n, v, _ := optName(it); n == name {
			return v, true
		}
	}
	return "", false
}

// withoutOption drops every item called name, with or without a value.
func withoutOption(items []string, name string) []string {
	var out []string
	for _, it := range items {
		if n, _, _ := optName(it); n != name {
			out = append(out, it)
		}
	}
	return out
}
