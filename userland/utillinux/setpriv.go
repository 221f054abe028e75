// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// setpriv(1) from util-linux 2.38: run a program with other uids, gids,
// groups, capabilities, securebits and no_new_privs, or show them (-d).

// setprivPrivErr is the status for a failure to change privileges.
const setprivPrivErr = 127

// setprivRequest is what setpriv's options ask for.
type setprivRequest struct {
	dump, total                         int
	listCaps, nnp, resetEnv             bool
	ruid, euid, rgid, egid              *uint32
	passwd                              *applet.Passwd
	groups                              []uint32
	haveGroups, keepGroups, clearGroups bool
	initGroups                          bool
	securebits                          *uint64
	inhCaps, ambientCaps, boundingSet   *string
	pdeathsig                           int // <0 clear, 0 leave, >0 set
	selinuxLabel, apparmorProfile       *string
	status                              int // a status other than 1 for a parse failure
}

// setprivApplet is the entry point. It changes its own process (the
// task the shell forked for it) and execs the program there, so that
// what it set (the parent-death signal, say) reaches the program.
func setprivApplet(c *cmd) int {
	t := c.Task
	r := &setprivRequest{}
	args, ok := c.Parse(setprivOptions(c, t, r))
	if !ok {
		if r.status != 0 {
			return r.status
		}
		return 1
	}
	if r.dump > 0 {
		if r.total != r.dump || len(args) > 0 {
			c.warnf("--dump is incompatible with all other options")
			return 1
		}
		setprivDump(c, t, r.dump)
		return 0
	}
	if r.listCaps {
		if r.total != 1 || len(args) > 0 {
			c.warnf("--list-caps must be specified alone")
			return 1
		}
		for cp := linux.Capability(0); cp <= linux.CAP_LAST_CAP; cp++ {
			fmt.Fprintln(c.Out, capName(cp))
		}
		return 0
	}
	if len(args) == 0 {
		c.warnf("No program specified")
		return 1
	}
	if msg := r.check(); msg != "" {
		c.warnf("%s", msg)
		return 1
	}
	return c.setpriv(t, r, args)
}

// setprivOptions declares the options in util-linux's table order; the
// arguments are parsed where they appear, as setpriv does.
func setprivOptions(c *cmd, t *vfs.Task, r *setprivRequest) *applet.FlagSet {
	fs := c.FlagSet()
	fs.Help = helpTexts["setpriv"]
	fs.ShortHelp = true
	fs.InOrder = true
	count := func(f func(string) error) func(string) error {
		return func(v string) error { r.total++; return f(v) }
	}
	flag := func(long, short string, f func() error) {
		fs.Action(long, short, "", func() error { r.total++; return f() })
	}
	arg := func(long string, f func(string) error) { fs.ArgFunc(long, "", "", count(f)) }
	once := func(p **string, what string) func(string) error {
		return func(v string) error {
			if *p != nil {
				return fmt.Errorf("duplicate %s option", what)
			}
			*p = &v
			return nil
		}
	}
	flag("dump", "d", func() error { r.dump++; return nil })
	nnp := func() error {
		if r.nnp {
			return errors.New("duplicate --no-new-privs option")
		}
		r.nnp = true
		return nil
	}
	flag("nnp", "", nnp)
	flag("no-new-privs", "", nnp)
	arg("inh-caps", once(&r.inhCaps, "--inh-caps"))
	arg("ambient-caps", once(&r.ambientCaps, "--ambient-caps"))
	flag("list-caps", "", func() error { r.listCaps = true; return nil })
	r.idOptions(t, arg)
	r.groupOptions(t, flag, arg)
	arg("bounding-set", once(&r.boundingSet, "--bounding-set"))
	arg("securebits", func(v string) error { return r.parseSecurebits(t, v) })
	arg("pdeathsig", func(v string) error { return r.parsePdeathsig(t, v) })
	arg("selinux-label", once(&r.selinuxLabel, "--selinux-label"))
	arg("apparmor-profile", once(&r.apparmorProfile, "--apparmor-profile"))
	fs.PlaceHelp()
	flag("reset-env", "", func() error { r.resetEnv = true; return nil })
	fs.PlaceVersion()
	fs.Exclusive("clear-groups", "keep-groups", "init-groups", "groups")
	return fs
}

// idOptions declares --ruid, --euid, --rgid, --egid, --reuid, --regid:
// a name in the user or group database, or a number (strtol's).
func (r *setprivRequest) idOptions(t *vfs.Task, arg func(string, func(string) error)) {
	user := func(v, what string, withPasswd bool) (uint32, error) {
		if p, ok := applet.UserByName(t, v); ok {
			if withPasswd {
				r.passwd = &p
			}
			return p.UID, nil
		}
		n, err := numberOrErr(v, "failed to parse "+what, false)
		if err == nil && withPasswd {
			if p, ok := applet.UserByID(t, uint32(n)); ok {
				r.passwd = &p
			}
		}
		return uint32(n), err
	}
	set := func(p **uint32, v uint32) { *p = &v }
	arg("ruid", func(v string) error {
		if r.ruid != nil {
			return errors.New("duplicate ruid")
		}
		id, err := user(v, "ruid", true)
		set(&r.ruid, id)
		return err
	})
	arg("euid", func(v string) error {
		if r.euid != nil {
			return errors.New("duplicate euid")
		}
		id, err := user(v, "euid", false)
		set(&r.euid, id)
		return err
	})
	arg("rgid", func(v string) error {
		if r.rgid != nil {
			return errors.New("duplicate rgid")
		}
		id, err := setprivGroup(t, v, "failed to parse rgid")
		set(&r.rgid, id)
		return err
	})
	arg("egid", func(v string) error {
		if r.egid != nil {
			return errors.New("duplicate egid")
		}
		id, err := setprivGroup(t, v, "failed to parse egid")
		set(&r.egid, id)
		return err
	})
	arg("reuid", func(v string) error {
		if r.ruid != nil || r.euid != nil {
			return errors.New("duplicate ruid or euid")
		}
		id, err := user(v, "reuid", true)
		set(&r.ruid, id)
		set(&r.euid, id)
		return err
	})
	arg("regid", func(v string) error {
		if r.rgid != nil || r.egid != nil {
			return errors.New("duplicate rgid or egid")
		}
		id, err := setprivGroup(t, v, "failed to parse regid")
		set(&r.rgid, id)
		set(&r.egid, id)
		return err
	})
}

