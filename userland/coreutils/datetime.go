// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// The free-form dates of touch -d and date -d, read the way gnulib's
// parse_datetime reads them (in UTC, the scripts' TZ): a sequence of
// items, each a calendar date, a time of day (with am/pm and a zone
// offset), a zone name, a day of the week, a relative amount ("3 days
// ago", "next week", "tomorrow") or a plain number whose meaning depends
// on what came before it.

// dtToken is one lexical item of a date string.
type dtToken struct {
	kind   byte   // 'n' number, 's' signed number, 'w' word, or the punctuation itself
	num    int64  // the number's value (signed for 's')
	digits int    // how many digits the number had
	frac   int64  // nanoseconds after a decimal point, for seconds
	isDec  bool   // the number had a fraction
	word   string // a word, lower case, without a trailing '.'
}

// dtLex splits s into tokens; a sign followed by digits (blanks may sit
// between them) is a signed number, a sign before anything else is
// skipped, as the real lexer does.
func dtLex(s string) ([]dtToken, bool) {
	var toks []dtToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			i++
		case c == '(':
			depth := 0 // comments, nested
			for ; i < len(s); i++ {
				if s[i] == '(' {
					depth++
				} else if s[i] == ')' {
					if depth--; depth == 0 {
						i++
						break
					}
				}
			}
			if depth > 0 {
				return nil, false
			}
		case c == '+' || c == '-' || isDigit(c):
			j := i
			sign := int64(1)
			if !isDigit(c) {
				if c == '-' {
					sign = -1
				}
				for j++; j < len(s) && strings.IndexByte(" \t\n\v\f\r", s[j]) >= 0; j++ {
				}
				if j == len(s) || !isDigit(s[j]) {
					i++
					continue
				}
			}
			tok, end := dtNumber(s, j)
			if c == '+' || c == '-' {
				tok.kind, tok.num = 's', sign*tok.num
				if tok.isDec && sign < 0 {
					tok.frac = -tok.frac
				}
			}
			toks = append(toks, tok)
			i = end
		case isAlpha(c):
			j := i
			for j < len(s) && (isAlpha(s[j]) || s[j] == '.') {
				j++
			}
			w := strings.ToLower(strings.TrimRight(s[i:j], "."))
			toks = append(toks, dtToken{kind: 'w', word: w})
			i = j
		default:
			toks = append(toks, dtToken{kind: c})
			i++
		}
	}
	return toks, true
}

// dtNumber reads digits at s[i:], with a fraction after '.' or ','.
func dtNumber(s string, i int) (dtToken, int) {
	j := i
	var n int64
	for j < len(s) && isDigit(s[j]) {
		if n < 1e15 {
			n = n*10 + int64(s[j]-'0')
		}
		j++
	}
	tok := dtToken{kind: 'n', num: n, digits: j - i}
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigit(s[j+1]) {
		j++
		scale := int64(1e8)
		for ; j < len(s) && isDigit(s[j]); j++ {
			tok.frac += int64(s[j]-'0') * scale
			scale /= 10
		}
		tok.isDec = true
	}
	return tok, j
}

// dtState is what the items said so far.
type dtState struct {
	toks []dtToken
	pos  int

	year, month, day     int64
	yearDigits           int
	hour, min, sec, nsec int64
	meridian             byte // 'a', 'p' or 0
	zone                 int64
	dayOrdinal, weekday  int64
	relYear, relMonth    int64
	relDay, relHour      int64
	relMin, relSec       int64
	relNsec              int64

	dates, times, zones, days, rels int
}

// parseDate reads a -d string; now is the time it is relative to.
func parseDate(s string, now vfs.Timespec) (vfs.Timespec, bool) {
	if rest, ok := strings.CutPrefix(strings.TrimLeft(s, " \t\n\v\f\r"), "@"); ok {
		return parseEpoch(strings.TrimSpace(rest))
	}
	toks, ok := dtLex(s)
	if !ok {
		return vfs.Timespec{}, false
	}
	st := &dtState{toks: toks}
	for st.pos < len(st.toks) {
		if !st.item() {
			return vfs.Timespec{}, false
		}
	}
	if st.dates > 1 || st.times > 1 || st.zones > 1 || st.days > 1 {
		return vfs.Timespec{}, false
	}
	return st.resolve(now.Time().UTC())
}

