// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

const nprocHelp = `[OPTION]...
Print how many processing units this process may use.

      --all       count the installed processors, not the usable ones
      --ignore=N  subtract N from the count, leaving at least 1
      --help      show this help
      --version   show the version

Without --all, OMP_NUM_THREADS overrides the count and OMP_THREAD_LIMIT
caps it.
`

const nprocIgnore = 0x100

var nprocOptions = []getopt.Option{
	{Long: "all", ID: 'a'},
	{Long: "ignore", Arg: getopt.RequiredArg, ID: nprocIgnore},
}

// nprocApplet is nproc(1). The processors are the host's: those the
// process may run on, which is also what the real tool counts in a
// container.
func nprocApplet(c *cmd) int {
	cl, status, ok := c.Getopt(nprocOptions, false, nprocHelp)
	if !ok {
		return status
	}
	all := false
	var ignore uint64
	for _, o := range cl.Opts {
		switch o.ID {
		case 'a':
			all = true
		case nprocIgnore:
			n, ok := c.nprocNumber(o.Value)
			if !ok {
				return 1
			}
			ignore = n
		}
	}
	if len(cl.Operands) > 0 {
		return c.ExtraOperand(cl.Operands[0])
	}
	n := uint64(runtime.NumCPU())
	if !all {
		n = c.nprocOverridden(n)
	}
	if ignore < n {
		n -= ignore
	} else {
		n = 1
	}
	fmt.Fprintln(c.Out, n)
	return 0
}

// nprocNumber reads --ignore's count as xdectoumax does: decimal, an
// optional sign of '+', leading blanks allowed.
func (c *cmd) nprocNumber(s string) (uint64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	t = strings.TrimPrefix(t, "+")
	n, err := strconv.ParseUint(t, 10, 64)
	if err == nil {
		return n, true
	}
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		c.Errorf("invalid number: %s: %s", c.QuoteArg(s), linux.EOVERFLOW)
	} else {
		c.Errorf("invalid number: %s", c.QuoteArg(s))
	}
	return 0, false
}

// nprocOverridden applies the OpenMP variables as gnulib's
// num_processors does for NPROC_CURRENT_OVERRIDABLE.
func (c *cmd) nprocOverridden(n uint64) uint64 {
	limit := ompCount(c.Getenv("OMP_THREAD_LIMIT"))
	if limit == 0 {
		limit = math.MaxUint64
	}
	if threads := ompCount(c.Getenv("OMP_NUM_THREADS")); threads > 0 {
		return min(threads, limit)
	}
	return min(n, limit)
}

// ompCount reads an OpenMP thread count: blanks around a decimal
// number, of which a comma-separated list gives its first; anything
// else is 0 (unset).
func ompCount(s string) uint64 {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0
	}
	rest := strings.TrimLeft(s[end:], " \t\n\v\f\r")
	if rest != "" && rest[0] != ',' {
		return 0
	}
	n, err := strconv.ParseUint(s[:end], 10, 64)
	if err != nil {
		return math.MaxUint64 // strtoul saturates
	}
	return n
}
