// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dmesg(1) of util-linux 2.38: the kernel log as /dev/kmsg gives it (or
// as syslog(2)'s buffer has it, with -S), filtered by level and
// facility, each message after its timestamp in one of the formats, and
// the log's and the console's controls (-C, -c, -n, -D, -E).

// The names of the levels (LOG_EMERG...) and of the facilities
// (LOG_KERN >> 3 ...), as dmesg spells them.
var (
	dmesgLevels     = []string{"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"}
	dmesgFacilities = []string{"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp"}
)

// What dmesg does (SYSLOG_ACTION_*).
const (
	dmesgRead = iota
	dmesgReadClear
	dmesgClear
	dmesgConsoleOff
	dmesgConsoleOn
	dmesgConsoleLevel
)

// Timestamp formats (DMESG_TIMEFTM_*).
const (
	tsNone = iota
	tsCtime
	tsCtimeDelta
	tsDelta
	tsReltime
	tsTime
	tsTimeDelta
	tsISO
)

// dmesgRun is one dmesg: its options and the state of its output.
type dmesgRun struct {
	c            *cmd
	action       int
	consoleLevel int
	timeFmt      int
	delta        bool
	syslog       bool // -S: syslog(2)'s buffer, a record a line
	file         string
	levels       uint32 // with filterLevels: the levels shown
	facilities   uint32 // with filterFacilities
	filterLevels bool
	filterFacs   bool
	raw, decode  bool
	forcePrefix  bool
	noEscape     bool
	json         bool
	follow       bool
	utf8         bool

	boot     time.Time     // when the kernel booted, for -T, -e, --time-format iso
	last     time.Duration // the previous record's time, for the deltas
	lastSet  bool
	lastTm   time.Time
	indent   int
	jsonOpen bool
	jsonNext bool // a record was written: the next one follows a comma
}

// dmesgRecord is a record as dmesg parses it: facility and level (-1
// when unknown), time and text.
type dmesgRecord struct {
	facility, level int
	at              time.Duration
	text            string
}

func dmesgApplet(c *cmd) int {
	d := &dmesgRun{c: c, timeFmt: tsTime, utf8: c.UTF8()}
	if !d.parse() {
		return 1
	}
	return d.run()
}

// parse reads the command line as dmesg's getopt loop does.
func (d *dmesgRun) parse() bool {
	c := d.c
	f := c.FlagSet()
	f.Help = helpTexts["dmesg"]
	f.ShortHelp = true
	set := func(p *int, v int) func() { return func() { *p = v } }
	flag := func(p *bool) func() { return func() { *p = true } }
	f.Func("clear", "C", "", set(&d.action, dmesgClear))
	f.Func("read-clear", "c", "", set(&d.action, dmesgReadClear))
	f.Func("console-off", "D", "", set(&d.action, dmesgConsoleOff))
	f.Func("show-delta", "d", "", flag(&d.delta))
	f.Func("console-on", "E", "", set(&d.action, dmesgConsoleOn))
	f.Func("reltime", "e", "", set(&d.timeFmt, tsReltime))
	f.ArgFunc("file", "F", "", func(v string) error { d.file = v; return nil })
	f.ArgFunc("facility", "f", "", func(v string) error {
		d.filterFacs = true
		return d.bits(v, &d.facilities, d.facility)
	})
	f.Func("human", "H", "", set(&d.timeFmt, tsReltime))
	f.Func("json", "J", "", flag(&d.json))
	f.Func("kernel", "k", "", func() { d.filterFacs, d.facilities = true, d.facilities|1 })
	f.OptionalArgFunc("color", "L", "", func(v string, given bool) error { return d.color(v, given) })
	f.ArgFunc("level", "l", "", func(v string) error {
		d.filterLevels = true
		return d.bits(v, &d.levels, d.level)
	})
	f.ArgFunc("console-level", "n", "", func(v string) error {
		n, err := d.consoleLevelArg(v)
		d.action, d.consoleLevel = dmesgConsoleLevel, n
		return err
	})
	f.Func("nopager", "P", "", func() {})
	f.Func("force-prefix", "p", "", flag(&d.forcePrefix))
	f.Func("raw", "r", "", flag(&d.raw))
	f.Func("syslog", "S", "", flag(&d.syslog))
	f.ArgFunc("buffer-size", "s", "", func(v string) error {
		// Any size will do: the whole log is read.
		if _, err := strconv.ParseUint(strings.TrimPrefix(v, "+"), 10, 32); err != nil {
			return fmt.Errorf("invalid buffer size argument: '%s'", v)
		}
		return nil
	})
	f.Func("ctime", "T", "", set(&d.timeFmt, tsCtime))
	f.Func("notime", "t", "", set(&d.timeFmt, tsNone))
	f.Func("userspace", "u", "", func() { d.filterFacs, d.facilities = true, d.facilities|^uint32(1) })
	f.Func("follow", "w", "", flag(&d.follow))
	f.Func("follow-new", "W", "", flag(&d.follow))
	f.Func("decode", "x", "", flag(&d.decode))
	f.ArgFunc("time-format", "", "", func(v string) error {
		n, ok := map[string]int{"notime": tsNone, "ctime": tsCtime, "delta": tsDelta, "reltime": tsReltime, "iso": tsISO}[v]
		if !ok {
			return fmt.Errorf("unknown time format: %s", v)
		}
		d.timeFmt = n
		return nil
	})
	f.Func("noescape", "", "", flag(&d.noEscape))
	for _, g := range [][]string{
		{"clear", "console-off", "console-on", "read-clear", "console-level", "raw"},
		{"human", "raw"}, {"color", "raw"}, {"syslog", "follow"}, {"ctime", "raw"},
		{"show-delta", "raw"}, {"reltime", "raw"}, {"raw", "decode"}, {"raw", "notime"},
	} {
		f.Exclusive(g...)
	}
	args, ok := c.Parse(f)
	if !ok {
		return false
	}
	if len(args) != 0 {
		c.badUsage(1)
		return false
	}
	return true
}