func (st *dtState) peek(k int) dtToken {
	if st.pos+k < len(st.toks) {
		return st.toks[st.pos+k]
	}
	return dtToken{}
}

// item consumes one item; false on a syntax error.
func (st *dtState) item() bool {
	t := st.peek(0)
	switch t.kind {
	case 'w':
		return st.wordItem()
	case 'n':
		return st.numberItem()
	case 's':
		if u, ok := dtUnit(st.peek(1)); ok {
			st.pos += 2
			st.addRel(u, t.num)
			return st.ago(u, t.num)
		}
		return false
	case ',':
		st.pos++
		return true
	}
	return false
}

// wordItem is a month, day, zone, meridian-free word or relative word.
func (st *dtState) wordItem() bool {
	w := st.peek(0).word
	if m, ok := dtMonths[dtShort(w)]; ok && dtIsName(w, "month") {
		return st.monthDate(m)
	}
	if d, ok := dtDays[dtShort(w)]; ok && dtIsName(w, "day") {
		st.pos++
		if st.peek(0).kind == ',' {
			st.pos++
		}
		st.days++
		st.weekday = d
		return true
	}
	if n, ok := dtOrdinals[w]; ok {
		next := st.peek(1)
		if next.kind == 'w' {
			if d, ok := dtDays[dtShort(next.word)]; ok && dtIsName(next.word, "day") {
				st.pos += 2
				st.days++
				st.dayOrdinal, st.weekday = n, d
				return true
			}
		}
		if u, ok := dtUnit(next); ok {
			st.pos += 2
			st.addRel(u, n)
			return st.ago(u, n)
		}
		return false
	}
	if shift, ok := dtDayShifts[w]; ok {
		st.pos++
		st.rels++
		st.relDay += shift
		return true
	}
	if u, ok := dtUnit(st.peek(0)); ok {
		st.pos++
		st.addRel(u, 1)
		return st.ago(u, 1)
	}
	if off, ok := dtZone(w); ok {
		st.pos++
		st.zones++
		st.zone = off
		if st.peek(0).kind == 'w' && st.peek(0).word == "dst" {
			st.pos++
			st.zone += 3600
		}
		if t := st.peek(0); t.kind == 's' && !t.isDec {
			// "UTC+2": an offset from the zone
			off, ok := st.offset()
			if !ok {
				return false
			}
			st.zone += off
		}
		return true
	}
	return false
}

// monthDate is "MONTH DAY [, YEAR]", "MONTH" alone or "MON-DD-YYYY".
func (st *dtState) monthDate(m int64) bool {
	st.pos++
	st.dates++
	st.month = m
	st.day = 1
	t := st.peek(0)
	switch {
	case t.kind == 's' && t.num < 0 && st.peek(1).kind == 's' && st.peek(1).num < 0:
		st.day = -t.num
		y := st.peek(1)
		st.year, st.yearDigits = -y.num, y.digits
		st.pos += 2
	case t.kind == 'n' && !t.isDec:
		st.day = t.num
		st.pos++
		if st.peek(0).kind == ',' && st.peek(1).kind == 'n' {
			y := st.peek(1)
			st.year, st.yearDigits = y.num, y.digits
			st.pos += 2
		}
	}
	return true
}

