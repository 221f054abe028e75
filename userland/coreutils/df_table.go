// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// dfColumnKind is one of the columns df can show.
type dfColumnKind uint8

const (
	dfColSource dfColumnKind = iota
	dfColFstype
	dfColSize
	dfColUsed
	dfColAvail
	dfColPcent
	dfColItotal
	dfColIused
	dfColIavail
	dfColIpcent
	dfColTarget
	dfColFile
)

// dfColumnSpec is a column's --output name, caption and layout.
type dfColumnSpec struct {
	name     string
	caption  string
	minWidth int
	left     bool
}

var dfColumnSpecs = [...]dfColumnSpec{
	dfColSource: {"source", "Filesystem", 14, true},
	dfColFstype: {"fstype", "Type", 4, true},
	dfColSize:   {"size", "blocks", 5, false},
	dfColUsed:   {"used", "Used", 5, false},
	dfColAvail:  {"avail", "Available", 5, false},
	dfColPcent:  {"pcent", "Use%", 4, false},
	dfColItotal: {"itotal", "Inodes", 5, false},
	dfColIused:  {"iused", "IUsed", 5, false},
	dfColIavail: {"iavail", "IFree", 5, false},
	dfColIpcent: {"ipcent", "IUse%", 4, false},
	dfColTarget: {"target", "Mounted on", 0, true},
	dfColFile:   {"file", "File", 0, true},
}

// dfEveryColumn is the order of a bare --output.
var dfEveryColumn = []dfColumnKind{dfColSource, dfColFstype, dfColItotal, dfColIused,
	dfColIavail, dfColIpcent, dfColSize, dfColUsed, dfColAvail, dfColPcent, dfColFile, dfColTarget}

// addOutputColumns adds the columns an --output list names.
func (s *dfSettings) addOutputColumns(c *cmd, list string) bool {
	for _, name := range strings.Split(list, ",") {
		kind := -1
		for k, spec := range dfColumnSpecs {
			if spec.name == name {
				kind = k
			}
		}
		if kind < 0 {
			c.Errorf("option --output: field %s unknown", c.QuoteArg(name))
			return false
		}
		for _, have := range s.columns {
			if have == dfColumnKind(kind) {
				c.Errorf("option --output: field %s used more than once", c.QuoteArg(name))
				return false
			}
		}
		s.columns = append(s.columns, dfColumnKind(kind))
	}
	return true
}

// columnList is the columns of the layout.
func (s *dfSettings) columnList() []dfColumnKind {
	var cols []dfColumnKind
	lead := func() {
		cols = append(cols, dfColSource)
		if s.withType {
			cols = append(cols, dfColFstype)
		}
	}
	switch s.layout {
	case dfLayoutOutput:
		if len(s.columns) == 0 {
			return dfEveryColumn
		}
		return s.columns
	case dfLayoutInodes:
		lead()
		cols = append(cols, dfColItotal, dfColIused, dfColIavail, dfColIpcent)
	default:
		lead()
		cols = append(cols, dfColSize, dfColUsed, dfColAvail, dfColPcent)
	}
	return append(cols, dfColTarget)
}

// caption is a column's heading in the layout.
func (s *dfSettings) caption(k dfColumnKind) string {
	human := s.layout == dfLayoutHuman || s.layout == dfLayoutOutput
	switch {
	case k == dfColSize && s.layout == dfLayoutPOSIX:
		return strconv.FormatUint(s.units.Size, 10) + "-blocks"
	case k == dfColSize && (s.layout == dfLayoutBlocks || (s.layout == dfLayoutOutput && !s.units.Style.Scale)):
		return s.blockCaption()
	case k == dfColSize && human:
		return "Size"
	case k == dfColAvail && human:
		return "Avail"
	case k == dfColPcent && s.layout == dfLayoutPOSIX:
		return "Capacity"
	}
	return dfColumnSpecs[k].caption
}