// bits is string_to_bitarray: a comma-separated list of names or
// numbers, each set in *set; an empty item ends dmesg without a word.
func (d *dmesgRun) bits(list string, set *uint32, parse func(string, string) (int, error)) error {
	for rest := list; rest != ""; {
		item, after, more := strings.Cut(rest, ",")
		if more && after == "" {
			item += "," // the kernel tool's scan takes a final comma with the name
		}
		if item == "" {
			return applet.ErrReported // refused without a word
		}
		n, err := parse(item, rest)
		if err != nil {
			return err
		}
		*set |= 1 << n
		if !more || after == "" {
			break
		}
		rest = after
	}
	return nil
}

// level is parse_level for one item of -l: a name or a number below 8;
// the message quotes the list from the item on.
func (d *dmesgRun) level(item, rest string) (int, error) {
	return dmesgName(item, rest, dmesgLevels, 0, "level")
}

// facility is parse_facility.
func (d *dmesgRun) facility(item, rest string) (int, error) {
	return dmesgName(item, rest, dmesgFacilities, 0, "facility")
}

// consoleLevelArg is parse_level for -n: 1 to 8, or a level's name
// meaning its number plus one (the console shows what is below it).
func (d *dmesgRun) consoleLevelArg(v string) (int, error) {
	return dmesgName(v, v, dmesgLevels, 1, "level")
}

func dmesgName(item, rest string, names []string, offset int, what string) (int, error) {
	if item != "" && item[0] >= '0' && item[0] <= '9' {
		if n, err := strconv.Atoi(item); err == nil && n-offset >= 0 && n-offset < len(names) {
			return n, nil
		}
	} else {
		for i, n := range names {
			if strings.EqualFold(item, n) {
				return i + offset, nil
			}
		}
	}
	return 0, fmt.Errorf("unknown %s '%s'", what, rest)
}

// color takes -L's argument as colormode_or_err does; the output has no
// colors here (there is no terminal to show them on).
func (d *dmesgRun) color(v string, given bool) error {
	v = strings.TrimPrefix(v, "=") // "-L=WHEN"
	if given && v != "auto" && v != "never" && v != "always" {
		return fmt.Errorf("unsupported color mode: '%s'", v)
	}
	return nil
}