// numberItem is a date, a time, a relative amount or a plain number.
func (st *dtState) numberItem() bool {
	t := st.peek(0)
	next := st.peek(1)
	switch {
	case next.kind == ':':
		return st.timeOfDay()
	case next.kind == 'w' && (next.word == "am" || next.word == "pm" || next.word == "a.m" || next.word == "p.m"):
		st.pos += 2
		st.times++
		st.hour, st.min, st.sec, st.nsec = t.num, 0, 0, 0
		st.meridian = next.word[0]
		return st.zoneAfterTime()
	case next.kind == '/':
		return st.slashDate()
	case next.kind == 's' && next.num < 0 && st.peek(2).kind == 's' && st.peek(2).num < 0 && !t.isDec:
		// ISO 8601: YEAR-MONTH-DAY
		st.pos += 3
		st.dates++
		st.year, st.yearDigits = t.num, t.digits
		st.month, st.day = -next.num, -st.peek(-1).num
		return st.isoTime()
	case next.kind == 'w':
		if m, ok := dtMonths[dtShort(next.word)]; ok && dtIsName(next.word, "month") {
			st.pos += 2
			st.dates++
			st.day, st.month = t.num, m
			if y := st.peek(0); y.kind == 's' && y.num < 0 {
				st.year, st.yearDigits = -y.num, y.digits
				st.pos++
			} else if y.kind == 'n' && !y.isDec && st.peek(1).kind != ':' {
				st.year, st.yearDigits = y.num, y.digits
				st.pos++
			}
			return true
		}
		if u, ok := dtUnit(next); ok {
			st.pos += 2
			st.addRel(u, t.num)
			return st.ago(u, t.num)
		}
		if d, ok := dtDays[dtShort(next.word)]; ok && dtIsName(next.word, "day") {
			st.pos += 2
			st.days++
			st.dayOrdinal, st.weekday = t.num, d
			return true
		}
	}
	return st.plainNumber()
}

// isoTime is the 'T' between an ISO date and its time.
func (st *dtState) isoTime() bool {
	if t := st.peek(0); t.kind == 'w' && t.word == "t" {
		// The separator of an ISO 8601 date and time, never a zone.
		st.pos++
		return st.peek(0).kind == 'n' && st.peek(1).kind == ':'
	}
	return true
}

// slashDate is MONTH/DAY, MONTH/DAY/YEAR or YEAR/MONTH/DAY.
func (st *dtState) slashDate() bool {
	a, b := st.peek(0), st.peek(2)
	if b.kind != 'n' {
		return false
	}
	st.dates++
	if st.peek(3).kind == '/' && st.peek(4).kind == 'n' {
		c := st.peek(4)
		st.pos += 5
		if a.digits >= 3 {
			st.year, st.yearDigits, st.month, st.day = a.num, a.digits, b.num, c.num
		} else {
			st.month, st.day, st.year, st.yearDigits = a.num, b.num, c.num, c.digits
		}
		return true
	}
	st.pos += 3
	st.month, st.day = a.num, b.num
	return true
}

// timeOfDay is HH:MM[:SS[.FRAC]] with an optional meridian and zone.
func (st *dtState) timeOfDay() bool {
	h, m := st.peek(0), st.peek(2)
	if m.kind != 'n' || m.isDec || h.isDec {
		return false
	}
	st.pos += 3
	st.times++
	st.hour, st.min, st.sec, st.nsec = h.num, m.num, 0, 0
	if st.peek(0).kind == ':' && st.peek(1).kind == 'n' {
		s := st.peek(1)
		st.sec, st.nsec = s.num, s.frac
		st.pos += 2
	}
	if t := st.peek(0); t.kind == 'w' && (t.word == "am" || t.word == "pm" || t.word == "a.m" || t.word == "p.m") {
		st.meridian = t.word[0]
		st.pos++
	}
	return st.zoneAfterTime()
}

// zoneAfterTime takes a numeric offset written right after a time.
func (st *dtState) zoneAfterTime() bool {
	if t := st.peek(0); t.kind == 's' && !t.isDec {
		// Even before a unit ("10:00 -1 hour" is 10:00 at UTC-1, an
		// hour later), as the real grammar takes it.
		off, ok := st.offset()
		if !ok {
			return false
		}
		st.zones++
		st.zone = off
	}
	return true
}

