// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ipcrm(1) of util-linux 2.38: remove System V objects by id (-m, -q,
// -s) or key (-M, -Q, -S), all of them or all of a kind (-a[=KIND]), or
// by the old syntax "ipcrm shm|msg|sem ID...". Each failure is reported
// and counted; any makes the status 1.

type ipcrmRun struct {
	c       *cmd
	verbose bool
}

// ipcrmKinds are the kinds by the names the old syntax and -a use.
var ipcrmKinds = map[string]int{"shm": ipcShmKind, "msg": ipcMsgKind, "sem": ipcSemKind}

func ipcrmApplet(c *cmd) int {
	if len(c.Args) == 0 {
		return 0
	}
	r := &ipcrmRun{c: c}
	if kind, ok := ipcrmKinds[c.Args[0]]; ok {
		return r.oldSyntax(kind, c.Args[1:])
	}
	opts := []getopt.Option{
		{Short: 'q', Long: "queue-id", Arg: getopt.RequiredArg}, {Short: 'm', Long: "shmem-id", Arg: getopt.RequiredArg},
		{Short: 's', Long: "semaphore-id", Arg: getopt.RequiredArg}, {Short: 'Q', Long: "queue-key", Arg: getopt.RequiredArg},
		{Short: 'M', Long: "shmem-key", Arg: getopt.RequiredArg}, {Short: 'S', Long: "semaphore-key", Arg: getopt.RequiredArg},
		{Short: 'a', Long: "all", Arg: getopt.OptionalArg}, {Short: 'v', Long: "verbose"},
		{Short: 'h', Long: "help", ID: applet.OptHelp}, {Short: 'V', Long: "version", ID: applet.OptVersion},
	}
	failures, all, allKind := 0, false, -1
	byID := map[int]int{'m': ipcShmKind, 'q': ipcMsgKind, 's': ipcSemKind}
	byKey := map[int]int{'M': ipcShmKind, 'Q': ipcMsgKind, 'S': ipcSemKind}
	ops, status, ok := c.GetoptEach(opts, false, helpTexts["ipcrm"], func(o getopt.Parsed) bool {
		if kind, ok := byID[o.ID]; ok {
			id, err := int32OrErr(o.Value, "failed to parse argument")
			if err != nil {
				c.warnf("%s", err)
				c.Exit(1)
				return false
			}
			if !r.remove(kind, false, id) {
				failures++
			}
			return true
		}
		if kind, ok := byKey[o.ID]; ok {
			id, ok, fatal := r.keyToID(kind, o.Value)
			switch {
			case fatal:
				c.Exit(1)
				return false
			case !ok || !r.remove(kind, true, id):
				failures++
			}
			return true
		}
		switch o.ID {
		case 'a':
			all, allKind = true, -1
			if o.HasValue {
				kind, ok := ipcrmKinds[o.Value]
				if !ok {
					c.warnf("unknown argument: %s", o.Value)
					c.Exit(1)
					return false
				}
				allKind = kind
			}
		case 'v':
			r.verbose = true
		}
		return true
	})
	if !ok {
		return status
	}
	if all && !r.removeAll(allKind) {
		failures++
	}
	if len(ops) > 0 {
		c.Out.Flush()
		c.warnf("unknown argument: %s", ops[0])
		return c.tryHelp(1)
	}
	if failures > 0 {
		return 1
	}
	return 0
}

// oldSyntax is "ipcrm shm|msg|sem ID...": every id is tried, and
// "resource(s) deleted" says all went.
func (r *ipcrmRun) oldSyntax(kind int, ids []string) int {
	c := r.c
	if len(ids) == 0 {
		c.warnf("not enough arguments")
		return c.tryHelp(1)
	}
	failed := false
	for _, s := range ids {
		v, err := cStrto(s, true)
		if err != nil {
			c.warnf("invalid id: %s", s)
			failed = true
			continue
		}
		if !r.remove(kind, false, int32(v)) {
			failed = true
		}
	}
	if failed {
		return 1
	}
	fmt.Fprint(c.Out, "resource(s) deleted\n")
	return 0
}

