// SPDX-License-Identifier: Apache-2.0

package archive

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/linuxvfs/linuxvfs/boot/initramfs"
)

func TestOldStyle(t *testing.T) {
	got := oldStyle([]string{"czvf", "x.tgz", "d", "e"})
	want := []string{"-c", "-z", "-v", "-f", "x.tgz", "d", "e"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := oldStyle([]string{"-tf", "x"}); !slices.Equal(got, []string{"-tf", "x"}) {
		t.Fatalf("dashed options changed: %q", got)
	}
}

// TestCpioReadsNewc reads back what boot/initramfs' writer makes.
func TestCpioReadsNewc(t *testing.T) {
	var b bytes.Buffer
	w := initramfs.NewWriter(&b, true)
	w.WriteEntry(initramfs.Entry{Name: "d/f", Mode: 0o100640, UID: 7, Mtime: 99, Data: []byte("hello")})
	w.Close()
	r := &cpioRun{}
	in := bufio.NewReader(&b)
	h, err := r.next(in)
	if err != nil || h.name != "d/f" || h.mode != 0o100640 || h.uid != 7 || h.mtime != 99 || string(h.data) != "hello" {
		t.Fatalf("got %+v, %v", h, err)
	}
	if _, err := r.next(in); err != io.EOF {
		t.Fatalf("trailer: %v", err)
	}
	if _, err := (&cpioRun{}).next(bufio.NewReader(bytes.NewReader([]byte("junk\n")))); err == nil || err == io.EOF {
		t.Fatalf("junk read as %v", err)
	}
}
