// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// free(1) of procps-ng 4.0: memory and swap from /proc/meminfo. The
// virtual kernel has no such file (it keeps no memory of its own to
// report), so free there says so, as the real one does without it; a
// script may provide one (a tmpfs over /proc).

const meminfoPath = "/proc/meminfo"

type freeRun struct {
	c *cmd
	// exponent is the unit: 0 KiB (the default), 1 bytes, then
	// powers of base.
	exponent    int
	si, human   bool
	wide, total bool
}

func freeApplet(c *cmd) int {
	r := &freeRun{c: c}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]..."
	fs.About = "Show how much memory and swap is in use and free (from /proc/meminfo)."
	unit := func(long, short string, exp int, si bool, usage string) {
		fs.Func(long, short, usage, func() { r.exponent, r.si = exp, r.si || si })
	}
	unit("bytes", "b", 1, false, "in bytes")
	unit("kilo", "", 2, true, "in kilobytes (1000 bytes)")
	unit("mega", "", 3, true, "in megabytes")
	unit("giga", "", 4, true, "in gigabytes")
	unit("tera", "", 5, true, "in terabytes")
	unit("peta", "", 6, true, "in petabytes")
	unit("kibi", "k", 2, false, "in kibibytes (the default)")
	unit("mebi", "m", 3, false, "in mebibytes")
	unit("gibi", "g", 4, false, "in gibibytes")
	unit("tebi", "", 5, false, "in tebibytes")
	unit("pebi", "", 6, false, "in pebibytes")
	fs.BoolVarP(&r.human, "human", "h", false, "with units, three digits or so")
	fs.Func("si", "", "units of 1000, not 1024", func() { r.si = true })
	fs.BoolVarP(&r.total, "total", "t", false, "add a line of memory and swap together")
	fs.BoolVarP(&r.wide, "wide", "w", false, "buffers and cache in columns of their own")
	fs.PlaceHelp()
	fs.Func("version", "V", "", func() { fmt.Fprintf(c.Out, "free (linuxvfs) %s\n", applet.Version); c.Exit(0) })
	operands, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if fs.Changed("version") {
		return 0
	}
	if len(operands) > 0 {
		return c.Usage("extra operand '%s'", operands[0])
	}
	info, err := r.meminfo()
	if err != nil {
		if errors.Is(err, linux.ENOENT) {
			c.Errorf("Memory information file %s does not exist", meminfoPath)
		} else {
			c.Errorf("%s: %s", meminfoPath, applet.ErrText(err))
		}
		return 1
	}
	r.print(info)
	return 0
}

// meminfo reads the fields of /proc/meminfo, in KiB.
func (r *freeRun) meminfo() (map[string]uint64, error) {
	data, err := r.c.ReadNamed(meminfoPath)
	if err != nil {
		return nil, err
	}
	info := map[string]uint64{}
	for _, line := range strings.Split(string(data), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if f := strings.Fields(val); ok && len(f) > 0 {
			if n, err := strconv.ParseUint(f[0], 10, 64); err == nil {
				info[key] = n
			}
		}
	}
	return info, nil
}

// print is the table: Mem and Swap lines (and Total with -t).
func (r *freeRun) print(m map[string]uint64) {
	avail, ok := m["MemAvailable"]
	if !ok || avail > m["MemTotal"] {
		avail = m["MemFree"]
	}
	cache := m["Cached"] + m["SReclaimable"]
	used := m["MemTotal"] - avail
	swapUsed := m["SwapTotal"] - m["SwapFree"]
	out := r.c.Out
	if r.wide {
		out.WriteString("               total        used        free      shared     buffers       cache   available\n")
	} else {
		out.WriteString("               total        used        free      shared  buff/cache   available\n")
	}
	mem := []uint64{m["MemTotal"], used, m["MemFree"], m["Shmem"]}
	if r.wide {
		mem = append(mem, m["Buffers"], cache)
	} else {
		mem = append(mem, m["Buffers"]+cache)
	}
	r.line("Mem:", append(mem, avail))
	r.line("Swap:", []uint64{m["SwapTotal"], swapUsed, m["SwapFree"]})
	if r.total {
		r.line("Total:", []uint64{m["MemTotal"] + m["SwapTotal"], used + swapUsed, m["MemFree"] + m["SwapFree"]})
	}
}

func (r *freeRun) line(label string, kib []uint64) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s", label)
	for i, n := range kib {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%11s", r.scale(n))
	}
	b.WriteByte('\n')
	r.c.Out.WriteString(b.String())
}

// scale writes an amount of KiB in the unit asked for; -h picks the
// first unit that keeps it short, with one decimal where that fits
// (computed in single precision, as procps does).
func (r *freeRun) scale(kib uint64) string {
	base := 1024.0
	if r.si {
		base = 1000
	}
	bytes := kib * 1024
	if !r.human {
		switch r.exponent {
		case 0:
			return strconv.FormatUint(kib, 10)
		case 1:
			return strconv.FormatUint(bytes, 10)
		}
		return strconv.FormatInt(int64(float64(bytes)/math.Pow(base, float64(r.exponent-1))), 10)
	}
	if s := strconv.FormatUint(bytes, 10) + "B"; len(s) <= 4 {
		return s
	}
	limit, suffix := 5, "i"
	if r.si {
		limit, suffix = 4, ""
	}
	for i, u := range "KMGTP" {
		v := float64(bytes) / math.Pow(base, float64(i+1))
		if s := strconv.FormatFloat(float64(float32(v)), 'f', 1, 64) + string(u) + suffix; len(s) <= limit {
			return s
		}
		if s := strconv.FormatInt(int64(v), 10) + string(u) + suffix; len(s) <= limit {
			return s
		}
	}
	return strconv.FormatUint(bytes, 10) + "B"
}
