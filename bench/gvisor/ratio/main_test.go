// SPDX-License-Identifier: Apache-2.0

package main

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	in := `goos: linux
BenchmarkStat/depth=1/impl=linuxvfs-2   100   50.0 ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100  200.0 ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=linuxvfs-2   100   70.0 ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100  180.0 ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=linuxvfs-2   100   60.0 ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100  190.0 ns/op   0 B/op   0 allocs/op
BenchmarkWrite1M/impl=linuxvfs-2   100  1328523 ns/op  789.28 MB/s  1048888 B/op  257 allocs/op
BenchmarkMountUmount/mounts=100000/bind/impl=linuxvfs-2   100  2500 ns/op  256 B/op  1 allocs/op
BenchmarkMountUmount/mounts=100000/bind/impl=gvisor-2   1  1130000000 ns/op  1160 B/op  11 allocs/op
BenchmarkParallel/op=stat/goroutines=2/impl=gvisor   100  300 ns/op  0 B/op  0 allocs/op
PASS
`
	tb, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	tb.write(&out)
	want := []string{
		// Per-run ratios 0.25, 0.39, 0.32.
		"| Stat/depth=1-2 | 60.0 ns | 190 ns | 0.32 (0.25–0.39) | 0 | 0 |",
		"| Write1M-2 | 1.33 ms | n/a | n/a | 257 | n/a |",
		"| MountUmount/mounts=100000/bind-2 | 2.50 µs | 1.13 s | 0.0000022 | 1 | 11 |",
		"| Parallel/op=stat/goroutines=2 | n/a | 300 ns | n/a | n/a | 0 |",
	}
	for _, line := range want {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("missing row %q in\n%s", line, out.String())
		}
	}
	if n := strings.Count(out.String(), "\n"); n != 2+len(want) {
		t.Errorf("%d lines, want %d:\n%s", n, 2+len(want), out.String())
	}
}
