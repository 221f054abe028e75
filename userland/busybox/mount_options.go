// SPDX-License-Identifier: Apache-2.0

package busybox

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Mount options as busybox's mount reads them: a word it knows sets or
// clears mount(2) flags, or marks the entry (noauto, swap, nofail ...);
// every other word goes to the filesystem as data.

// flagWord is what one known option word does to the flags.
type flagWord struct {
	set, clear uint64
}

// propagation and move flags are of an operation, not of a mount.
const opFlags = linux.MS_SHARED | linux.MS_PRIVATE | linux.MS_SLAVE | linux.MS_UNBINDABLE

var flagWords = map[string]flagWord{
	"nosuid": {set: linux.MS_NOSUID}, "suid": {clear: linux.MS_NOSUID},
	"nodev": {set: linux.MS_NODEV}, "dev": {clear: linux.MS_NODEV},
	"noexec": {set: linux.MS_NOEXEC}, "exec": {clear: linux.MS_NOEXEC},
	"sync": {set: linux.MS_SYNCHRONOUS}, "async": {clear: linux.MS_SYNCHRONOUS},
	"dirsync": {set: linux.MS_DIRSYNC},
	"noatime": {set: linux.MS_NOATIME}, "atime": {clear: linux.MS_NOATIME},
	"nodiratime": {set: linux.MS_NODIRATIME}, "diratime": {clear: linux.MS_NODIRATIME},
	"relatime": {set: linux.MS_RELATIME}, "norelatime": {clear: linux.MS_RELATIME},
	"strictatime": {set: linux.MS_STRICTATIME}, "nostrictatime": {clear: linux.MS_STRICTATIME},
	"lazytime": {set: linux.MS_LAZYTIME}, "nolazytime": {clear: linux.MS_LAZYTIME},
	"nosymfollow": {set: linux.MS_NOSYMFOLLOW},
	"mand":        {set: linux.MS_MANDLOCK}, "nomand": {clear: linux.MS_MANDLOCK},
	"loud":  {clear: linux.MS_SILENT},
	"rbind": {set: linux.MS_BIND | linux.MS_REC}, "bind": {set: linux.MS_BIND},
	"move":        {set: linux.MS_MOVE},
	"make-shared": {set: linux.MS_SHARED}, "make-rshared": {set: linux.MS_SHARED | linux.MS_REC},
	"make-slave": {set: linux.MS_SLAVE}, "make-rslave": {set: linux.MS_SLAVE | linux.MS_REC},
	"make-private": {set: linux.MS_PRIVATE}, "make-rprivate": {set: linux.MS_PRIVATE | linux.MS_REC},
	"make-unbindable": {set: linux.MS_UNBINDABLE}, "make-runbindable": {set: linux.MS_UNBINDABLE | linux.MS_REC},
	"ro": {set: linux.MS_RDONLY}, "rw": {clear: linux.MS_RDONLY},
	"remount": {set: linux.MS_REMOUNT},
}

// mountOpts is an option list read: the flags for mount(2), the data,
// and the marks busybox keeps for itself.
type mountOpts struct {
	flags  uint64
	data   []string
	noauto bool
	swap   bool
	nofail bool
	user   bool
	rw     bool // "rw" was asked for: no read-only retry, as with -w
}

// parseOpts reads a comma-separated option list; words match without
// regard to case. Every mount is MS_SILENT unless "loud" says otherwise.
func parseOpts(list string) mountOpts {
	o := mountOpts{flags: linux.MS_SILENT}
	for _, w := range strings.Split(list, ",") {
		lw := strings.ToLower(w)
		if fw, ok := flagWords[lw]; ok {
			o.flags = o.flags&^fw.clear | fw.set
			o.rw = o.rw || lw == "rw"
			continue
		}
		switch {
		case lw == "loop" || lw == "defaults" || lw == "_netdev" || strings.HasPrefix(lw, "comment="):
		case lw == "noauto":
			o.noauto = true
		case lw == "sw" || lw == "swap":
			o.swap = true
		case lw == "user" || lw == "users":
			o.user = true
		case lw == "nofail":
			o.nofail = true
		case w != "":
			o.data = append(o.data, w)
		}
	}
	return o
}

// appendOpts adds the words of more to list, leaving out those already
// in it, as busybox merges -o, --OPTION and fstab's options.
func appendOpts(list, more string) string {
	have := map[string]bool{}
	var words []string
	if list != "" {
		words = strings.Split(list, ",")
		for _, w := range words {
			have[w] = true
		}
	}
	if len(words) == 0 {
		return more
	}
	for _, w := range strings.Split(more, ",") {
		if w != "" && !have[w] {
			words = append(words, w)
			have[w] = true
		}
	}
	return strings.Join(words, ",")
}

// cutNumber removes NAME=NUM from the data words and returns NUM (0 when
// absent), as the loop options offset= and sizelimit= are taken out.
func (o *mountOpts) cutNumber(name string) (uint64, bool) {
	var n uint64
	for i, w := range o.data {
		v, ok := strings.CutPrefix(w, name+"=")
		if !ok {
			continue
		}
		for _, d := range v {
			if d < '0' || d > '9' {
				return 0, false
			}
			n = n*10 + uint64(d-'0')
		}
		o.data = append(o.data[:i:i], o.data[i+1:]...)
		return n, true
	}
	return 0, true
}
