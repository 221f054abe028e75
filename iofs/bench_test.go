// SPDX-License-Identifier: Apache-2.0

package iofs_test

import (
	"fmt"
	"io/fs"
	"path"
	"testing"

	"github.com/spf13/afero"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/iofs"
)

// walkTree is the benchmarks' tree: 100 directories of 100 empty files.
const walkDirs, walkFiles = 100, 100

// BenchmarkWalkDir times fs.WalkDir over 10 000 files (with an Info call
// on each entry, as a walk that looks at sizes does) in a virtual tmpfs
// through iofs and in afero's MemMapFs through afero.NewIOFS.
func BenchmarkWalkDir(b *testing.B) {
	b.Run("impl=iofs", func(b *testing.B) {
		task, err := linuxvfs.Boot()
		if err != nil {
			b.Fatal(err)
		}
		defer task.Exit()
		root, err := iofs.OpenRoot(task, "/tmp")
		if err != nil {
			b.Fatal(err)
		}
		defer root.Close()
		for d := range walkDirs {
			dir := fmt.Sprintf("d%d", d)
			if err := root.Mkdir(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			for f := range walkFiles {
				if err := root.WriteFile(path.Join(dir, fmt.Sprintf("f%d", f)), nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
		fsys := iofs.New(task)
		defer fsys.Close()
		walk(b, fsys, "tmp")
	})
	b.Run("impl=afero", func(b *testing.B) {
		mem := afero.NewMemMapFs()
		for d := range walkDirs {
			dir := fmt.Sprintf("tmp/d%d", d) // afero.NewIOFS passes names on as they are
			if err := mem.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			for f := range walkFiles {
				if err := afero.WriteFile(mem, path.Join(dir, fmt.Sprintf("f%d", f)), nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
		walk(b, afero.NewIOFS(mem), "tmp")
	})
}

// walk times walks of dir in fsys, checking each sees every file.
func walk(b *testing.B, fsys fs.FS, dir string) {
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if _, err := d.Info(); err != nil {
				return err
			}
			if !d.IsDir() {
				n++
			}
			return nil
		})
		if err != nil || n != walkDirs*walkFiles {
			b.Fatalf("walk: %d files, %v", n, err)
		}
	}
}