// blockCaption is "1K-blocks", "1MB-blocks", "3B-blocks" and the like: the
// block size in the unit that divides it, powers of 1024 where both or
// neither divide and the block size was given in them.
func (s *dfSettings) blockCaption() string {
	bs := s.units.Size
	binary := s.units.Style.Unit && !s.units.Style.SI
	for q1000, q1024 := bs, bs; ; q1000, q1024 = q1000/1000, q1024/1024 {
		by1000, by1024 := q1000%1000 == 0, q1024%1024 == 0
		if by1000 != by1024 {
			binary = by1024
			break
		}
		if !by1000 {
			break
		}
	}
	st := size.Style{Scale: true, Unit: true, TrimZero: true, SI: !binary,
		Bytes: !binary || s.units.Style.Bytes}
	return st.Format(bs) + "-blocks"
}

// dfReport is one run of df: the settings, the mount table and the rows.
type dfReport struct {
	c      *cmd
	s      *dfSettings
	mounts []*dfMount
	byDev  dfDevices // with -a: the entry that speaks for each device
	listed bool      // FILE operands were given
	cols   []dfColumnKind
	rows   [][]string
	shown  bool // some file system made it into the table
	totals dfTotals
	status int
}

// dfRowSource is what a row is about.
type dfRowSource struct {
	mount    *dfMount
	noSource bool   // the source is not known ("-")
	file     string // the operand, "" for none
	statName string // what to statfs, "" for the target
	fromList bool   // the row of a full listing
}

// dfApplet is df(1).
func dfApplet(c *cmd) int {
	s, files, status, done := dfParse(c)
	if done {
		return status
	}
	r := &dfReport{c: c, s: s, listed: len(files) > 0, cols: s.columnList()}
	var ops []dfOperand
	for _, name := range files {
		st, err := r.statOperand(name)
		if err != nil {
			c.Errorf("%s: %s", dfQuoteName(name), applet.ErrText(err))
			r.status = 1
			continue
		}
		ops = append(ops, dfOperand{name, st})
	}
	mounts, err := r.loadMounts()
	if err != nil {
		// Operands alone can do without the table.
		fatal := len(files) == 0 || s.all || s.local || s.onlyTypes != nil || s.skipTypes != nil
		msg := "cannot read table of mounted file systems"
		if !fatal {
			msg = "Warning: " + msg
		}
		if err != errDfEmptyTable {
			msg += ": " + applet.ErrText(err)
		}
		c.Errorf("%s", msg)
		if fatal {
			return 1
		}
	}
	r.mounts = mounts
	r.addHeader()
	if r.listed {
		for _, op := range ops {
			r.showOperand(op)
		}
	} else {
		r.showAll()
	}
	if !r.shown {
		if r.status == 0 {
			c.Errorf("no file systems processed")
			return 1
		}
		return r.status
	}
	if s.total {
		r.addTotal()
	}
	r.print()
	return r.status
}

// showAll lists the mount table: every entry with -a, else one per
// device.
func (r *dfReport) showAll() {
	kept, byDev := r.pickPerDevice(r.mounts)
	list := kept
	if r.s.all {
		list, r.byDev = r.mounts, byDev
	}
	for _, m := range list {
		r.addRow(dfRowSource{mount: m, fromList: true})
	}
}

func (r *dfReport) addHeader() {
	row := make([]string, len(r.cols))
	for i, k := range r.cols {
		row[i] = r.s.caption(k)
	}
	r.rows = append(r.rows, row)
}

// addRow adds the row of a file system, unless the settings leave it out
// or its numbers cannot be had.
func (r *dfReport) addRow(src dfRowSource) {
	m := src.mount
	if r.s.hidden(m, r.listed) || !strings.HasPrefix(m.target, "/") {
		return
	}
	statName := src.statName
	if statName == "" {
		statName = m.target
	}
	fstype := m.fstype
	u, err := r.fsUsageOf(statName)
	switch {
	case err != nil && src.fromList && (errors.Is(err, linux.EACCES) || errors.Is(err, linux.ENOENT)):
		if !r.s.all {
			return
		}
		fstype, u = "-", unknownUsage()
	case err != nil:
		r.c.Errorf("%s: %s", dfQuoteName(statName), applet.ErrText(err))
		r.status = 1
		return
	case src.fromList && r.s.all && r.hiddenBehind(m, statName):
		fstype, u = "-", unknownUsage()
	}
	if u.blocks == 0 && !r.s.all && !r.listed {
		return
	}
	r.shown = true
	source := m.source
	if src.noSource {
		source = "-"
	} else if src.fromList && dfUUIDTail(source) {
		if s, err := r.c.canonicalize(source, canExisting); err == nil {
			source = s
		}
	}
	if r.s.total {
		r.totals.add(u)
	}
	r.addCells(source, fstype, src.file, m.target, u)
}

