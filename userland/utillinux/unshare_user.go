// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// unshare's user namespace options (util-linux 2.38): the maps it writes
// itself after unshare(2), and the ranges it leaves to newuidmap and
// newgidmap.

// userMapOptions declares the mapping options in the table's order.
func (r *unshareRequest) userMapOptions(c *cmd, fs *applet.FlagSet) {
	user := func() { r.nsFlags |= linux.CLONE_NEWUSER }
	fs.ArgFunc("map-user", "", "", func(v string) error {
		user()
		id, err := unshareID(c.Task, "/etc/passwd", v, "uid")
		r.mapUser = &id
		return err
	})
	fs.ArgFunc("map-users", "", "", func(v string) error {
		user()
		r.userMap = v
		return checkMapRange(v)
	})
	fs.ArgFunc("map-group", "", "", func(v string) error {
		user()
		id, err := unshareID(c.Task, "/etc/group", v, "gid")
		r.mapGroup = &id
		return err
	})
	fs.ArgFunc("map-groups", "", "", func(v string) error {
		user()
		r.groupMap = v
		return checkMapRange(v)
	})
	fs.Func("map-root-user", "r", "", func() {
		user()
		zero, zeroG := uint32(0), uint32(0)
		r.mapUser, r.mapGroup = &zero, &zeroG
	})
	fs.Func("map-current-user", "c", "", func() {
		user()
		_, euid, _ := c.Task.Getresuid()
		_, egid, _ := c.Task.Getresgid()
		r.mapUser, r.mapGroup = &euid, &egid
	})
	fs.Func("map-auto", "", "", func() {
		user()
		r.userMap, r.groupMap = "auto", "auto"
	})
}

// unshareID is get_user/get_group: a name in the database or a number.
func unshareID(t *vfs.Task, db, v, what string) (uint32, error) {
	if id, ok := lookupID(t, db, v); ok {
		n, _ := strconv.ParseUint(id, 10, 32)
		return uint32(n), nil
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("failed to parse %s: '%s'", what, v)
	}
	return uint32(n), nil
}

// checkMapRange is get_map_range's reading of "outer,inner,count"
// (util-linux's string_to_idarray): numbers between commas, where the
// last one runs to the end, a trailing comma included; an empty element,
// a fourth one, an empty string or the id -1 count as too many.
func checkMapRange(v string) error {
	if v == "auto" {
		return nil
	}
	tooMany := fmt.Errorf("too many elements for mapping '%s'", v)
	parts := strings.Split(v, ",")
	if n := len(parts); n > 1 && parts[n-1] == "" {
		parts = parts[:n-1]
		parts[n-2] += ","
	}
	for i, p := range parts {
		if i == 3 || p == "" {
			return tooMany
		}
		id, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return fmt.Errorf("could not parse ID: '%s'", p)
		}
		if id == 1<<32-1 {
			return tooMany
		}
	}
	if len(parts) != 3 {
		return fmt.Errorf("mapping '%s' contains only %d elements", v, len(parts))
	}
	return nil
}

// idMapper is the helper util-linux runs for a range map (newuidmap or
// newgidmap from shadow's uidmap package), which must exist in the
// virtual system; none does unless an image brings one, and then it
// cannot run (it is a set-user-ID ELF program), so a range map fails as
// on a system without the package.
func (r *unshareRequest) idMapper(c *cmd, t *vfs.Task) (int, bool) {
	for _, m := range []struct{ want, prog string }{{r.userMap, "newuidmap"}, {r.groupMap, "newgidmap"}} {
		if m.want == "" {
			continue
		}
		_, err := c.Set.FindCommand(t, m.prog)
		if err == nil {
			err = linux.ENOEXEC
		}
		c.warnf("failed to execute %s: %s", m.prog, applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127, false
		}
		return 126, false
	}
	return 0, true
}

// writeMaps writes what -r, -c, --map-user and --map-group ask for, as
// unshare does after unshare(2): "INNER OUTER 1" into uid_map, then
// setgroups denied and the gid map, then any --setgroups word.
func (r *unshareRequest) writeMaps(c *cmd, t *vfs.Task, euid, egid uint32) bool {
	if r.mapUser != nil && r.userMap == "" {
		if !writeProcFile(c, t, "/proc/self/uid_map", fmt.Sprintf("%d %d 1", *r.mapUser, euid)) {
			return false
		}
	}
	if r.mapGroup != nil && r.groupMap == "" {
		if r.setgroups == "allow" {
			c.warnf("options --setgroups=allow and --map-group are mutually exclusive")
			return false
		}
		if !writeProcFile(c, t, "/proc/self/setgroups", "deny") ||
			!writeProcFile(c, t, "/proc/self/gid_map", fmt.Sprintf("%d %d 1", *r.mapGroup, egid)) {
			return false
		}
	}
	if r.setgroups != "" {
		return writeProcFile(c, t, "/proc/self/setgroups", r.setgroups)
	}
	return true
}

// writeProcFile opens name write-only and writes s, with unshare's
// messages for each failure (a missing setgroups file is skipped, as on
// kernels before 3.19).
func writeProcFile(c *cmd, t *vfs.Task, name, s string) bool {
	fd, err := t.Open(name, linux.O_WRONLY, 0)
	if err != nil {
		if strings.HasSuffix(name, "/setgroups") && errors.Is(err, linux.ENOENT) {
			return true
		}
		c.warnf("cannot open %s: %s", name, applet.ErrText(err))
		return false
	}
	defer t.Close(fd)
	if _, err := t.Write(fd, []byte(s)); err != nil {
		c.warnf("write failed %s: %s", name, applet.ErrText(err))
		return false
	}
	return true
}

// setIDs is -G and -S: setgroups(0, NULL) and setgid(2), then setuid(2).
func (r *unshareRequest) setIDs(c *cmd, t *vfs.Task) bool {
	if r.gid != nil {
		if err := t.Setgroups(nil); err != nil {
			c.warnf("setgroups failed: %s", applet.ErrText(err))
			return false
		}
		if err := t.Setgid(*r.gid); err != nil {
			c.warnf("setgid failed: %s", applet.ErrText(err))
			return false
		}
	}
	if r.uid != nil {
		if err := t.Setuid(*r.uid); err != nil {
			c.warnf("setuid failed: %s", applet.ErrText(err))
			return false
		}
	}
	return true
}
