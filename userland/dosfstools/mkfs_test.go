// SPDX-License-Identifier: Apache-2.0

package dosfstools_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/dosfstools"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mkfsCase is one run of mkfs.fat on an image of kib KiB (0: none, for
// -C), the image named by IMG among args.
type mkfsCase struct {
	kib  int64
	args string
}

// mkfsCases cover the choices mkfs.fat makes: FAT width by size and by
// -F, floppy formats, cluster and sector sizes, reserved sectors and
// root entries with and without alignment, FAT count, media, geometry,
// hidden sectors, FAT32's backup sectors, labels, the fake MBR, -C with
// a block count, the size operand, -v and -vv, the Atari variant, and
// refusals.
var mkfsCases = []mkfsCase{
	{360, "IMG"}, {720, "-v IMG"}, {1200, "IMG"}, {1440, "-v IMG"}, {2880, "IMG"},
	{100, "-v IMG"}, {1000, "IMG"}, {4096, "-v IMG"}, {8192, "IMG"}, {16384, "-v IMG"},
	{32768, "-v IMG"}, {65536, "IMG"}, {300000, "-v IMG"}, {524288, "-v IMG"},
	{20000, "-v -F 12 IMG"}, {20000, "-v -F 16 IMG"}, {20000, "-v -F 32 IMG"}, {70000, "-F 32 -v IMG"},
	{20000, "-n HELLO -v IMG"}, {20000, "-n hello -v IMG"}, {20000, "-n hello -F 32 IMG"},
	{1440, "-n 'a*b' IMG"}, {1440, "-n ' ab' IMG"}, {1440, "-n abcdefghijkl IMG"}, {1440, "-n '   ' -v IMG"},
	{20000, "-i deadbeef -v IMG"}, {20000, "-s 1 -v IMG"}, {20000, "-s 16 IMG"}, {40000, "-s 128 -F 16 IMG"},
	{20000, "-S 1024 -v IMG"}, {20000, "-S 4096 IMG"}, {40000, "-S 8192 IMG"},
	{20000, "-r 64 -v IMG"}, {20000, "-r 100 -a IMG"}, {40000, "-F 32 -r 100 IMG"},
	{20000, "-R 8 -v IMG"}, {20000, "-F 32 -R 2 -v IMG"}, {20000, "-F 32 -R 4 IMG"}, {1024, "-F 32 -R 1 IMG"},
	{20000, "-b 3 -F 32 IMG"}, {1024, "-F 32 -b 1 -R 8 IMG"}, {1024, "-F 32 -b 9 -R 8 IMG"},
	{20000, "-f 1 -v IMG"}, {20000, "-f 3 IMG"}, {20000, "-h 63 -v IMG"}, {20000, "-a -v IMG"},
	{20000, "-M 0xf0 -v IMG"}, {20000, "-D 0x81 IMG"}, {20000, "-g 16/63 -v IMG"},
	{20000, "--mbr -v IMG"}, {20000, "--mbr=y -F 32 IMG"}, {20000, "-vv IMG"}, {20000, "-vv -F 32 IMG"},
	{1024, "IMG 500"}, {1024, "IMG 2000"}, {1000, "--offset 100 -v IMG"},
	{0, "-C IMG 10000"}, {0, "-C -v IMG 1440"}, {0, "-C IMG 10"}, {0, "-C -F 32 IMG 100"}, {0, "-C IMG"},
	{1024, "-C IMG 500"}, {0, "IMG"},
	{1440, "-A -v IMG"}, {720, "--variant=atari IMG"}, {70000, "-A -vv IMG"}, {300000, "-A -v IMG"},
	{20000, "-c -v IMG"}, {1440, "-c IMG"}, {20000, "-c -F 32 --offset 8 IMG"}, {20000, "-c -v --offset 1 IMG"},
	{20000, "-A -F 32 IMG"}, {20000, "-A -vv -S 512 IMG"}, {300000, "-A -vv -F 12 IMG"}, {70000, "-A -vv -S 512 -F 12 IMG"}, {200000, "-A -vv -F 12 -s 1 IMG"}, {20000, "-A -S 1024 -n LAB IMG"}, {40000, "-A -h 70000 IMG"}, {20000, "-A -A IMG"},
	// Found by comparing random option sets: C's wrapping unsigned
	// counts, the Atari loop's first try with -S, the MBR's place
	// among -vv's lines.
	{100, "-v -F 32 -S 4096 -R 40 -f 1 -a -h 12 -g 1/1 -n lower --mbr=y IMG"},
	{67, "-F 12 -S 32768 -R 1 -r 16 -g 300/1 -A --mbr=y -b 1 -vv IMG"},
	{720, "-S 32768 -R 1 -a -M 0xf9 -g 300/1 -A --mbr=n -b 5 -v IMG"},
	{12001, "-F 32 -s 1 -f 2 -r 16 -M 0xf9 --mbr=y -vv IMG"},
	{600000, "-s 2 -R 2 -f 2 -r 513 -D 0 -g 300/1 -n ABC --mbr=y -b 1 -vv IMG"},
}

