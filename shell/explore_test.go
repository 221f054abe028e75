// SPDX-License-Identifier: Apache-2.0

package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

// TestExplore is a development aid, skipped unless LINUXVFS_EXPLORE names
// a directory of *.sh scripts: each runs in linuxvfs and in the real
// kernel (as root, see internal/kerneltest) and every difference is
// reported. Use it to check an applet's behaviour before writing a table
// case for it:
//
//	LINUXVFS_EXPLORE=/tmp/scripts go test -run Explore ./shell/
func TestExplore(t *testing.T) {
	dir := os.Getenv("LINUXVFS_EXPLORE")
	if dir == "" {
		t.Skip("set LINUXVFS_EXPLORE to a directory of scripts")
	}
	if ok, reason := kerneltest.Available(); !ok {
		t.Skip(reason)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.sh"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		t.Run(filepath.Base(f), func(t *testing.T) {
			got := runScript(t, string(b))
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			res, err := kerneltest.Run(ctx, string(b))
			if err != nil {
				t.Fatal(err)
			}
			want := outcome{res.Stdout, res.Stderr, res.Exit}
			if got != want {
				t.Errorf("\n%s", diffOutcome(want, got))
			}
		})
	}
}
