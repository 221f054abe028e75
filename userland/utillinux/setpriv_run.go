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

// capName is libcap-ng's name of a capability: the kernel's, lower case,
// without "CAP_".
func capName(c linux.Capability) string {
	return strings.ToLower(strings.TrimPrefix(c.String(), "CAP_"))
}

// capState is the copy of the task's capability sets libcap-ng keeps:
// read from the task on first use, changed in memory, then applied.
type capState struct {
	t                    *vfs.Task
	loaded               bool
	eff, perm, inh, bset linux.CapSet
}

// load is capng_get_caps_process: capget and the bounding set.
func (s *capState) load() {
	s.eff, s.perm, s.inh, _ = s.t.Capget(0)
	s.bset = 0
	for c := linux.Capability(0); c <= linux.CAP_LAST_CAP; c++ {
		if r, _ := s.t.Prctl(linux.PR_CAPBSET_READ, uint64(c), 0, 0, 0); r == 1 {
			s.bset = s.bset.Add(c)
		}
	}
	s.loaded = true
}

func (s *capState) ensure() {
	if !s.loaded {
		s.load()
	}
}

// applyCaps is capng_apply(CAPNG_SELECT_CAPS): capset of the three sets.
func (s *capState) applyCaps() error {
	s.ensure()
	return s.t.Capset(0, s.eff, s.perm, s.inh)
}

// applyBounds is capng_apply(CAPNG_SELECT_BOUNDS) as the libcap-ng
// 0.8.3 that util-linux 2.38 is built with on the reference system
// behaves: with CAP_SETPCAP effective in the task, drop every capability
// the copy's bounding set lacks, stopping at the first failure; without
// it, nothing. Neither case is reported as a failure (the library keeps
// the error to itself), so setpriv goes on.
func (s *capState) applyBounds() {
	s.ensure()
	saved := *s
	s.load()
	can := s.eff.Has(linux.CAP_SETPCAP)
	*s = saved
	if !can {
		return
	}
	for c := linux.Capability(0); c <= linux.CAP_LAST_CAP; c++ {
		if !s.bset.Has(c) {
			if _, err := s.t.Prctl(linux.PR_CAPBSET_DROP, uint64(c), 0, 0, 0); err != nil {
				return
			}
		}
	}
}

// capKind selects the set do_caps changes.
type capKind int

const (
	capInheritable capKind = iota
	capBounding
	capAmbient
)

// update is cap_update: the copy for inheritable and bounding, a prctl
// for ambient (whose failure setpriv ignores).
func (s *capState) update(kind capKind, add bool, c linux.Capability) {
	s.ensure()
	set := &s.inh
	switch kind {
	case capBounding:
		set = &s.bset
	case capAmbient:
		op := uint64(linux.PR_CAP_AMBIENT_LOWER)
		if add {
			op = linux.PR_CAP_AMBIENT_RAISE
		}
		s.t.Prctl(linux.PR_CAP_AMBIENT, op, uint64(c), 0, 0)
		return
	}
	if add {
		*set = set.Add(c)
	} else {
		*set = set.Remove(c)
	}
}

// doCaps is do_caps: "+NAME" or "-NAME" items, NAME a capability name
// in any case, "cap_N" (sscanf's %d: trailing characters ignored) or
// "all".
func (s *capState) doCaps(kind capKind, list string) error {
	for _, item := range strings.Split(list, ",") {
		if item == "" || item[0] != '+' && item[0] != '-' {
			return errors.New("bad capability string")
		}
		add, name := item[0] == '+', item[1:]
		if name == "all" {
			for c := linux.Capability(0); c <= linux.CAP_LAST_CAP; c++ {
				s.update(kind, add, c)
			}
			continue
		}
		c, ok := capByName(name)
		if !ok {
			return fmt.Errorf("unknown capability \"%s\"", name)
		}
		s.update(kind, add, c)
	}
	return nil
}

// capByName is capng_name_to_capability, then sscanf("cap_%d").
func capByName(name string) (linux.Capability, bool) {
	for c := linux.Capability(0); c <= linux.CAP_LAST_CAP; c++ {
		if strings.EqualFold(capName(c), name) {
			return c, true
		}
	}
	rest, ok := strings.CutPrefix(name, "cap_")
	if !ok {
		return 0, false
	}
	rest = strings.TrimLeft(rest, " \t\n\v\f\r")
	end := 0
	if end < len(rest) && (rest[end] == '+' || rest[end] == '-') {
		end++
	}
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil || n < 0 || n > int(linux.CAP_LAST_CAP) {
		return 0, false
	}
	return linux.Capability(n), true
}

