// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The kernel log (kernel/printk): numbered records with a level, a
// facility and the time since boot, read by dmesg through syslog(2) or
// /dev/kmsg, and shown on the console when their level is below the
// console's.

// A message passed to Printk may start with a level marker, as the
// kernel's KERN_* strings are: SOH and the level's digit.
const (
	KernEmerg   = "\x010"
	KernAlert   = "\x011"
	KernCrit    = "\x012"
	KernErr     = "\x013"
	KernWarning = "\x014"
	KernNotice  = "\x015"
	KernInfo    = "\x016"
	KernDebug   = "\x017"
)

const (
	// defaultMessageLoglevel is CONFIG_MESSAGE_LOGLEVEL_DEFAULT: the level
	// of a message without a marker.
	defaultMessageLoglevel = 4
	// consoleLoglevelDefault is CONSOLE_LOGLEVEL_DEFAULT: the console
	// shows messages below it.
	consoleLoglevelDefault = 7
	// minimumConsoleLoglevel is CONSOLE_LOGLEVEL_MIN.
	minimumConsoleLoglevel = 1
	// dmesgRestrict is kernel.dmesg_restrict as Debian builds it
	// (CONFIG_SECURITY_DMESG_RESTRICT): reading the log takes CAP_SYSLOG.
	dmesgRestrict = true
)

// PrintkMax is the longest message the kernel log keeps: vprintk_store
// formats a message into 1024 bytes, of which the terminating NUL and the
// two-byte level marker (KERN_ERR, ...) take three, so a longer message
// loses its tail (and its newline).
const PrintkMax = 1021

// LogRecord is one message of the kernel log: struct printk_info and
// its text.
type LogRecord struct {
	Seq      uint64
	Facility int // 0 for the kernel's messages (LOG_KERN)
	Level    int // LOGLEVEL_*: 0 (emerg) to 7 (debug)
	At       time.Duration
	// Text may hold newlines: a multi-line message is one record.
	Text string
}

// printkLog is the log and its console, guarded by Kernel.logMu.
type printkLog struct {
	records  []LogRecord
	clearSeq uint64 // the first record a read since the last clear sees
	// open is set while the last record is not final: one written to
	// /dev/kmsg without a newline, which readers and the console see only
	// once the next record closes it (prb_commit without
	// prb_final_commit; prb_reserve finalizes the record before it).
	open    bool
	console func(time.Duration, string)
	// consoleLevel is console_loglevel; savedLevel is
	// saved_console_loglevel while the console is off, else -1.
	consoleLevel, savedLevel int
	limits                   map[string]*RateLimit // by call site
	// readers wakes the /dev/kmsg readers waiting for a record (kmsg.go).
	readers *sync.Cond
}

// newPrintkLog is the log at boot.
func newPrintkLog() printkLog {
	return printkLog{consoleLevel: consoleLoglevelDefault, savedLevel: -1}
}

// splitLevel takes a level marker off a message: its level, or the
// default one.
func splitLevel(msg string) (int, string) {
	if len(msg) >= 2 && msg[0] == '\x01' && msg[1] >= '0' && msg[1] <= '7' {
		return int(msg[1] - '0'), msg[2:]
	}
	return defaultMessageLoglevel, msg
}

// Printk appends a message to the kernel log, cut as printk cuts it, and
// shows it on the console if one is set and the level is below the
// console's. The message is what printk's format makes less the newline
// that ends it, and may start with a level marker (KernErr, ...).
func (k *Kernel) Printk(msg string) {
	level, text := splitLevel(msg)
	k.logRecord(0, level, text, true)
}

// logRecord stores a message of the facility and level (vprintk_store),
// final or left open (see printkLog.open), and shows the records that
// became final on the console; readers waiting on /dev/kmsg wake.
func (k *Kernel) logRecord(facility, level int, text string, final bool) {
	if len(text) > PrintkMax {
		text = text[:PrintkMax]
	}
	at := k.Uptime()
	k.logMu.Lock()
	l := &k.log
	var shown []LogRecord
	if l.open {
		shown = append(shown, l.records[len(l.records)-1])
	}
	r := LogRecord{Seq: uint64(len(l.records)), Facility: facility, Level: level, At: at, Text: text}
	l.records = append(l.records, r)
	l.open = !final
	if final {
		shown = append(shown, r)
	}
	console, consoleLevel := l.console, l.consoleLevel
	if l.readers != nil {
		l.readers.Broadcast()
	}
	k.logMu.Unlock()
	for _, r := range shown {
		if console != nil && r.Level < consoleLevel {
			console(r.At, r.Text)
		}
	}
}

// finalLocked is how many records are final, the ones readers see.
// logMu held.
func (l *printkLog) finalLocked() uint64 {
	if l.open {
		return uint64(len(l.records) - 1)
	}
	return uint64(len(l.records))
}

// SetConsole sets where printk's messages are shown as they are logged
// (register_console), with the time since boot; nil stops showing them.
// Messages already logged are shown first, as a console registered late
// replays the log buffer.
func (k *Kernel) SetConsole(show func(at time.Duration, line string)) {
	k.logMu.Lock()
	k.log.console = show
	level := k.log.consoleLevel
	old := append([]LogRecord(nil), k.log.records[:k.log.finalLocked()]...)
	k.logMu.Unlock()
	if show == nil {
		return
	}
	for _, r := range old {
		if r.Level < level {
			show(r.At, r.Text)
		}
	}
}

