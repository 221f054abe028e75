// SPDX-License-Identifier: Apache-2.0

package iofs_test

import (
	"fmt"
	"io/fs"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/iofs"
)

// Write a file through a Root on /tmp of a booted system, then read the
// whole tree back through an fs.FS.
func Example() {
	init, err := linuxvfs.Boot()
	if err != nil {
		panic(err)
	}
	root, err := iofs.OpenRoot(init, "/tmp")
	if err != nil {
		panic(err)
	}
	defer root.Close()
	if err := root.MkdirAll("greetings", 0o755); err != nil {
		panic(err)
	}
	if err := root.WriteFile("greetings/hello.txt", []byte("hello, world\n"), 0o644); err != nil {
		panic(err)
	}

	fsys := iofs.New(init)
	defer fsys.Close()
	data, err := fs.ReadFile(fsys, "tmp/greetings/hello.txt")
	if err != nil {
		panic(err)
	}
	fmt.Print(string(data))
	_, err = fs.Stat(fsys, "tmp/nothing")
	fmt.Println(err)
	// Output:
	// hello, world
	// stat tmp/nothing: No such file or directory
}
