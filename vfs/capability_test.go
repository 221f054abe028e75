// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestExecCapabilities checks what execve leaves of a task's
// capabilities (cap_bprm_creds_from_file for a program without file
// capabilities): root gets its bounding and inheritable sets, anyone
// else its ambient set; keep-caps does not survive; a user namespace
// without a mapping for uid 0 has no root.
func TestExecCapabilities(t *testing.T) {
	k := vfs.NewKernel()
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer init.Exit()
	kill := linux.CapSet(0).Add(linux.CAP_KILL)
	for _, tc := range []struct {
		name                    string
		setup                   func(t *vfs.Task) error
		eff, perm, inh, ambient linux.CapSet
		securebits              uint32
	}{
		{"root", func(*vfs.Task) error { return nil }, linux.AllCaps, linux.AllCaps, 0, 0, 0},
		{"root with a smaller permitted set", func(t *vfs.Task) error {
			return t.Capset(0, 0, kill, 0)
		}, linux.AllCaps, linux.AllCaps, 0, 0, 0},
		{"noroot", func(t *vfs.Task) error {
			_, err := t.Prctl(linux.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_KEEP_CAPS, 0, 0, 0)
			return err
		}, 0, 0, 0, 0, linux.SECBIT_NOROOT},
		{"user with ambient kill", func(t *vfs.Task) error {
			// setresuid away from root clears the ambient set even with
			// keep-caps: raise it afterwards, as setpriv does.
			if err := t.Capset(0, linux.AllCaps, linux.AllCaps, kill); err != nil {
				return err
			}
			if _, err := t.Prctl(linux.PR_SET_KEEPCAPS, 1, 0, 0, 0); err != nil {
				return err
			}
			if err := t.Setresuid(1000, 1000, 1000); err != nil {
				return err
			}
			_, err := t.Prctl(linux.PR_CAP_AMBIENT, linux.PR_CAP_AMBIENT_RAISE, uint64(linux.CAP_KILL), 0, 0)
			return err
		}, kill, kill, kill, kill, 0},
		{"unmapped user namespace", func(t *vfs.Task) error {
			return t.Unshare(linux.CLONE_NEWUSER)
		}, 0, 0, 0, 0, 0},
	} {
		task := init.Clone(0)
		if err := tc.setup(task); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		task.Execve("/bin/true", []string{"true"}, nil)
		c := task.Cred()
		if c.Effective != tc.eff || c.Permitted != tc.perm || c.Inheritable != tc.inh || c.Ambient != tc.ambient || c.Securebits != tc.securebits {
			t.Errorf("%s: after exec eff %#x perm %#x inh %#x amb %#x securebits %#x", tc.name,
				c.Effective, c.Permitted, c.Inheritable, c.Ambient, c.Securebits)
		}
		task.Exit()
	}
}