// run carries the action out.
func (d *dmesgRun) run() int {
	c, t := d.c, d.c.Task
	if d.json {
		d.timeFmt, d.delta, d.forcePrefix, d.raw, d.noEscape = tsTime, false, false, false, true
	}
	if d.timeFmt == tsReltime || d.timeFmt == tsCtime || d.timeFmt == tsISO {
		now := t.Kernel().Now()
		d.boot = time.Unix(now.Sec, now.Nsec).Add(-t.Kernel().Uptime()).UTC()
	}
	d.applyDelta()
	if d.follow {
		c.warnf("following the log is not supported")
		return 1
	}
	var err error
	switch d.action {
	case dmesgRead, dmesgReadClear:
		if code := d.read(); code != 0 || d.action == dmesgRead {
			return code
		}
		if err := t.ClearKernelLog(); err != nil {
			c.warnf("clear kernel buffer failed: %s", applet.ErrText(err))
			return 1
		}
		return 0
	case dmesgClear:
		if err := t.ClearKernelLog(); err != nil {
			c.warnf("clear kernel buffer failed: %s", applet.ErrText(err))
			return 1
		}
		return 0
	case dmesgConsoleOff, dmesgConsoleOn:
		err = t.SetConsoleLogging(d.action == dmesgConsoleOn)
	case dmesgConsoleLevel:
		err = t.SetConsoleLoglevel(d.consoleLevel)
	}
	if err != nil {
		c.warnf("klogctl failed: %s", applet.ErrText(err))
		return 1
	}
	return 0
}

// applyDelta combines -d with the time format.
func (d *dmesgRun) applyDelta() {
	if !d.delta {
		return
	}
	switch d.timeFmt {
	case tsCtime:
		d.timeFmt = tsCtimeDelta
	case tsTime:
		d.timeFmt = tsTimeDelta
	case tsISO:
		d.c.warnf("--show-delta is ignored when used together with iso8601 time format")
	default:
		d.timeFmt = tsDelta
	}
}

// read prints the log (or the file of -F).
func (d *dmesgRun) read() int {
	c := d.c
	var recs []dmesgRecord
	if d.file != "" {
		data, err := readFile(c.Task, d.file)
		if err != nil {
			c.warnf("cannot open %s: %s", d.file, applet.ErrText(err))
			return 1
		}
		if d.raw {
			d.rawPrint(string(data))
			return 0
		}
		recs = parseSyslogBuffer(string(data))
	} else {
		log, err := c.Task.KernelLog()
		if err != nil {
			c.warnf("read kernel buffer failed: %s", applet.ErrText(err))
			return 1
		}
		if d.syslog {
			if d.raw && (d.filterLevels || d.filterFacs) {
				c.warnf("--raw can be used together with --level or --facility only when reading messages from /dev/kmsg")
				return 1
			}
			buf := syslogBuffer(log)
			if d.raw {
				d.rawPrint(buf)
				return 0
			}
			recs = parseSyslogBuffer(buf)
		} else {
			for _, r := range log {
				recs = append(recs, dmesgRecord{facility: r.Facility, level: r.Level, at: r.At, text: r.Text})
			}
		}
	}
	if d.file != "" || d.syslog {
		d.forcePrefix = false // only /dev/kmsg has messages of several lines
	}
	for _, r := range recs {
		d.printRecord(r)
	}
	if d.jsonOpen {
		c.Out.WriteString("\n   ]\n}\n")
	}
	return 0
}

// syslogBuffer is what syslog(SYSLOG_ACTION_READ_ALL) returns for the
// records: each line of a message after "<PRI>[TIME] ".
func syslogBuffer(log []vfs.LogRecord) string {
	var b strings.Builder
	for _, r := range log {
		prefix := fmt.Sprintf("<%d>%s ", r.Facility<<3|r.Level, stampOf(r.At))
		for _, line := range strings.Split(r.Text, "\n") {
			b.WriteString(prefix + line + "\n")
		}
	}
	return b.String()
}

// stampOf is a time since boot as printk shows it: "[SSSSS.UUUUUU]".
func stampOf(at time.Duration) string {
	us := at.Microseconds()
	return fmt.Sprintf("[%5d.%06d]", us/1e6, us%1e6)
}

// parseSyslogBuffer is get_next_syslog_record: a record begins at the
// buffer's start or after a newline followed by '<', with an optional
// "<PRI>" and "[TIME] " before its text.
func parseSyslogBuffer(buf string) []dmesgRecord {
	var out []dmesgRecord
	for buf != "" {
		end := strings.Index(buf, "\n<")
		chunk := buf
		if end >= 0 {
			chunk, buf = buf[:end], buf[end+1:]
		} else {
			buf = ""
			chunk = strings.TrimSuffix(chunk, "\n")
		}
		if chunk == "" || chunk[0] == 0 {
			continue
		}
		out = append(out, parseSyslogRecord(chunk))
	}
	return out
}