// setpriv applies the request in setpriv's order and runs the program.
func (c *cmd) setpriv(t *vfs.Task, r *setprivRequest, args []string) int {
	env := c.Env
	if r.resetEnv {
		env = setprivEnv(t, r, env)
	}
	if r.nnp {
		if _, err := t.Prctl(linux.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
			c.warnf("disallow granting new privileges failed: %s", applet.ErrText(err))
			return 1
		}
	}
	if r.selinuxLabel != nil && t.Access("/sys/fs/selinux", 0) != nil {
		c.warnf("SELinux is not running")
		return setprivPrivErr
	}
	if r.apparmorProfile != nil && t.Access("/sys/kernel/security/apparmor", 0) != nil {
		c.warnf("AppArmor is not running")
		return setprivPrivErr
	}
	if _, err := t.Prctl(linux.PR_SET_KEEPCAPS, 1, 0, 0, 0); err != nil {
		c.warnf("keep process capabilities failed: %s", applet.ErrText(err))
		return 1
	}
	caps := &capState{t: t}
	if status := c.setprivIDs(t, r, caps); status != 0 {
		return status
	}
	if status := c.setprivCaps(t, r, caps); status != 0 {
		return status
	}
	name, err := c.FindProgram(t, args[0], env)
	if err != nil {
		c.warnf("failed to execute %s: %s", args[0], applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	return c.RunProgram(t, name, args, env, c.Stdin)
}

// privErr reports a failed call and returns setpriv's status for it.
func (c *cmd) privErr(what string, err error) int {
	c.warnf("%s: %s", what, applet.ErrText(err))
	return setprivPrivErr
}

// setprivIDs raises CAP_SETPCAP, CAP_SETUID and CAP_SETGID where
// permitted, then changes uids (keeping the capabilities through
// keep-caps and putting the effective ones back), gids and groups.
func (c *cmd) setprivIDs(t *vfs.Task, r *setprivRequest, caps *capState) int {
	caps.ensure()
	for _, cp := range []linux.Capability{linux.CAP_SETPCAP, linux.CAP_SETUID, linux.CAP_SETGID} {
		if caps.perm.Has(cp) {
			caps.eff = caps.eff.Add(cp)
		}
	}
	if err := caps.applyCaps(); err != nil {
		return c.privErr("activate capabilities", err)
	}
	if r.ruid != nil || r.euid != nil {
		ruid, euid, _ := t.Getresuid()
		if r.ruid != nil {
			ruid = *r.ruid
		}
		if r.euid != nil {
			euid = *r.euid
		}
		if err := t.Setresuid(ruid, euid, euid); err != nil {
			return c.privErr("setresuid failed", err)
		}
		if err := caps.applyCaps(); err != nil {
			return c.privErr("reactivate capabilities", err)
		}
	}
	if r.rgid != nil || r.egid != nil {
		rgid, egid, _ := t.Getresgid()
		if r.rgid != nil {
			rgid = *r.rgid
		}
		if r.egid != nil {
			egid = *r.egid
		}
		if err := t.Setresgid(rgid, egid, egid); err != nil {
			return c.privErr("setresgid failed", err)
		}
	}
	switch {
	case r.haveGroups:
		if err := t.Setgroups(r.groups); err != nil {
			return c.privErr("setgroups failed", err)
		}
	case r.initGroups:
		if err := t.Setgroups(applet.GroupList(t, r.passwd.Name, r.passwd.GID)); err != nil {
			return c.privErr("initgroups failed", err)
		}
	case r.clearGroups:
		if err := t.Setgroups(nil); err != nil {
			return c.privErr("setgroups failed", err)
		}
	}
	return 0
}

// setprivCaps sets the securebits, the bounding, inheritable and
// ambient sets, and the parent-death signal.
func (c *cmd) setprivCaps(t *vfs.Task, r *setprivRequest, caps *capState) int {
	if r.securebits != nil {
		if _, err := t.Prctl(linux.PR_SET_SECUREBITS, *r.securebits, 0, 0, 0); err != nil {
			return c.privErr("set process securebits failed", err)
		}
	}
	if r.boundingSet != nil {
		if err := caps.doCaps(capBounding, *r.boundingSet); err != nil {
			c.warnf("%s", err)
			return 1
		}
		caps.applyBounds()
	}
	if r.inhCaps != nil {
		if err := caps.doCaps(capInheritable, *r.inhCaps); err != nil {
			c.warnf("%s", err)
			return 1
		}
		if err := caps.applyCaps(); err != nil {
			return c.privErr("apply capabilities", err)
		}
	}
	if r.ambientCaps != nil {
		if err := caps.doCaps(capAmbient, *r.ambientCaps); err != nil {
			c.warnf("%s", err)
			return 1
		}
	}
	if r.pdeathsig != 0 {
		sig := max(r.pdeathsig, 0)
		if _, err := t.Prctl(linux.PR_SET_PDEATHSIG, uint64(sig), 0, 0, 0); err != nil {
			return c.privErr("set parent death signal failed", err)
		}
	}
	return 0
}

// setprivEnv is do_reset_environ: only TERM is kept; SHELL, HOME, USER,
// LOGNAME and PATH come from the user --ruid or --reuid named, or else
// the caller's.
func setprivEnv(t *vfs.Task, r *setprivRequest, env applet.EnvList) applet.EnvList {
	pw := r.passwd
	if pw == nil {
		if p, ok := applet.UserByID(t, t.Getuid()); ok {
			pw = &p
		} else {
			pw = &applet.Passwd{}
		}
	}
	var out applet.EnvList
	if term, ok := env.Value("TERM"); ok {
		out = append(out, "TERM="+term)
	}
	shell := pw.Shell
	if shell == "" {
		shell = "/bin/sh"
	}
	path := "/usr/local/bin:/bin:/usr/bin"
	if pw.UID == 0 {
		path = "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"
	}
	return append(out, "SHELL="+shell, "HOME="+pw.Dir, "USER="+pw.Name, "LOGNAME="+pw.Name, "PATH="+path)
}

// setprivDump is -d: the task's ids, groups, no_new_privs, capability
// sets (effective and permitted from -dd on, saved ids from -ddd on),
// securebits and parent-death signal, as setpriv prints them.
func setprivDump(c *cmd, t *vfs.Task, level int) {
	out := c.Out
	ru, eu, su := t.Getresuid()
	rg, eg, sg := t.Getresgid()
	fmt.Fprintf(out, "uid: %d\neuid: %d\n", ru, eu)
	if level >= 3 {
		fmt.Fprintf(out, "suid: %d\n", su)
	}
	fmt.Fprintf(out, "gid: %d\negid: %d\n", rg, eg)
	if level >= 3 {
		fmt.Fprintf(out, "sgid: %d\n", sg)
	}
	groups := t.Getgroups()
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = strconv.FormatUint(uint64(g), 10)
	}
	fmt.Fprintf(out, "Supplementary groups: %s\n", orNone(strings.Join(ids, ",")))
	nnp, _ := t.Prctl(linux.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	fmt.Fprintf(out, "no_new_privs: %d\n", nnp)
	caps := &capState{t: t}
	caps.load()
	if level >= 2 {
		fmt.Fprintf(out, "Effective capabilities: %s\n", orNone(capList(caps.eff)))
		fmt.Fprintf(out, "Permitted capabilities: %s\n", orNone(capList(caps.perm)))
	}
	fmt.Fprintf(out, "Inheritable capabilities: %s\n", orNone(capList(caps.inh)))
	var ambient linux.CapSet
	for cp := linux.Capability(0); cp <= linux.CAP_LAST_CAP; cp++ {
		if r, _ := t.Prctl(linux.PR_CAP_AMBIENT, linux.PR_CAP_AMBIENT_IS_SET, uint64(cp), 0, 0); r == 1 {
			ambient = ambient.Add(cp)
		}
	}
	fmt.Fprintf(out, "Ambient capabilities: %s\n", orNone(capList(ambient)))
	fmt.Fprintf(out, "Capability bounding set: %s\n", orNone(capList(caps.bset)))
	bits, _ := t.Prctl(linux.PR_GET_SECUREBITS, 0, 0, 0, 0)
	fmt.Fprintf(out, "Securebits: %s\n", securebitsText(uint32(bits)))
	sig, _ := t.Prctl(linux.PR_GET_PDEATHSIG, 0, 0, 0, 0)
	fmt.Fprintf(out, "Parent death signal: %s\n", pdeathText(sig))
}

func orNone(s string) string {
	if s == "" {
		return "[none]"
	}
	return s
}

// capList names the capabilities of s, comma-separated.
func capList(s linux.CapSet) string {
	var names []string
	for c := linux.Capability(0); c <= linux.CAP_LAST_CAP; c++ {
		if s.Has(c) {
			names = append(names, capName(c))
		}
	}
	return strings.Join(names, ",")
}

// securebitsText is dump_securebits' list: the named bits, keep_caps
// left out, anything else in hex.
func securebitsText(bits uint32) string {
	var parts []string
	for _, b := range []struct {
		bit  uint32
		name string
	}{{linux.SECBIT_NOROOT, "noroot"}, {linux.SECBIT_NOROOT_LOCKED, "noroot_locked"},
		{linux.SECBIT_NO_SETUID_FIXUP, "no_setuid_fixup"}, {linux.SECBIT_NO_SETUID_FIXUP_LOCKED, "no_setuid_fixup_locked"},
		{linux.SECBIT_KEEP_CAPS, ""}, {linux.SECBIT_KEEP_CAPS_LOCKED, "keep_caps_locked"}} {
		if bits&b.bit != 0 && b.name != "" {
			parts = append(parts, b.name)
		}
		bits &^= b.bit
	}
	if bits != 0 {
		parts = append(parts, fmt.Sprintf("0x%x", bits))
	}
	return orNone(strings.Join(parts, ","))
}

func pdeathText(sig int) string {
	switch name := signalName(sig); {
	case sig == 0:
		return "[none]"
	case name != "":
		return name
	}
	return strconv.Itoa(sig)
}
