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

// With cpu-ns/op in the run, the CPU times and their ratio follow the
// wall times, paired round by round as they are.
func TestTableWithCPU(t *testing.T) {
	in := `BenchmarkStat/depth=1/impl=linuxvfs-2   100   500.0 ns/op   50.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100   400.0 ns/op  100.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=linuxvfs-2   100   900.0 ns/op   60.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100  3000.0 ns/op  150.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=linuxvfs-2   100   700.0 ns/op   55.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkStat/depth=1/impl=gvisor-2     100   700.0 ns/op  125.0 cpu-ns/op   0 B/op   0 allocs/op
BenchmarkWrite1M/impl=linuxvfs-2   100  1328523 ns/op  789.28 MB/s  1048888 B/op  257 allocs/op
`
	tb, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	tb.write(&out)
	want := []string{
		// Wall ratios 1.25, 0.30, 1.00; CPU ratios 0.50, 0.40, 0.44.
		"| Stat/depth=1-2 | 700 ns | 700 ns | 1.00 (0.30–1.25) | 55.0 ns | 125 ns | 0.44 (0.40–0.50) | 0 | 0 |",
		"| Write1M-2 | 1.33 ms | n/a | n/a | n/a | n/a | n/a | 257 | n/a |",
	}
	for _, line := range want {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("missing row %q in\n%s", line, out.String())
		}
	}
}

// TestFloor checks the line an impl=copy run adds after the table.
func TestFloor(t *testing.T) {
	in := `BenchmarkRead1M/impl=linuxvfs-2   100   16000 ns/op   0 B/op   0 allocs/op
BenchmarkRead1M/impl=gvisor-2     100   20000 ns/op   0 B/op   0 allocs/op
BenchmarkRead1M/impl=copy-2       100   15000 ns/op   0 B/op   0 allocs/op
`
	tb, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	tb.write(&out)
	for _, want := range []string{
		"| Read1M-2 | 16.0 µs | 20.0 µs | 0.80 | 0 | 0 |\n",
		"Read1M-2: copying the bytes alone takes 15.0 µs, 0.75 of gVisor's time.\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
}