func parseSyslogRecord(s string) dmesgRecord {
	r := dmesgRecord{facility: -1, level: -1}
	if s[0] == '<' {
		if end := strings.IndexByte(s, '>'); end > 0 {
			if n, err := strconv.Atoi(s[1:end]); err == nil {
				r.facility, r.level = n>>3, n&7
			}
			s = s[end+1:]
		}
	}
	if len(s) > 1 && s[0] == '[' && (s[1] == ' ' || s[1] >= '0' && s[1] <= '9') {
		if end := strings.IndexByte(s, ']'); end > 0 {
			sec, usec, _ := strings.Cut(strings.TrimSpace(s[1:end]), ".")
			a, _ := strconv.ParseInt(sec, 10, 64)
			b, _ := strconv.ParseInt(usec, 10, 64)
			r.at = time.Duration(a)*time.Second + time.Duration(b)*time.Microsecond
			s = strings.TrimPrefix(s[end+1:], " ")
		}
	}
	r.text = s
	return r
}

// rawPrint is raw_print: the buffer as it is, ended by a newline.
func (d *dmesgRun) rawPrint(buf string) {
	if buf == "" {
		return
	}
	d.write(buf, 0)
	if !strings.HasSuffix(buf, "\n") {
		d.c.Out.WriteString("\n")
	}
}

// accept is accept_record: the level and facility filters.
func (d *dmesgRun) accept(r dmesgRecord) bool {
	if d.filterLevels && (r.facility < 0 || d.levels&(1<<r.level) == 0) {
		return false
	}
	if d.filterFacs && (r.facility < 0 || r.facility >= 32 || d.facilities&(1<<r.facility) == 0) {
		return false
	}
	return true
}

