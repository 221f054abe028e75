// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"io"
	"math/rand"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRandomMatchesHost compares images for random sizes, types and
// option sets (a fixed seed) with the host's mke2fs: the same image, or
// both refusing.
func TestRandomMatchesHost(t *testing.T) {
	if _, err := exec.LookPath("mke2fs"); err != nil {
		t.Skip("no mke2fs on the host")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewSource(1))
	types := []string{"ext2", "ext3", "ext4"}
	for i := 0; i < 40; i++ {
		size := int64(r.Intn(6<<20)) + 20<<10
		if i%3 == 0 {
			size = int64(r.Intn(300<<20)) + 20<<10
		}
		size &^= 1023
		typ := types[r.Intn(3)]
		t.Run(fmt.Sprintf("%s-%d", typ, size), func(t *testing.T) {
			ours, host := filepath.Join(dir, "o"), filepath.Join(dir, "h")
			os.WriteFile(host, nil, 0o644)
			os.Truncate(host, size)
			var args []string
			pick := func(o string, vals ...string) {
				if r.Intn(3) == 0 {
					args = append(args, o, vals[r.Intn(len(vals))])
				}
			}
			pick("-b", "1024", "2048", "4096")
			pick("-N", "100", "1000", "30000", "123")
			pick("-i", "2048", "8192", "65536")
			pick("-I", "128", "512")
			pick("-m", "0", "1", "10")
			pick("-g", "4096", "2048", "8192")
			if typ == "ext4" {
				pick("-G", "2", "32")
			}
			argv := append([]string{"-q", "-F", "-t", typ, "-U", testUUID, "-E", "hash_seed=" + testSeed}, args...)
			cmd := exec.Command("mke2fs", append(argv, host)...)
			cmd.Env = append(os.Environ(), fmt.Sprintf("E2FSPROGS_FAKE_TIME=%d", testTime))
			out, herr := cmd.CombinedOutput()
			s := &settings{fsType: typ, now: testTime, lazyItable: true, itableZeroed: true}
			s.uuid, _ = parseUUID(testUUID)
			s.hashSeed, _ = parseUUID(testSeed)
			run := &mkfsRun{c: &applet.Cmd{Errw: io.Discard}, s: *s}
			for k := 0; k < len(args); k += 2 {
				if _, done := run.option(getopt.Parsed{ID: int(args[k][1]), Value: args[k+1]}); done {
					t.Fatal("option")
				}
			}
			*s = run.s
			m, err := s.makeImage(uint64(size))
			if (herr != nil) != (err != nil) {
				t.Fatalf("%v: host err %v %s; ours %v", args, herr, out, err)
			}
			if err != nil {
				return
			}
			f, _ := os.Create(ours)
			f.Truncate(size)
			m.writeImage(f, false)
			f.Close()
			t.Log("options:", args)
			compareImages(t, ours, host)
		})
	}
}
