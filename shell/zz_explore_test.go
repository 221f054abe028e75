package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

func TestZZExplore(t *testing.T) {
	dir := os.Getenv("LINUXVFS_EXPLORE")
	if dir == "" {
		t.Skip()
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