// setprivGroup is get_group: a group name, or a number.
func setprivGroup(t *vfs.Task, v, msg string) (uint32, error) {
	if g, ok := applet.GroupByName(t, v); ok {
		return g.GID, nil
	}
	n, err := numberOrErr(v, msg, false)
	return uint32(n), err
}

// groupOptions declares --clear-groups, --keep-groups, --init-groups and
// --groups.
func (r *setprivRequest) groupOptions(t *vfs.Task, flag func(string, string, func() error), arg func(string, func(string) error)) {
	flag("clear-groups", "", func() error {
		if r.clearGroups {
			return errors.New("duplicate --clear-groups option")
		}
		r.clearGroups = true
		return nil
	})
	flag("keep-groups", "", func() error {
		if r.keepGroups {
			return errors.New("duplicate --keep-groups option")
		}
		r.keepGroups = true
		return nil
	})
	flag("init-groups", "", func() error {
		if r.initGroups {
			return errors.New("duplicate --init-groups option")
		}
		r.initGroups = true
		return nil
	})
	arg("groups", func(v string) error {
		if r.haveGroups {
			return errors.New("duplicate --groups option")
		}
		r.haveGroups = true
		for _, g := range strings.Split(v, ",") {
			id, err := setprivGroup(t, g, "Invalid supplementary group id")
			if err != nil {
				return err
			}
			r.groups = append(r.groups, id)
		}
		return nil
	})
}

// parseSecurebits is parse_securebits: changes to the task's current
// bits, which must all be ones setpriv knows; keep_caps is always added
// (exec clears it anyway).
func (r *setprivRequest) parseSecurebits(t *vfs.Task, v string) error {
	if r.securebits != nil {
		return errors.New("duplicate --securebits option")
	}
	cur, _ := t.Prctl(linux.PR_GET_SECUREBITS, 0, 0, 0, 0)
	bits := uint64(cur)
	known := uint64(linux.SECBIT_NOROOT | linux.SECBIT_NOROOT_LOCKED | linux.SECBIT_NO_SETUID_FIXUP |
		linux.SECBIT_NO_SETUID_FIXUP_LOCKED | linux.SECBIT_KEEP_CAPS | linux.SECBIT_KEEP_CAPS_LOCKED)
	if bits&^known != 0 {
		r.status = setprivPrivErr
		return errors.New("unrecognized securebit set -- refusing to adjust")
	}
	names := map[string]uint64{"noroot": linux.SECBIT_NOROOT, "noroot_locked": linux.SECBIT_NOROOT_LOCKED,
		"no_setuid_fixup": linux.SECBIT_NO_SETUID_FIXUP, "no_setuid_fixup_locked": linux.SECBIT_NO_SETUID_FIXUP_LOCKED,
		"keep_caps_locked": linux.SECBIT_KEEP_CAPS_LOCKED}
	for _, item := range strings.Split(v, ",") {
		if item == "" || item[0] != '+' && item[0] != '-' {
			return errors.New("bad securebits string")
		}
		add, name := item[0] == '+', item[1:]
		bit, ok := names[name]
		switch {
		case name == "all" && add:
			return errors.New("+all securebits is not allowed")
		case name == "all":
			bits = 0
			continue
		case name == "keep_caps":
			return errors.New("adjusting keep_caps does not make sense")
		case !ok:
			return errors.New("unrecognized securebit")
		case add:
			bits |= bit
		default:
			bits &^= bit
		}
	}
	bits |= linux.SECBIT_KEEP_CAPS
	r.securebits = &bits
	return nil
}

// parsePdeathsig is parse_pdeathsig: keep (the current one), clear, or a
// signal name.
func (r *setprivRequest) parsePdeathsig(t *vfs.Task, v string) error {
	if r.pdeathsig != 0 {
		return errors.New("duplicate --keep-pdeathsig option")
	}
	switch v {
	case "keep":
		r.pdeathsig, _ = t.Prctl(linux.PR_GET_PDEATHSIG, 0, 0, 0, 0)
	case "clear":
		r.pdeathsig = -1
	default:
		if r.pdeathsig = signalByName(v); r.pdeathsig < 0 {
			return fmt.Errorf("unknown signal: %s", v)
		}
	}
	return nil
}

// check is setpriv's checks of option combinations once all are read.
func (r *setprivRequest) check() string {
	switch {
	case (r.rgid != nil || r.egid != nil) && !r.keepGroups && !r.clearGroups && !r.initGroups && !r.haveGroups:
		return "--[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups"
	case r.initGroups && r.ruid == nil:
		return "--init-groups requires --ruid or --reuid"
	case r.initGroups && r.passwd == nil:
		return fmt.Sprintf("uid %d not found, --init-groups requires an user that can be found on the system", *r.ruid)
	}
	return ""
}
