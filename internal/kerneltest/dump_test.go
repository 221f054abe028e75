// SPDX-License-Identifier: Apache-2.0

package kerneltest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
)

// TestDump is a development aid, skipped unless KERNELTEST_DUMP is set to
// one or more space-separated globs of scripts. It runs each script twice in
// the real kernel, prints stdout, stderr and exit status, and fails if the
// two runs differ (a non-deterministic scenario). It uses RunExclusive, as
// TestDifferentialMount does. Stdout is compared and
// printed the way the differential tests compare it: mount tables
// normalized (internal/mountinfo) with the harness binds hidden; set
// KERNELTEST_RAW=1 to print it raw instead. Example:
//
//	KERNELTEST_DUMP='../../testdata/diff/core/0*.sh' go test -run Dump -v ./internal/kerneltest/
func TestDump(t *testing.T) {
	globs := os.Getenv("KERNELTEST_DUMP")
	if globs == "" {
		t.Skip("set KERNELTEST_DUMP to globs of scripts to run")
	}
	need(t)
	var files []string
	for _, g := range strings.Fields(globs) {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	hide, err := kerneltest.Hide()
	if err != nil {
		t.Fatal(err)
	}
	norm := mountinfo.Normalizer{Hide: hide}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rs [2]kerneltest.Result
		for i := range rs {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			rs[i], err = kerneltest.RunExclusive(ctx, string(b))
			cancel()
			if err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
		raw := rs[0].Stdout
		for i := range rs {
			rs[i].Stdout = norm.NormalizeOutput(rs[i].Stdout)
		}
		if rs[0] != rs[1] {
			t.Errorf("%s: two runs differ:\n%+v\n%+v", f, rs[0], rs[1])
		}
		out := rs[0].Stdout
		if os.Getenv("KERNELTEST_RAW") != "" {
			out = raw
		}
		fmt.Printf("===== %s exit=%d\n--- stdout\n%s--- stderr\n%s", filepath.Base(f), rs[0].Exit, out, rs[0].Stderr)
	}
}
