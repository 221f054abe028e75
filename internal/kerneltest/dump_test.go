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
)

// TestDump is a development aid, skipped unless KERNELTEST_DUMP is set to
// one or more space-separated globs of scripts. It runs each script twice in
// the real kernel, prints stdout, stderr and exit status, and fails if the
// two runs differ (a non-deterministic scenario). Example:
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
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rs [2]kerneltest.Result
		for i := range rs {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			rs[i], err = kerneltest.Run(ctx, string(b))
			cancel()
			if err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
		if rs[0] != rs[1] {
			t.Errorf("%s: two runs differ:\n%+v\n%+v", f, rs[0], rs[1])
		}
		fmt.Printf("===== %s exit=%d\n--- stdout\n%s--- stderr\n%s", filepath.Base(f), rs[0].Exit, rs[0].Stdout, rs[0].Stderr)
	}
}
