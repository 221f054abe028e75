// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// measureLong widens the columns of -l for one stat'ed entry.
func (l *lister) measureLong(w *lsWidths, e *lsEntry) {
	o := l.o
	if o.owner {
		w.owner = max(w.owner, len(l.owner(e.st.UID, false)))
	}
	if o.group {
		w.group = max(w.group, len(l.owner(e.st.GID, true)))
	}
	if o.author {
		w.author = max(w.author, len(l.owner(e.st.UID, false)))
	}
	w.nlink = max(w.nlink, len(strconv.FormatUint(uint64(e.st.Nlink), 10)))
	m := uint32(e.st.Mode)
	if applet.IsChr(m) || applet.IsBlk(m) {
		w.major = max(w.major, len(strconv.FormatUint(uint64(e.st.RdevMajor), 10)))
		w.minor = max(w.minor, len(strconv.FormatUint(uint64(e.st.RdevMinor), 10)))
		w.size = max(w.size, w.major+2+w.minor)
	} else {
		w.size = max(w.size, len(l.fileSize(e.st.Size)))
	}
}

// fileSize is the size column of -l, in --block-size units (bytes unless
// an option or LS_BLOCK_SIZE says otherwise).
func (l *lister) fileSize(n int64) string {
	return l.o.fileBlockStyle.Amount(uint64(n), 1, l.o.fileBlockSize)
}

// longLine is one line of ls -l.
func (l *lister) longLine(e *lsEntry, w *lsWidths) string {
	var b strings.Builder
	b.WriteString(l.frills(e, w))
	if e.statOK {
		fmt.Fprintf(&b, "%s %*d ", applet.ModeString(uint32(e.st.Mode)), w.nlink, e.st.Nlink)
	} else {
		fmt.Fprintf(&b, "%c????????? %*s ", applet.ModeString(e.typ)[0], w.nlink, "?")
	}
	b.WriteString(l.ownerColumns(e, w))
	b.WriteString(l.sizeColumn(e, w))
	b.WriteString(l.date(e) + " ")
	b.WriteString(l.shownName(e, w, false))
	if e.target != "" {
		b.WriteString(" -> " + l.shownName(e, w, true))
		if l.o.indicator != lsIndNone && e.linkOK {
			b.WriteString(typeIndicator(l.o.indicator, e.linkMode&0o170000, uint16(e.linkMode), true))
		}
	} else if !applet.IsLink(e.typ) {
		b.WriteString(l.indicator(e))
	}
	b.WriteByte(l.o.eol)
	return b.String()
}

// ownerColumns are the owner, group, author and context columns: names
// to the left, numbers (IDs without a name) to the right.
func (l *lister) ownerColumns(e *lsEntry, w *lsWidths) string {
	column := func(id uint32, width int, group bool) string {
		name := l.owner(id, group)
		if !e.statOK {
			return fmt.Sprintf("%-*s ", width, "?")
		}
		if !l.o.numeric && name != strconv.FormatUint(uint64(id), 10) {
			return fmt.Sprintf("%-*s ", width, name)
		}
		return fmt.Sprintf("%*s ", width, name)
	}
	s := ""
	if l.o.owner {
		s += column(e.st.UID, w.owner, false)
	}
	if l.o.group {
		s += column(e.st.GID, w.group, true)
	}
	if l.o.author {
		s += column(e.st.UID, w.author, false) // Linux has no separate author
	}
	if l.o.scontext {
		s += fmt.Sprintf("%-*s ", w.scontext, "?")
	}
	return s
}

// owner is a user (or group) column: the ID's name, or its number.
func (l *lister) owner(id uint32, group bool) string {
	switch {
	case l.o.numeric:
		return strconv.FormatUint(uint64(id), 10)
	case group:
		return groupName(l.c.Task, id, "")
	}
	return userName(l.c.Task, id, "")
}

// sizeColumn is the size, or a device's major and minor numbers.
func (l *lister) sizeColumn(e *lsEntry, w *lsWidths) string {
	m := uint32(e.st.Mode)
	if e.statOK && (applet.IsChr(m) || applet.IsBlk(m)) {
		pad := max(0, w.size-(w.major+2+w.minor))
		return fmt.Sprintf("%*d, %*d ", w.major+pad, e.st.RdevMajor, w.minor, e.st.RdevMinor)
	}
	size := "?"
	if e.statOK {
		size = l.fileSize(e.st.Size)
	}
	return fmt.Sprintf("%*s ", w.size, size)
}

// date is the time column in the time style: the recent format for times
// within the past six months, the other for older or future times.
func (l *lister) date(e *lsEntry) string {
	ts := l.when(e)
	if !e.statOK {
		return fmt.Sprintf("%*s", len(l.formatTime(vfs.Timespec{}, false)), "?")
	}
	const halfYear = 31556952 / 2
	if ts.After(l.now) {
		l.now = l.c.Task.Kernel().Now() // it may have been modified since ls began
	}
	past := vfs.Timespec{Sec: l.now.Sec - halfYear, Nsec: l.now.Nsec}
	return l.formatTime(ts, ts.After(past) && l.now.After(ts))
}

// formatTime formats a time in UTC (the tests' TZ) with the time style.
func (l *lister) formatTime(ts vfs.Timespec, recent bool) string {
	f := l.o.timeFormat[0]
	if recent {
		f = l.o.timeFormat[1]
	}
	return strftime(f, time.Unix(ts.Sec, ts.Nsec).In(time.UTC))
}