// offset reads ±HH, ±HHMM or ±HH:MM as seconds east of UTC.
func (st *dtState) offset() (int64, bool) {
	t := st.peek(0)
	st.pos++
	n, neg := t.num, t.num < 0
	if neg {
		n = -n
	}
	var secs int64
	switch {
	case st.peek(0).kind == ':' && st.peek(1).kind == 'n':
		mins := st.peek(1).num
		st.pos += 2
		secs = n*3600 + mins*60
	case t.digits <= 2:
		secs = n * 3600
	default:
		secs = n/100*3600 + n%100*60
	}
	if secs > 24*3600 {
		return 0, false
	}
	if neg {
		secs = -secs
	}
	return secs, true
}

// plainNumber is parse_datetime's "number": a year after a date, a
// YYYYMMDD date, or HHMM / HH time.
func (st *dtState) plainNumber() bool {
	t := st.peek(0)
	if t.isDec {
		return false
	}
	st.pos++
	switch {
	case st.dates > 0 && st.yearDigits == 0 && st.rels == 0 && (st.times > 0 || t.digits > 2):
		st.year, st.yearDigits = t.num, t.digits
	case t.digits > 4:
		st.dates++
		st.day, st.month, st.year = t.num%100, t.num/100%100, t.num/10000
		st.yearDigits = t.digits - 4
	default:
		st.times++
		if t.digits <= 2 {
			st.hour, st.min = t.num, 0
		} else {
			st.hour, st.min = t.num/100, t.num%100
		}
		st.sec, st.nsec, st.meridian = 0, 0, 0
		return st.zoneAfterTime()
	}
	return true
}

// dtRelUnit is one relative unit's share of each field.
type dtRelUnit struct{ years, months, days, secs int64 }

// dtUnit is the unit a word names.
func dtUnit(t dtToken) (dtRelUnit, bool) {
	if t.kind != 'w' {
		return dtRelUnit{}, false
	}
	w := strings.TrimSuffix(t.word, "s")
	switch w {
	case "year":
		return dtRelUnit{years: 1}, true
	case "month":
		return dtRelUnit{months: 1}, true
	case "fortnight":
		return dtRelUnit{days: 14}, true
	case "week":
		return dtRelUnit{days: 7}, true
	case "day":
		return dtRelUnit{days: 1}, true
	case "hour":
		return dtRelUnit{secs: 3600}, true
	case "minute", "min":
		return dtRelUnit{secs: 60}, true
	case "second", "sec":
		return dtRelUnit{secs: 1}, true
	}
	return dtRelUnit{}, false
}

func (st *dtState) addRel(u dtRelUnit, n int64) {
	st.rels++
	st.relYear += u.years * n
	st.relMonth += u.months * n
	st.relDay += u.days * n
	st.relSec += u.secs * n
}

// ago negates the relative amount just added when "ago" follows it.
func (st *dtState) ago(u dtRelUnit, n int64) bool {
	if t := st.peek(0); t.kind == 'w' && t.word == "ago" {
		st.pos++
		st.addRel(u, -2*n)
		st.rels--
	}
	return true
}

// resolve turns the items into a time: the date and time given (today,
// midnight when only a date is given), moved to the day of the week, then
// the relative amounts added.
func (st *dtState) resolve(now time.Time) (vfs.Timespec, bool) {
	year, month, day := int64(now.Year()), int64(now.Month()), int64(now.Day())
	hour, min, sec, nsec := int64(now.Hour()), int64(now.Minute()), int64(now.Second()), int64(now.Nanosecond())
	if st.dates > 0 {
		month, day = st.month, st.day
		if st.yearDigits > 0 {
			year = st.year
			if st.yearDigits == 2 {
				year += map[bool]int64{true: 2000, false: 1900}[year < 69]
			}
		}
		if month < 1 || month > 12 || day < 1 || day > int64(daysIn(year, month)) {
			return vfs.Timespec{}, false
		}
	}
	switch {
	case st.times > 0:
		h, ok := applyMeridian(st.hour, st.meridian)
		if !ok || st.min > 59 || st.sec > 59 {
			return vfs.Timespec{}, false
		}
		hour, min, sec, nsec = h, st.min, st.sec, st.nsec
	case st.dates > 0 || st.days > 0 || st.rels == 0:
		hour, min, sec, nsec = 0, 0, 0, 0
	}
	t := time.Date(int(year), time.Month(month), int(day), int(hour), int(min), int(sec), int(nsec), time.UTC)
	if st.days > 0 && st.dates == 0 {
		wd := int64(t.Weekday())
		shift := (st.weekday - wd + 7) % 7
		ord := st.dayOrdinal
		if ord > 0 && wd != st.weekday {
			ord--
		}
		t = t.AddDate(0, 0, int(shift+7*ord))
	}
	if st.zones > 0 {
		t = t.Add(-time.Duration(st.zone) * time.Second)
	}
	t = t.AddDate(int(st.relYear), int(st.relMonth), int(st.relDay))
	t = t.Add(time.Duration(st.relSec) * time.Second)
	return vfs.TimespecOf(t), true
}

