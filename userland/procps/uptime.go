// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// uptime(1) of procps-ng 4.0.2, from /proc/uptime and /proc/loadavg. No
// one logs in to the virtual system (it has no utmp), so it has no users.
// Times are UTC, the scripts' time zone.

const uptimeUsage = `
Usage:
 uptime [options]

Options:
 -p, --pretty   the time up only, in words
 -h, --help     show this help
 -s, --since    when the system came up
 -V, --version  show the version

For more details see uptime(1).
`

func uptimeApplet(c *cmd) int {
	pretty, since := false, false
	for _, a := range c.Args {
		switch a {
		case "-p", "--pretty":
			pretty = true
		case "-s", "--since":
			since = true
		case "-h", "--help":
			c.Out.WriteString(uptimeUsage)
			return 0
		case "-V", "--version":
			c.Out.WriteString("uptime from procps-ng 4.0.2\n")
			return 0
		default:
			c.Out.Flush()
			c.Errw.Write([]byte(uptimeUsage))
			return 1
		}
	}
	up, err := readUptime(c)
	if err != nil {
		c.Errorf("/proc/uptime: %v", err)
		return 1
	}
	now := psNow(c)
	switch {
	case since:
		fmt.Fprintf(c.Out, "%s\n", now.Add(-up).Format("2006-01-02 15:04:05"))
	case pretty:
		fmt.Fprintf(c.Out, "%s\n", prettyUptime(int64(up/time.Second)))
	default:
		load := "0.00, 0.00, 0.00"
		if data, err := c.ReadNamed("/proc/loadavg"); err == nil {
			if f := strings.Fields(string(data)); len(f) >= 3 {
				load = f[0] + ", " + f[1] + ", " + f[2]
			}
		}
		fmt.Fprintf(c.Out, " %s up %s %2d user,  load average: %s\n", now.Format("15:04:05"), shortUptime(int64(up/time.Second)), 0, load)
	}
	return 0
}

// readUptime is /proc/uptime's first number.
func readUptime(c *cmd) (time.Duration, error) {
	data, err := c.ReadNamed("/proc/uptime")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, fmt.Errorf("bad format")
	}
	secs, err := strconv.ParseFloat(f[0], 64)
	return time.Duration(secs * float64(time.Second)), err
}

func psNow(c *cmd) time.Time {
	now := c.Task.Kernel().Now()
	return time.Unix(now.Sec, now.Nsec).UTC()
}

func plural(n int64, one string) string {
	if n == 1 {
		return one
	}
	return one + "s"
}

// shortUptime is the "up" part of the one-line form: days, then hours
// and minutes as H:MM or minutes alone.
func shortUptime(secs int64) string {
	var b strings.Builder
	if days := secs / 86400; days > 0 {
		fmt.Fprintf(&b, "%d %s, ", days, plural(days, "day"))
	}
	hours, mins := secs/3600%24, secs/60%60
	if hours > 0 {
		fmt.Fprintf(&b, "%2d:%02d,", hours, mins)
	} else {
		fmt.Fprintf(&b, "%d min,", mins)
	}
	return b.String()
}

// prettyUptime is -p: decades down to minutes, the ones that are not
// zero, and minutes also when up less than one.
func prettyUptime(secs int64) string {
	parts := []struct {
		n    int64
		unit string
	}{
		{secs / (86400 * 3650), "decade"}, {secs / (86400 * 365) % 10, "year"},
		{secs / (86400 * 7) % 52, "week"}, {secs / 86400 % 7, "day"},
		{secs / 3600 % 24, "hour"}, {secs / 60 % 60, "minute"},
	}
	var words []string
	for i, p := range parts {
		if p.n > 0 || i == len(parts)-1 && secs < 60 {
			words = append(words, fmt.Sprintf("%d %s", p.n, plural(p.n, p.unit)))
		}
	}
	return "up " + strings.Join(words, ", ")
}
