// SPDX-License-Identifier: Apache-2.0

package sysfs

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A device's directory, /sys/devices/virtual/<class>/<name>: what
// device_add gives every device (uevent, dev, the subsystem link and the
// power/ group of dpm_sysfs_add), what add_disk adds for a disk (holders/
// and slaves/), and the device's own attributes.

// devFile is one attribute file of a device.
type devFile struct {
	rel   string // its path below the device's directory
	mode  uint32 // 0444, or 0644 for one that takes writes
	show  func(t *vfs.Task) (string, error)
	store func(k *vfs.Kernel, p []byte) error // nil: not writable
}

// powerFiles are dpm_sysfs_add's power/ group for a device without
// runtime power management: autosuspend_delay_ms fails to read with EIO.
var powerFiles = []devFile{
	{rel: "power/autosuspend_delay_ms", mode: 0o644, show: failEIO, store: func(*vfs.Kernel, []byte) error { return linux.EIO }},
	{rel: "power/control", mode: 0o644, show: text("auto\n"), store: storeControl},
	{rel: "power/runtime_active_time", mode: 0o444, show: text("0\n")},
	{rel: "power/runtime_status", mode: 0o444, show: text("unsupported\n")},
	{rel: "power/runtime_suspended_time", mode: 0o444, show: text("0\n")},
}

func text(s string) func(*vfs.Task) (string, error) {
	return func(*vfs.Task) (string, error) { return s, nil }
}

func failEIO(*vfs.Task) (string, error) { return "", linux.EIO }

// storeControl is control_store: "on" or "auto", with or without the
// newline echo adds.
func storeControl(_ *vfs.Kernel, p []byte) error {
	switch strings.TrimSuffix(string(p), "\n") {
	case "on", "auto":
		return nil
	}
	return linux.EINVAL
}

// devFiles are the attribute files d has at the moment.
func devFiles(d *vfs.Device) []devFile {
	files := []devFile{{rel: "uevent", mode: 0o644,
		show:  func(*vfs.Task) (string, error) { return uevent(d), nil },
		store: func(k *vfs.Kernel, p []byte) error { return storeUevent(k, d, p) }}}
	if linux.Major(d.Dev) != 0 {
		files = append(files, devFile{rel: "dev", mode: 0o444, show: text(devNumber(d) + "\n")})
	}
	files = append(files, powerFiles...)
	for _, a := range d.Attrs {
		if a.Visible != nil && !a.Visible() {
			continue
		}
		show := a.Show
		files = append(files, devFile{rel: a.Name, mode: 0o444, show: func(t *vfs.Task) (string, error) { return show(t), nil }})
	}
	return files
}

// emptyDirs are the directories of d that hold nothing: a disk's holders/
// and slaves/ (no device stacks on another here), a partition's holders/.
func emptyDirs(d *vfs.Device) []string {
	if d.Block && d.Parent != nil {
		return []string{"holders"}
	}
	if d.Block {
		return []string{"holders", "slaves"}
	}
	return nil
}

// findDevFile is d's attribute file at rel.
func findDevFile(d *vfs.Device, rel string) (devFile, bool) {
	for _, f := range devFiles(d) {
		if f.rel == rel {
			return f, true
		}
	}
	return devFile{}, false
}

// devDirExists is whether d has a directory at rel: one of its empty
// ones, or one that some attribute is in.
func devDirExists(d *vfs.Device, rel string) bool {
	for _, e := range emptyDirs(d) {
		if e == rel {
			return true
		}
	}
	for _, f := range devFiles(d) {
		if strings.HasPrefix(f.rel, rel+"/") {
			return true
		}
	}
	return false
}

// devChildren lists d's directory at rel: the files and directories one
// level below it, and in the device's own directory the subsystem link
// to its class.
func devChildren(d *vfs.Device, rel string) []entry {
	prefix := ""
	if rel != "" {
		prefix = rel + "/"
	}
	var out []entry
	seen := map[string]bool{}
	add := func(name string, n node) {
		if !seen[name] {
			seen[name] = true
			out = append(out, entry{name, n})
		}
	}
	below := func(p string, file func(name string)) {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok || rest == "" {
			return
		}
		if dir, _, deeper := strings.Cut(rest, "/"); deeper {
			add(dir, node{kind: kindDevDir, dev: d, rel: prefix + dir})
		} else {
			file(rest)
		}
	}
	for _, f := range devFiles(d) {
		below(f.rel, func(name string) { add(name, node{kind: kindDevFile, dev: d, rel: f.rel, mode: f.mode}) })
	}
	for _, e := range emptyDirs(d) {
		below(e+"/", func(string) {})
	}
	if rel == "" {
		add("subsystem", node{kind: kindLink, dev: d, rel: "subsystem", target: upToRoot(d) + "class/" + d.Class})
	}
	return out
}

// uevent is what reading a device's uevent file shows (dev_uevent and the
// class's uevent): its number, its node's name, and the mode and owner
// the node asks for when they are not devtmpfs's defaults; a disk adds
// its type and its diskseq.
func uevent(d *vfs.Device) string {
	var b strings.Builder
	if linux.Major(d.Dev) != 0 {
		fmt.Fprintf(&b, "MAJOR=%d\nMINOR=%d\nDEVNAME=%s\n", linux.Major(d.Dev), linux.Minor(d.Dev), d.Name)
		if perm := d.Mode & 0o777; perm != 0 {
			fmt.Fprintf(&b, "DEVMODE=%#o\n", perm)
		}
		if d.UID != 0 {
			fmt.Fprintf(&b, "DEVUID=%d\n", d.UID)
		}
		if d.GID != 0 {
			fmt.Fprintf(&b, "DEVGID=%d\n", d.GID)
		}
	}
	if d.Block && d.Parent != nil {
		// part_uevent: the partition's number and its table's name for it.
		fmt.Fprintf(&b, "DEVTYPE=partition\nPARTN=%d\n", d.PartNo)
		if d.PartName != "" {
			fmt.Fprintf(&b, "PARTNAME=%s\n", d.PartName)
		}
		return b.String()
	}
	if d.Block {
		b.WriteString("DEVTYPE=disk\n")
		// block_uevent: the disk's sequence number, which its diskseq
		// attribute also shows.
		for _, a := range d.Attrs {
			if a.Name == "diskseq" {
				fmt.Fprintf(&b, "DISKSEQ=%s", a.Show(nil))
			}
		}
	}
	return b.String()
}

// ueventActions are the words a write to uevent may start with
// (kobject_action_type).
var ueventActions = []string{"add", "remove", "change", "move", "online", "offline", "bind", "unbind"}

// storeUevent is uevent_store: an action asks for a synthetic event, which
// nobody listens to here; anything else is EINVAL, logged as
// kobject_synth_uevent and dev_err log it.
func storeUevent(k *vfs.Kernel, d *vfs.Device, p []byte) error {
	word, _, _ := strings.Cut(strings.TrimRight(string(p), "\n"), " ")
	for _, a := range ueventActions {
		if word == a {
			return nil
		}
	}
	k.Printk("synth uevent: /" + devicePath(d) + ": unknown uevent action string")
	k.Printk(d.Class + " " + kname(d) + ": uevent: failed to send synthetic uevent: -22")
	return linux.EINVAL
}