// printRecord is print_record.
func (d *dmesgRun) printRecord(r dmesgRecord) {
	if !d.accept(r) {
		return
	}
	out := d.c.Out
	if r.text == "" {
		if !d.json {
			out.WriteString("\n")
		}
		return
	}
	if d.json {
		d.printJSON(r)
		return
	}
	prefix := d.prefix(r)
	if !d.forcePrefix {
		out.WriteString(prefix)
		d.write(r.text, d.indent)
		out.WriteString("\n")
		return
	}
	var lines []string
	for _, l := range strings.Split(r.text, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	out.WriteString(prefix)
	for i, l := range lines {
		if i > 0 {
			out.WriteString("\n")
			if d.timeFmt == tsReltime {
				prefix = d.decodePrefix(r) + "[  +0.000000] "
			}
			out.WriteString(prefix)
		}
		d.write(l, d.indent)
	}
	out.WriteString("\n")
}

// decodePrefix is -x's "FACILITY:LEVEL: ", or "".
func (d *dmesgRun) decodePrefix(r dmesgRecord) string {
	if !d.decode || r.level < 0 || r.level >= len(dmesgLevels) || r.facility < 0 || r.facility >= len(dmesgFacilities) {
		return ""
	}
	return fmt.Sprintf("%-6s:%-6s: ", dmesgFacilities[r.facility], dmesgLevels[r.level])
}

// prefix is what goes before a record's text, and sets the indent of
// its further lines to the prefix's width.
func (d *dmesgRun) prefix(r dmesgRecord) string {
	if d.raw {
		p := fmt.Sprintf("<%d>%s ", r.facility<<3|r.level, stampOf(r.at))
		d.indent = len(p)
		return p
	}
	ts := d.timestamp(r)
	fp := d.decodePrefix(r)
	d.indent = len(ts) + len(fp)
	return fp + ts
}

// timestamp is the record's time in the format asked for.
func (d *dmesgRun) timestamp(r dmesgRecord) string {
	switch d.timeFmt {
	case tsCtime:
		return "[" + d.ctime(r) + "] "
	case tsCtimeDelta:
		return fmt.Sprintf("[%s <%12.06f>] ", d.ctime(r), d.countDelta(r))
	case tsDelta:
		return fmt.Sprintf("[<%12.06f>] ", d.countDelta(r))
	case tsReltime:
		return d.reltime(r)
	case tsTime:
		return stampOf(r.at) + " "
	case tsTimeDelta:
		us := r.at.Microseconds()
		return fmt.Sprintf("[%5d.%06d <%12.06f>] ", us/1e6, us%1e6, d.countDelta(r))
	case tsISO:
		at := d.recordTime(r).Add(time.Duration(r.at.Microseconds()%1e6) * time.Microsecond)
		return at.Format("2006-01-02T15:04:05") + fmt.Sprintf(",%06d", r.at.Microseconds()%1e6) + at.Format("-07:00") + " "
	}
	return ""
}

// recordTime is record_time: the boot's second plus the record's whole
// seconds.
func (d *dmesgRun) recordTime(r dmesgRecord) time.Time {
	return time.Unix(d.boot.Unix()+int64(r.at/time.Second), 0).UTC()
}

func (d *dmesgRun) ctime(r dmesgRecord) string {
	return d.recordTime(r).Format("Mon Jan _2 15:04:05 2006")
}

// countDelta is record_count_delta: seconds since the previous record
// (0 for the first, and after a record at time zero).
func (d *dmesgRun) countDelta(r dmesgRecord) float64 {
	delta := 0.0
	if d.lastSet {
		delta = (r.at - d.last).Seconds()
	}
	d.last, d.lastSet = r.at, r.at != 0
	return delta
}

// reltime is the -e format: the local time when the minute changes,
// else the delta since the previous record.
func (d *dmesgRun) reltime(r dmesgRecord) string {
	cur := d.recordTime(r)
	delta := d.countDelta(r)
	var s string
	if cur.Minute() != d.lastTm.Minute() || cur.Hour() != d.lastTm.Hour() || cur.YearDay() != d.lastTm.YearDay() {
		s = "[" + cur.Format("Jan") + fmt.Sprintf("%2d", cur.Day()) + cur.Format(" 15:04") + "] "
	} else if delta < 10 {
		s = fmt.Sprintf("[  %+8.06f] ", delta)
	} else {
		s = fmt.Sprintf("[ %+9.06f] ", delta)
	}
	d.lastTm = cur
	return s
}

// printJSON writes a record as an object of -J's array.
func (d *dmesgRun) printJSON(r dmesgRecord) {
	out := d.c.Out
	if !d.jsonOpen {
		out.WriteString("{\n   \"dmesg\": [\n")
		d.jsonOpen = true
	}
	if d.jsonNext {
		out.WriteString(",{\n")
	} else {
		out.WriteString("      {\n")
	}
	d.jsonNext = true
	valid := r.level >= 0 && r.level < len(dmesgLevels) && r.facility >= 0 && r.facility < len(dmesgFacilities)
	var members []string
	switch {
	case valid && d.decode:
		members = append(members, `"fac": `+jsonString(dmesgFacilities[r.facility]), `"pri": `+jsonString(dmesgLevels[r.level]))
	case valid:
		members = append(members, fmt.Sprintf(`"pri": %d`, r.facility<<3|r.level))
	}
	us := r.at.Microseconds()
	members = append(members, fmt.Sprintf(`"time": %5d.%06d`, us/1e6, us%1e6), `"msg": `+jsonString(r.text))
	for i, m := range members {
		if i > 0 {
			out.WriteString(",\n")
		}
		out.WriteString("         " + m)
	}
	out.WriteString("\n      }")
}

// write is safe_fwrite: bytes the locale cannot print as \xHH (unless
// --noescape), and after a newline that is not the text's last byte,
// indent spaces.
func (d *dmesgRun) write(s string, indent int) {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if !d.noEscape && c >= 0x80 && d.utf8 {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				fmt.Fprintf(&b, "\\x%02x", c)
				i++
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		switch {
		case !d.noEscape && (c == 0 || c >= 0x7f || c < ' ' && !isCSpace(c)):
			fmt.Fprintf(&b, "\\x%02x", c)
		case c == '\n' && i+1 < len(s) && indent > 0:
			b.WriteString("\n" + strings.Repeat(" ", indent))
		default:
			b.WriteByte(c)
		}
		i++
	}
	d.c.Out.WriteString(b.String())
}

// isCSpace is isspace in the C locale.
func isCSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