// hiddenBehind is whether, in an -a listing, the directory m was mounted
// on now shows another file system (mounted over it): its numbers are
// then not m's.
func (r *dfReport) hiddenBehind(m *dfMount, statName string) bool {
	st, err := r.c.Task.Stat(statName)
	if err != nil {
		return false
	}
	other := r.byDev[devOf(&st)]
	return other != nil && other.source != m.source && (!other.remote || !m.remote)
}

// dfUUIDTail is whether a source ends in a UUID (a /dev/disk/by-uuid
// link, shown resolved).
func dfUUIDTail(s string) bool {
	if len(s) <= 36 {
		return false
	}
	for _, c := range []byte(s[len(s)-36:]) {
		if c != '-' && !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

// addTotal adds the --total line.
func (r *dfReport) addTotal() {
	u := r.totals.usage()
	if u.blocks == 0 && !r.s.all && !r.listed {
		return
	}
	target := "total"
	for _, k := range r.cols {
		if k == dfColSource {
			target = "-"
		}
	}
	r.addCells("total", "-", "", target, u)
}

// amount writes a count of from-byte units in the output units.
func (r *dfReport) amount(q dfCount, from, to uint64) string {
	if !q.known {
		return "-"
	}
	text := r.s.units.Style.Amount(q.n, from, to)
	if q.neg {
		return "-" + text
	}
	return text
}

func (r *dfReport) addCells(source, fstype, file, target string, u fsUsage) {
	if fstype == "" {
		fstype = "-"
	}
	if file == "" {
		file = "-"
	}
	blocks, inodes := u.blockGauge(), u.inodeGauge()
	row := make([]string, len(r.cols))
	for i, k := range r.cols {
		var cell string
		g, to := blocks, r.s.units.Size
		if k >= dfColItotal && k <= dfColIpcent {
			g, to = inodes, 1
		}
		switch k {
		case dfColSource:
			cell = source
		case dfColFstype:
			cell = fstype
		case dfColSize, dfColItotal:
			cell = r.amount(g.size, g.unit, to)
		case dfColUsed, dfColIused:
			cell = r.amount(g.used, g.unit, to)
		case dfColAvail, dfColIavail:
			cell = r.amount(g.avail, g.unit, to)
		case dfColPcent, dfColIpcent:
			cell = g.percent()
		case dfColFile:
			cell = file
		case dfColTarget:
			cell = target
		}
		row[i] = cell
	}
	r.rows = append(r.rows, row)
}

// print writes the table: control characters as '?', each column as wide
// as its widest cell (or its minimum), text to the left, numbers to the
// right, the last column not padded after.
func (r *dfReport) print() {
	widths := make([]int, len(r.cols))
	for i, k := range r.cols {
		widths[i] = dfColumnSpecs[k].minWidth
	}
	for _, row := range r.rows {
		for i, cell := range row {
			row[i] = dfPrintable(cell)
			widths[i] = max(widths[i], len(row[i]))
		}
	}
	var b strings.Builder
	for _, row := range r.rows {
		for i, cell := range row {
			if i > 0 {
				b.WriteByte(' ')
			}
			pad := strings.Repeat(" ", widths[i]-len(cell))
			switch {
			case !dfColumnSpecs[r.cols[i]].left:
				b.WriteString(pad + cell)
			case i == len(row)-1:
				b.WriteString(cell)
			default:
				b.WriteString(cell + pad)
			}
		}
		b.WriteByte('\n')
	}
	r.c.Out.WriteString(b.String())
}

// dfPrintable replaces control bytes by '?'.
func dfPrintable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c == 0x7f {
			b[i] = '?'
		}
	}
	return string(b)
}
