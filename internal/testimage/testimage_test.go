// SPDX-License-Identifier: Apache-2.0

package testimage

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"
)

var epoch = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// sample is the image of the block-device scenarios (testdata/diff/block).
var sample = map[string]string{"d/": "", "d/hello": "hello\n", "top": "top file\n"}

func TestSquashfsIsDeterministic(t *testing.T) {
	a, err := Squashfs(sample, epoch)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // across a second boundary
	b, err := Squashfs(sample, epoch)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two images of the same files differ")
	}
	if string(a[:4]) != "hsqs" {
		t.Fatalf("magic %q", a[:4])
	}
	if os.Getenv("LINUXVFS_PRINT_IMAGE") != "" {
		fmt.Print(Script(a, "/img", 8192))
	}
}