// Dmesg returns the texts of the whole kernel log, cleared or not (its
// final records).
func (k *Kernel) Dmesg() []string {
	k.logMu.Lock()
	defer k.logMu.Unlock()
	out := make([]string, k.log.finalLocked())
	for i, r := range k.log.records[:len(out)] {
		out[i] = r.Text
	}
	return out
}

// mayReadLog is check_syslog_permissions for reading the whole log
// (syslog's READ_ALL, or opening /dev/kmsg): with dmesg_restrict set it
// takes CAP_SYSLOG, or CAP_SYS_ADMIN (which the kernel warns of once).
func (t *Task) mayReadLog() error {
	if !dmesgRestrict {
		return nil
	}
	return t.maySyslog()
}

// maySyslog is check_syslog_permissions for the actions that change
// the log or the console.
func (t *Task) maySyslog() error {
	c := t.Cred()
	if c.HasCap(linux.CAP_SYSLOG) || c.HasCap(linux.CAP_SYS_ADMIN) {
		return nil
	}
	return linux.EPERM
}

// KernelLog is reading /dev/kmsg from where a reader starts (SEEK_DATA,
// as dmesg does): the records since the last clear.
func (t *Task) KernelLog() ([]LogRecord, error) {
	if err := t.mayReadLog(); err != nil {
		return nil, err
	}
	k := t.k
	k.logMu.Lock()
	defer k.logMu.Unlock()
	return append([]LogRecord(nil), k.log.records[k.log.clearSeq:k.log.finalLocked()]...), nil
}

// ClearKernelLog is syslog(SYSLOG_ACTION_CLEAR): later reads start after
// the records there are now.
func (t *Task) ClearKernelLog() error {
	if err := t.maySyslog(); err != nil {
		return err
	}
	k := t.k
	k.logMu.Lock()
	k.log.clearSeq = k.log.finalLocked()
	k.logMu.Unlock()
	return nil
}

// SetConsoleLoglevel is syslog(SYSLOG_ACTION_CONSOLE_LEVEL): the console
// shows messages below level (1 to 8), and is on again if it was off.
func (t *Task) SetConsoleLoglevel(level int) error {
	if err := t.maySyslog(); err != nil {
		return err
	}
	if level < 1 || level > 8 {
		return linux.EINVAL
	}
	k := t.k
	k.logMu.Lock()
	k.log.consoleLevel = max(level, minimumConsoleLoglevel)
	k.log.savedLevel = -1
	k.logMu.Unlock()
	return nil
}

// SetConsoleLogging is syslog(SYSLOG_ACTION_CONSOLE_OFF) and _ON: off
// keeps only the most urgent messages from the console until it is on.
func (t *Task) SetConsoleLogging(on bool) error {
	if err := t.maySyslog(); err != nil {
		return err
	}
	k := t.k
	k.logMu.Lock()
	defer k.logMu.Unlock()
	l := &k.log
	switch {
	case !on && l.savedLevel < 0:
		l.savedLevel = l.consoleLevel
		l.consoleLevel = minimumConsoleLoglevel
	case on && l.savedLevel >= 0:
		l.consoleLevel = l.savedLevel
		l.savedLevel = -1
	}
	return nil
}

// RateLimit is struct ratelimit_state with the default interval and
// burst (DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST): ten
// messages in five seconds. The zero value is ready.
type RateLimit struct {
	mu      sync.Mutex
	started bool
	begin   time.Duration
	left    int
	missed  int
}

const (
	rateLimitInterval = 5 * time.Second
	rateLimitBurst    = 10
)

// Allow is __ratelimit called in the function fn: whether a message may
// be printed now. The first call of a new interval first logs how many
// the last one suppressed, as "fn: N callbacks suppressed".
func (r *RateLimit) Allow(k *Kernel, fn string) bool {
	return r.allowAt(k, fn, k.Uptime())
}

func (r *RateLimit) allowAt(k *Kernel, fn string, now time.Duration) bool {
	r.mu.Lock()
	if !r.started {
		r.started, r.begin, r.left = true, now, rateLimitBurst
	}
	missed := 0
	if now > r.begin+rateLimitInterval {
		r.begin, r.left = now, rateLimitBurst
		missed, r.missed = r.missed, 0
	}
	ok := r.left > 0
	if ok {
		r.left--
	} else {
		r.missed++
	}
	r.mu.Unlock()
	if missed > 0 {
		k.Printk(fmt.Sprintf("%s%s: %d callbacks suppressed", KernWarning, fn, missed))
	}
	return ok
}

// RateLimit is the state of the kernel-wide limit of a call site (the
// static state of printk_ratelimited and pr_*_ratelimited), named by
// the site's function.
func (k *Kernel) RateLimit(site string) *RateLimit {
	k.logMu.Lock()
	defer k.logMu.Unlock()
	if k.log.limits == nil {
		k.log.limits = make(map[string]*RateLimit)
	}
	r := k.log.limits[site]
	if r == nil {
		r = &RateLimit{}
		k.log.limits[site] = r
	}
	return r
}