// TestMkfsMatchesHost runs each case with the host's mkfs.fat and with
// ours (both --invariant) and compares output, messages, status and
// every byte of the image.
func TestMkfsMatchesHost(t *testing.T) {
	host, err := exec.LookPath("mkfs.fat")
	if err != nil {
		t.Skip("no mkfs.fat on the host")
	}
	for _, tc := range mkfsCases {
		t.Run(tc.args+"/"+strconv.FormatInt(tc.kib, 10), func(t *testing.T) {
			want := runHost(t, host, tc)
			got := runOurs(t, tc)
			if got.out != want.out || got.err != want.err || got.status != want.status {
				t.Errorf("ours: status %d\n%s---\n%s\nhost's: status %d\n%s---\n%s", got.status, got.out, got.err, want.status, want.out, want.err)
			}
			if !bytes.Equal(got.img, want.img) {
				t.Errorf("images differ: ours %d bytes, host's %d; first difference at %d", len(got.img), len(want.img), firstDiff(got.img, want.img))
			}
		})
	}
}

type mkfsResult struct {
	out, err string
	status   int
	img      []byte
}

// words splits a case's arguments as the shell would (single quotes).
func words(args, img string) []string {
	var w []string
	for len(args) > 0 {
		args = strings.TrimLeft(args, " ")
		if args == "" {
			break
		}
		if args[0] == '\'' {
			end := strings.IndexByte(args[1:], '\'') + 1
			w = append(w, args[1:end])
			args = args[end+1:]
			continue
		}
		word, rest, _ := strings.Cut(args, " ")
		if word == "IMG" {
			word = img
		}
		w, args = append(w, word), rest
	}
	return append([]string{"--invariant"}, w...)
}

func runHost(t *testing.T, host string, tc mkfsCase) mkfsResult {
	img := filepath.Join(t.TempDir(), "img")
	if tc.kib > 0 {
		if err := os.WriteFile(img, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(img, tc.kib*1024); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(host, words(tc.args, img)...)
	cmd.Env = []string{"LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	status := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatal(err)
		}
		status = exit.ExitCode()
	}
	data, _ := os.ReadFile(img)
	return mkfsResult{strings.ReplaceAll(out.String(), img, "IMG"), strings.ReplaceAll(errw.String(), img, "IMG"), status, data}
}

func runOurs(t *testing.T, tc mkfsCase) mkfsResult {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	const img = "/img"
	if tc.kib > 0 {
		fd, err := task.Open(img, linux.O_CREAT|linux.O_RDWR, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if err := task.Ftruncate(fd, tc.kib*1024); err != nil {
			t.Fatal(err)
		}
		task.Close(fd)
	}
	set := applet.NewSet()
	dosfstools.Register(set)
	var out, errw bytes.Buffer
	env := applet.EnvList{"LC_ALL=C"}
	c := applet.New(context.Background(), set, task, "mkfs.fat", words(tc.args, img), env, nil, &out, &errw)
	f := set.Lookup("mkfs.fat")
	status := c.Run(f)
	return mkfsResult{strings.ReplaceAll(out.String(), img, "IMG"), strings.ReplaceAll(errw.String(), img, "IMG"), status, readAll(task, img)}
}

// readAll is the image's bytes, nil when there is none.
func readAll(task *vfs.Task, name string) []byte {
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		return nil
	}
	defer task.Close(fd)
	var data []byte
	buf := make([]byte, 1<<20)
	for {
		n, err := task.Read(fd, buf)
		data = append(data, buf[:n]...)
		if err != nil || n == 0 {
			return data
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