// applyMeridian turns a 12-hour clock's hour into a 24-hour one.
func applyMeridian(h int64, m byte) (int64, bool) {
	switch m {
	case 0:
		return h, h >= 0 && h <= 23
	case 'a':
		if h < 1 || h > 12 {
			return 0, false
		}
		return h % 12, true
	}
	if h < 1 || h > 12 {
		return 0, false
	}
	return h%12 + 12, true
}

func daysIn(year, month int64) int {
	return time.Date(int(year), time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dtShort is the word's first three letters, by which names are known.
func dtShort(w string) string {
	if len(w) > 3 {
		return w[:3]
	}
	return w
}

// dtIsName reports whether w is a month or day name: its three-letter
// abbreviation, "sept", "tues", "wednes", "thur", "thurs", or the full name.
func dtIsName(w, kind string) bool {
	if len(w) == 3 {
		return true
	}
	for _, full := range dtFullNames[kind] {
		if w == full {
			return true
		}
	}
	return false
}

var dtFullNames = map[string][]string{
	"month": {"january", "february", "march", "april", "june", "july", "august",
		"september", "sept", "october", "november", "december"},
	"day": {"sunday", "monday", "tuesday", "tues", "wednesday", "wednes",
		"thursday", "thur", "thurs", "friday", "saturday"},
}

var dtMonths = map[string]int64{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var dtDays = map[string]int64{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}

var dtOrdinals = map[string]int64{"last": -1, "this": 0, "next": 1, "first": 1,
	"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

var dtDayShifts = map[string]int64{"tomorrow": 1, "yesterday": -1, "today": 0, "now": 0}

// dtZone is a zone name's offset east of UTC in seconds: the universal
// ones, the common named zones, and the military letters.
func dtZone(w string) (int64, bool) {
	named := map[string]float64{"gmt": 0, "ut": 0, "utc": 0, "wet": 0, "west": 1, "bst": 1,
		"art": -3, "brt": -3, "brst": -2, "nst": -3.5, "ndt": -2.5, "ast": -4, "adt": -3,
		"clt": -4, "clst": -3, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
		"mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "hast": -10,
		"hadt": -9, "sst": -12, "wat": 1, "cet": 1, "cest": 2, "met": 1, "mez": 1,
		"mest": 2, "mesz": 2, "eet": 2, "eest": 3, "cat": 2, "sast": 2, "eat": 3,
		"msk": 3, "msd": 4, "ist": 5.5, "sgt": 8, "kst": 9, "jst": 9, "gst": 10,
		"nzst": 12, "nzdt": 13}
	if h, ok := named[w]; ok {
		return int64(h * 3600), true
	}
	if len(w) == 1 && w[0] != 'j' {
		c := int64(w[0])
		switch {
		case w == "z":
			return 0, true
		case c >= 'a' && c <= 'i':
			return (c - 'a' + 1) * 3600, true
		case c >= 'k' && c <= 'm':
			return (c - 'a') * 3600, true
		case c >= 'n' && c <= 'y':
			return -(c - 'n' + 1) * 3600, true
		}
	}
	return 0, false
}
