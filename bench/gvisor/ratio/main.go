// SPDX-License-Identifier: Apache-2.0

// Command ratio reads the output of one `go test -bench` run of
// bench/gvisor (any -count, any -cpu) on standard input and prints a
// Markdown table with one row per benchmark: the median time per
// operation of linuxvfs and of gVisor, their ratio (linuxvfs ÷ gVisor,
// below 1 where linuxvfs is faster) and the allocations per operation of
// each.
//
// Where the run reports cpu-ns/op (the process's CPU time per operation,
// which on a loaded machine leaves out the waits for a core that ns/op
// counts), three more columns give the CPU times and their ratio, paired
// the same way.
//
// A benchmark may also have an impl=copy run, the work no implementation
// can avoid (Read1M's copying of the bytes); a line after the table gives
// its time and what it is as a fraction of gVisor's.
//
// Where both sides have the same number of samples, the ratio is the
// median of the per-sample ratios, sample i of one side with sample i of
// the other (./run makes each round a pair measured seconds apart, under
// the same load), and the lowest and highest of them follow in brackets;
// otherwise it is the ratio of the medians.
//
//	go test -run XXX -bench . -count 5 | tee /tmp/gv.txt
//	go run ./ratio < /tmp/gv.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// sides are the implementations compared, in column order; the first is
// the numerator of the ratio.
var sides = [2]string{"linuxvfs", "gvisor"}

// samples are one implementation's measurements of one benchmark, one
// value per run.
type samples struct {
	ns, cpu, allocs []float64
}

// row is one benchmark, its name without the impl= element.
type row struct {
	name string
	by   map[string]*samples
}

type table struct {
	rows  []*row
	index map[string]*row
}

func main() {
	t, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratio:", err)
		os.Exit(1)
	}
	if len(t.rows) == 0 {
		fmt.Fprintln(os.Stderr, "ratio: no benchmark lines with impl= on standard input")
		os.Exit(1)
	}
	t.write(os.Stdout)
}

// parse collects the benchmark result lines of r; other lines are ignored.
func parse(r io.Reader) (*table, error) {
	t := &table{index: map[string]*row{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name, impl, ok := splitImpl(f[0])
		if !ok {
			continue
		}
		s := t.samples(name, impl)
		// f[1] is the iteration count; then value-unit pairs.
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %v", f[0], f[i], err)
			}
			switch f[i+1] {
			case "ns/op":
				s.ns = append(s.ns, v)
			case "cpu-ns/op":
				s.cpu = append(s.cpu, v)
			case "allocs/op":
				s.allocs = append(s.allocs, v)
			}
		}
	}
	return t, sc.Err()
}

// splitImpl takes the "impl=NAME" element out of a benchmark name:
// "BenchmarkStat/depth=1/impl=gvisor-2" is "Stat/depth=1 (-2)" of gvisor,
// keeping the GOMAXPROCS suffix so that -cpu runs stay apart.
func splitImpl(full string) (name, impl string, ok bool) {
	full = strings.TrimPrefix(full, "Benchmark")
	procs := ""
	if i := strings.LastIndexByte(full, '-'); i >= 0 {
		if _, err := strconv.Atoi(full[i+1:]); err == nil {
			full, procs = full[:i], full[i:]
		}
	}
	var kept []string
	for _, el := range strings.Split(full, "/") {
		if v, found := strings.CutPrefix(el, "impl="); found {
			impl = v
			continue
		}
		kept = append(kept, el)
	}
	return strings.Join(kept, "/") + procs, impl, impl != ""
}

func (t *table) samples(name, impl string) *samples {
	r := t.index[name]
	if r == nil {
		r = &row{name: name, by: map[string]*samples{}}
		t.index[name] = r
		t.rows = append(t.rows, r)
	}
	s := r.by[impl]
	if s == nil {
		s = &samples{}
		r.by[impl] = s
	}
	return s
}

