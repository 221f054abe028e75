// SPDX-License-Identifier: Apache-2.0

package initramfs_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
)

// TestDefaultBuiltin: usr/default_cpio_list's /dev, /dev/console (c 5 1,
// 0600) and /root (0700).
func TestDefaultBuiltin(t *testing.T) {
	task := mustUnpack(t, initramfs.DefaultBuiltin(1234))
	want := map[string]node{
		"dev":         {Mode: linux.S_IFDIR | 0o755, Nlink: 2, Size: -1, Mtime: 1234},
		"dev/console": {Mode: linux.S_IFCHR | 0o600, Nlink: 1, Mtime: 1234, Rdev: "5:1"},
		"root":        {Mode: linux.S_IFDIR | 0o700, Nlink: 2, Size: -1, Mtime: 1234},
	}
	got := vfsTree(t, task, "/")
	delete(got, ".") // rootfs's root, untouched
	if d := diffTrees(want, got, nil); d != "" {
		t.Fatal(d)
	}
}

// TestPopulateRootfs: do_populate_rootfs's log and results.
func TestPopulateRootfs(t *testing.T) {
	builtin := initramfs.DefaultBuiltin(1)
	initrd := archive(file("init", 0o755, "#!/bin/sh\n"))
	bad := append(append([]byte(nil), initrd...), "XXXX"...)
	for _, c := range []struct {
		name       string
		builtin    []byte
		initrd     []byte
		opts       initramfs.Options
		log        []string
		err        string
		builtinErr bool
		image      bool
	}{
		{name: "no initrd", builtin: builtin},
		{name: "initrd", builtin: builtin, initrd: initrd,
			log: []string{"Unpacking initramfs...", "Freeing initrd memory: 4K"}},
		{name: "retained", builtin: builtin, initrd: initrd, opts: initramfs.Options{RetainInitrd: true},
			log: []string{"Unpacking initramfs..."}},
		{name: "corrupt initrd", builtin: builtin, initrd: bad, err: "invalid magic at start of compressed archive",
			log: []string{"Unpacking initramfs...", "Initramfs unpacking failed: invalid magic at start of compressed archive",
				"Freeing initrd memory: 4K"}},
		{name: "initrd image", builtin: builtin, initrd: bad, opts: initramfs.Options{BlkDevRAM: true},
			err: "invalid magic at start of compressed archive", image: true,
			log: []string{"Trying to unpack rootfs image as initramfs...",
				"rootfs image is not initramfs (invalid magic at start of compressed archive); looks like an initrd",
				"Freeing initrd memory: 4K"}},
		{name: "corrupt builtin", builtin: []byte("junk"), initrd: initrd, err: "invalid magic at start of compressed archive",
			builtinErr: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			task := newRootfs(t)
			err := initramfs.PopulateRootfs(task, c.builtin, c.initrd, c.opts)
			var e *initramfs.Error
			switch {
			case c.err == "" && err != nil:
				t.Fatal(err)
			case c.err != "" && (!errors.As(err, &e) || e.Msg != c.err || e.Builtin != c.builtinErr):
				t.Fatalf("error %#v, want %q (builtin %v)", err, c.err, c.builtinErr)
			}
			if log := task.Kernel().Dmesg(); !reflect.DeepEqual(log, c.log) && len(log)+len(c.log) > 0 {
				t.Errorf("log:\n%q\nwant\n%q", log, c.log)
			}
			if c.builtinErr {
				return
			}
			stat(t, task, "/dev/console")
			if c.initrd != nil {
				wantData(t, task, "/init", "#!/bin/sh\n")
			}
			if c.image {
				if st := stat(t, task, "/initrd.image"); st.Mode != linux.S_IFREG|0o700 {
					t.Errorf("/initrd.image: mode %o", st.Mode)
				}
				wantData(t, task, "/initrd.image", string(c.initrd))
			} else {
				absent(t, task, "/initrd.image")
			}
		})
	}
}
