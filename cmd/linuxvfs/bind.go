// SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/hostfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// bindSpec is one --bind HOST:VIRTUAL[:ro|:rw].
type bindSpec struct {
	host, virtual string
	ro            bool
}

// parseBind reads HOST:VIRTUAL[:ro|:rw]; HOST is made absolute.
func parseBind(spec string) (bindSpec, error) {
	parts := strings.Split(spec, ":")
	bad := usageError(fmt.Sprintf("linuxvfs: --bind %s: want HOST:VIRTUAL[:ro]", spec))
	if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || !strings.HasPrefix(parts[1], "/") {
		return bindSpec{}, bad
	}
	b := bindSpec{virtual: parts[1]}
	if len(parts) == 3 {
		switch parts[2] {
		case "ro":
			b.ro = true
		case "rw":
		default:
			return bindSpec{}, bad
		}
	}
	abs, err := filepath.Abs(parts[0])
	if err != nil {
		return bindSpec{}, bad
	}
	b.host = abs
	return b, nil
}

// cutBinds takes the --bind SPEC and --bind=SPEC words that lead args.
func cutBinds(args []string) ([]bindSpec, []string, error) {
	var binds []bindSpec
	for len(args) > 0 {
		spec, ok := strings.CutPrefix(args[0], "--bind=")
		switch {
		case ok:
			args = args[1:]
		case args[0] == "--bind":
			if len(args) < 2 {
				return nil, args, usageError("linuxvfs: --bind needs an argument")
			}
			spec, args = args[1], args[2:]
		default:
			return binds, args, nil
		}
		b, err := parseBind(spec)
		if err != nil {
			return nil, args, err
		}
		binds = append(binds, b)
	}
	return binds, args, nil
}

// bindHost mounts each host directory with hostfs on its virtual path,
// making the path's missing directories (mode 755) first. Only the
// directories given become mountable in t's kernel.
func bindHost(t *vfs.Task, binds []bindSpec) error {
	for _, b := range binds {
		if err := hostfs.Register(t.Kernel(), b.host); err != nil {
			return err
		}
		if err := mkdirAll(t, b.virtual); err != nil {
			return fmt.Errorf("--bind %s: %s: %w", b.host, b.virtual, err)
		}
		var flags uint64
		if b.ro {
			flags = linux.MS_RDONLY
		}
		if err := t.Mount(b.host, b.virtual, "hostfs", flags, ""); err != nil {
			return fmt.Errorf("--bind %s: %w", b.host, err)
		}
	}
	return nil
}

// mkdirAll is mkdir -p in the virtual system.
func mkdirAll(t *vfs.Task, dir string) error {
	p := ""
	for _, elem := range strings.Split(dir, "/") {
		if elem == "" {
			continue
		}
		p += "/" + elem
		if err := t.Mkdir(p, 0o755); err != nil && err != linux.EEXIST {
			return err
		}
	}
	return nil
}