func (t *table) write(w io.Writer) {
	withCPU := t.hasCPU()
	if withCPU {
		fmt.Fprintln(w, "| benchmark | linuxvfs | gVisor | linuxvfs ÷ gVisor | CPU linuxvfs | CPU gVisor | CPU ratio | allocs/op linuxvfs | allocs/op gVisor |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	} else {
		fmt.Fprintln(w, "| benchmark | linuxvfs | gVisor | linuxvfs ÷ gVisor | allocs/op linuxvfs | allocs/op gVisor |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	}
	for _, r := range t.rows {
		var allocs [2]float64
		var have [2]bool
		for i, side := range sides {
			if s := r.by[side]; s != nil && len(s.ns) > 0 {
				allocs[i], have[i] = median(s.allocs), true
			}
		}
		cells := []string{r.name}
		cells = append(cells, r.column(func(s *samples) []float64 { return s.ns })...)
		if withCPU {
			cells = append(cells, r.column(func(s *samples) []float64 { return s.cpu })...)
		}
		cells = append(cells, count(allocs[0], have[0]), count(allocs[1], have[1]))
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	t.writeFloors(w)
}

// writeFloors notes each benchmark's impl=copy run: the floor under both
// sides, and the fraction of gVisor's time it alone takes.
func (t *table) writeFloors(w io.Writer) {
	for _, r := range t.rows {
		floor, gv := r.by["copy"], r.by[sides[1]]
		if floor == nil || len(floor.ns) == 0 {
			continue
		}
		line := fmt.Sprintf("\n%s: copying the bytes alone takes %s", r.name, duration(median(floor.ns), true))
		if gv != nil && len(gv.ns) > 0 && median(gv.ns) > 0 {
			line += fmt.Sprintf(", %s of gVisor's time", fraction(median(floor.ns)/median(gv.ns)))
		}
		if gv != nil && len(floor.cpu) > 0 && len(gv.cpu) > 0 && median(gv.cpu) > 0 {
			line += fmt.Sprintf("; CPU %s, %s of gVisor's", duration(median(floor.cpu), true),
				fraction(median(floor.cpu)/median(gv.cpu)))
		}
		fmt.Fprintln(w, line+".")
	}
}

// hasCPU reports whether any benchmark reported cpu-ns/op.
func (t *table) hasCPU() bool {
	for _, r := range t.rows {
		for _, s := range r.by {
			if len(s.cpu) > 0 {
				return true
			}
		}
	}
	return false
}

// column is one measure of r: each side's median and their ratio.
func (r *row) column(of func(*samples) []float64) []string {
	var v [2][]float64
	for i, side := range sides {
		if s := r.by[side]; s != nil {
			v[i] = of(s)
		}
	}
	out := []string{duration(median(v[0]), len(v[0]) > 0), duration(median(v[1]), len(v[1]) > 0), "n/a"}
	if len(v[0]) > 0 && len(v[1]) > 0 && median(v[1]) > 0 {
		out[2] = pairedRatio(v[0], v[1])
	}
	return out
}

// pairedRatio is the median of a[i]/b[i] with its range, or the ratio of
// the medians where the samples do not pair up.
func pairedRatio(a, b []float64) string {
	if len(a) != len(b) || len(a) < 2 {
		return fraction(median(a) / median(b))
	}
	rs := make([]float64, len(a))
	for i := range a {
		rs[i] = a[i] / b[i]
	}
	return fmt.Sprintf("%s (%s–%s)", fraction(median(rs)), fraction(slices.Min(rs)), fraction(slices.Max(rs)))
}

// fraction prints r with two decimals, or two significant digits where
// that would print 0.00.
func fraction(r float64) string {
	digits := 2
	if r > 0 && r < 0.01 {
		digits = 1 - int(math.Floor(math.Log10(r)))
	}
	return strconv.FormatFloat(r, 'f', digits, 64)
}

// median of xs; 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// duration prints ns with about three significant digits in ns, µs, ms
// or s.
func duration(ns float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	unit := "ns"
	for _, u := range []string{"µs", "ms", "s"} {
		if ns < 1000 {
			break
		}
		ns, unit = ns/1000, u
	}
	digits := 2
	switch {
	case ns >= 100:
		digits = 0
	case ns >= 10:
		digits = 1
	}
	return strconv.FormatFloat(ns, 'f', digits, 64) + " " + unit
}

func count(v float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