// keyToID is key_to_id: the object a key names. fatal when the key
// cannot be read (reported, ipcrm ends).
func (r *ipcrmRun) keyToID(kind int, s string) (id int32, ok, fatal bool) {
	c := r.c
	key, err := ipcKeyArg(s)
	if err != nil {
		if errors.Is(err, linux.ERANGE) {
			c.warnf("failed to parse argument: '%s': %s", s, applet.ErrText(err))
		} else {
			c.warnf("failed to parse argument: '%s'", s)
		}
		return 0, false, true
	}
	if int32(key) == linux.IPC_PRIVATE {
		c.warnf("illegal key (%s)", s)
		return 0, false, false
	}
	t := c.Task
	switch kind {
	case ipcShmKind:
		id, err = t.Shmget(int32(key), 0, 0)
	case ipcMsgKind:
		id, err = t.Msgget(int32(key), 0)
	default:
		id, err = t.Semget(int32(key), 0, 0)
	}
	if err == nil {
		return id, true, false
	}
	msg := map[error]string{linux.EACCES: "permission denied for key", linux.EIDRM: "already removed key", linux.ENOENT: "invalid key"}[err]
	if msg == "" {
		c.warnf("key failed: %s", applet.ErrText(err))
		return 0, false, true
	}
	c.warnf("%s (%s)", msg, s)
	return 0, false, false
}

// ipcKeyArg is strtokey: strtoul in base 0 over the whole argument.
func ipcKeyArg(s string) (uint64, error) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := t != "" && t[0] == '-'
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	if t == "" || t[0] < '0' || t[0] > '9' {
		return 0, linux.EINVAL
	}
	v, err := strconv.ParseUint(t, 0, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, linux.ERANGE
	}
	if err != nil {
		// base 0 takes "0x" hexadecimal and a leading 0 octal; Go's
		// ParseUint also takes "0o", "0b" and underscores, C does not.
		return 0, linux.EINVAL
	}
	if strings.ContainsAny(t, "_oObB") && !strings.HasPrefix(strings.ToLower(t), "0x") {
		return 0, linux.EINVAL
	}
	if neg {
		v = -v
	}
	return v, nil
}

// remove is remove_id: the *ctl IPC_RMID of one object, its failure
// told by id or key. False for a failure.
func (r *ipcrmRun) remove(kind int, isKey bool, id int32) bool {
	c, t := r.c, r.c.Task
	var err error
	switch kind {
	case ipcShmKind:
		if r.verbose {
			fmt.Fprintf(c.Out, "removing shared memory segment id `%d'\n", id)
		}
		_, err = t.Shmctl(id, linux.IPC_RMID, nil)
	case ipcMsgKind:
		if r.verbose {
			fmt.Fprintf(c.Out, "removing message queue id `%d'\n", id)
		}
		_, err = t.Msgctl(id, linux.IPC_RMID, nil)
	default:
		if r.verbose {
			fmt.Fprintf(c.Out, "removing semaphore id `%d'\n", id)
		}
		_, err = t.Semctl(id, 0, linux.IPC_RMID, vfs.SemArg{})
	}
	if err == nil {
		return true
	}
	what := "id"
	if isKey {
		what = "key"
	}
	var msg string
	switch err {
	case linux.EACCES, linux.EPERM:
		msg = "permission denied for " + what
	case linux.EINVAL:
		msg = "invalid " + what
	case linux.EIDRM:
		msg = "already removed " + what
	default:
		c.Out.Flush()
		c.warnf("%s failed: %s", what, applet.ErrText(err))
		c.Exit(1)
		return false
	}
	c.Out.Flush()
	c.warnf("%s (%d)", msg, id)
	return false
}

// removeAll is remove_all: every object of the kind (every kind for
// -1), found by *_STAT over the indexes up to the highest in use, in
// the order shared memory, semaphores, message queues.
func (r *ipcrmRun) removeAll(kind int) bool {
	ok := true
	for _, k := range []int{ipcShmKind, ipcSemKind, ipcMsgKind} {
		if kind >= 0 && kind != k {
			continue
		}
		maxIdx, err := ipcMaxIdx(r.c.Task, k)
		if err != nil {
			r.c.warnf("kernel not configured for %s", ipcsTitles[k].none)
			r.c.Exit(1)
			return false
		}
		for i := int32(0); i <= maxIdx; i++ {
			rec, found := ipcStatIdx(r.c.Task, k, i)
			if found && !r.remove(k, false, rec.id) {
				ok = false
			}
		}
	}
	return ok
}
