// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lsipc(1) of util-linux 2.38: the System V objects of one kind (-m, -q,
// -s) as a table, or the namespace's limits and usage (the default, or
// -g), or one object field by field (-i ID). Columns are chosen as lsipc
// chooses them: each kind's defaults, -c and -t adding some, -o
// replacing them (or adding, with a leading '+').

// lsipcCol is one column: its name, its name in the field-by-field
// output, and whether it is aligned right.
type lsipcCol struct {
	name, pretty string
	right        bool
}

// Column ids, in lsipc's order: generic, message queue, shared memory,
// semaphore, then the summary's.
const (
	lcKey = iota
	lcID
	lcOwner
	lcPerms
	lcCUID
	lcCUser
	lcCGID
	lcCGroup
	lcUID
	lcUser
	lcGID
	lcGroup
	lcCtime
	lcUsedBytes
	lcMsgs
	lcSend
	lcRecv
	lcLSPID
	lcLRPID
	lcSize
	lcNattch
	lcStatus
	lcAttach
	lcDetach
	lcCommand
	lcCPID
	lcLPID
	lcNsems
	lcOtime
	lcResource
	lcDesc
	lcLimit
	lcUsed
	lcUsePerc
	lcCount
)

var lsipcCols = [lcCount]lsipcCol{
	lcKey: {"KEY", "Key", false}, lcID: {"ID", "ID", false}, lcOwner: {"OWNER", "Owner", true},
	lcPerms: {"PERMS", "Permissions", true}, lcCUID: {"CUID", "Creator UID", true}, lcCUser: {"CUSER", "Creator user", false},
	lcCGID: {"CGID", "Creator GID", true}, lcCGroup: {"CGROUP", "Creator group", false}, lcUID: {"UID", "UID", true},
	lcUser: {"USER", "User name", false}, lcGID: {"GID", "GID", true}, lcGroup: {"GROUP", "Group name", false},
	lcCtime:     {"CTIME", "Last change", true},
	lcUsedBytes: {"USEDBYTES", "Bytes used", true}, lcMsgs: {"MSGS", "Messages", false}, lcSend: {"SEND", "Msg sent", true},
	lcRecv: {"RECV", "Msg received", true}, lcLSPID: {"LSPID", "Msg sender", true}, lcLRPID: {"LRPID", "Msg receiver", true},
	lcSize: {"SIZE", "Segment size", true}, lcNattch: {"NATTCH", "Attached processes", true}, lcStatus: {"STATUS", "Status", false},
	lcAttach: {"ATTACH", "Attach time", true}, lcDetach: {"DETACH", "Detach time", true}, lcCommand: {"COMMAND", "Creator command", false},
	lcCPID: {"CPID", "Creator PID", true}, lcLPID: {"LPID", "Last user PID", true},
	lcNsems: {"NSEMS", "Semaphores", true}, lcOtime: {"OTIME", "Last operation", true},
	lcResource: {"RESOURCE", "Resource", false}, lcDesc: {"DESCRIPTION", "Description", false},
	lcLimit: {"LIMIT", "Limit", true}, lcUsed: {"USED", "Used", true}, lcUsePerc: {"USE%", "Use", true},
}

// Time formats of --time-format.
const (
	lsipcTimeShort = iota + 1
	lsipcTimeFull
	lsipcTimeISO
)

type lsipcRun struct {
	c          *cmd
	cols       []int
	lower      int // the columns beyond the generic ones that apply
	upper      int
	bytes      bool
	numPerms   bool
	timeMode   int
	format     tableFormat
	pretty     bool
	noHeadings bool
	now        time.Time
	elems      *table // a semaphore array's elements, for -i
	kind       int    // the kind of the objects listed
	pairLines  bool   // -n: each NAME="value" on a line of its own
	varNames   bool   // -y: headers as shell variable names
	list       bool   // -l
}

func lsipcApplet(c *cmd) int {
	r := &lsipcRun{c: c, now: time.Unix(c.Task.Kernel().Now().Sec, 0).UTC()}
	opts := []getopt.Option{
		{Short: 'b', Long: "bytes"}, {Short: 'c', Long: "creator"}, {Short: 'e', Long: "export"},
		{Short: 'g', Long: "global"}, {Short: 'i', Long: "id", Arg: getopt.RequiredArg}, {Short: 'J', Long: "json"},
		{Short: 'l', Long: "list"}, {Short: 'm', Long: "shmems"}, {Short: 'n', Long: "newline"},
		{Long: "noheadings", ID: 1001}, {Long: "notruncate", ID: 1002}, {Short: 'o', Long: "output", Arg: getopt.RequiredArg},
		{Short: 'P', Long: "numeric-perms"}, {Short: 'q', Long: "queues"}, {Short: 'r', Long: "raw"},
		{Short: 's', Long: "semaphores"}, {Short: 't', Long: "time"}, {Long: "time-format", Arg: getopt.RequiredArg, ID: 1003},
		{Short: 'y', Long: "shell"},
		{Short: 'h', Long: "help", ID: applet.OptHelp}, {Short: 'V', Long: "version", ID: applet.OptVersion},
	}
	var kinds [3]bool
	global, showTime, showCreat, id, outArg, outGiven := false, false, false, int32(-1), "", false
	kindCols := map[int][]int{
		'q': {lcKey, lcID, lcPerms, lcOwner, lcUsedBytes, lcMsgs, lcLSPID, lcLRPID},
		'm': {lcKey, lcID, lcPerms, lcOwner, lcSize, lcNattch, lcStatus, lcCtime, lcCPID, lcLPID, lcCommand},
		's': {lcKey, lcID, lcPerms, lcOwner, lcNsems},
	}
	kindRange := map[int][2]int{'q': {lcUsedBytes, lcLRPID}, 'm': {lcSize, lcLPID}, 's': {lcNsems, lcOtime}}
	kindOf := map[int]int{'q': ipcMsgKind, 'm': ipcShmKind, 's': ipcSemKind}
	_, status, ok := c.GetoptEach(opts, false, helpTexts["lsipc"], func(o getopt.Parsed) bool {
		switch o.ID {
		case 'b':
			r.bytes = true
		case 'i':
			v, err := int32OrErr(o.Value, "failed to parse IPC identifier")
			if err != nil {
				c.warnf("%s", err)
				c.Exit(1)
				return false
			}
			id = v
		case 'e':
			r.format = formatPairs
		case 'n':
			r.format, r.pairLines = formatPairs, true
		case 'y':
			r.varNames = true
		case 'l':
			r.list = true // a table even for -i
		case 1002:
			// nothing is truncated anyway (no terminal)
		case 'r':
			r.format = formatRaw
		case 'J':
			r.format = formatJSON
		case 'o':
			outArg, outGiven = o.Value, true
		case 'g':
			global = true
		case 'q', 'm', 's':
			kinds[kindOf[o.ID]] = true
			r.cols = append(r.cols, kindCols[o.ID]...)
			r.lower, r.upper = kindRange[o.ID][0], kindRange[o.ID][1]
		case 'P':
			r.numPerms = true
		case 1001:
			r.noHeadings = true
		case 1003:
			m := map[string]int{"iso": lsipcTimeISO, "full": lsipcTimeFull, "short": lsipcTimeShort}[o.Value]
			if m == 0 {
				c.warnf("unknown time format: %s", o.Value)
				c.Exit(1)
				return false
			}
			r.timeMode = m
		case 't':
			showTime = true
		case 'c':
			showCreat = true
		}
		return true
	})
	if !ok {
		return status
	}
	if !kinds[0] && !kinds[1] && !kinds[2] {
		kinds, global = [3]bool{true, true, true}, true
		if showTime || showCreat || id != -1 {
			c.warnf("--global is mutually exclusive with --creator, --id and --time")
			return 1
		}
	}
	if global {
		r.cols = append(r.cols, lcResource, lcDesc, lcLimit, lcUsed, lcUsePerc)
		r.lower, r.upper = lcResource, lcUsePerc
	}
	if id != -1 && r.format == formatAligned && !r.list {
		r.pretty = true
	}
	if r.timeMode == 0 {
		r.timeMode = lsipcTimeShort
		if r.pretty {
			r.timeMode = lsipcTimeFull
		}
	}
	r.addExtraCols(kinds, showCreat, showTime, outGiven)
	if outGiven && !r.parseOutput(outArg) {
		return 1
	}
	tb := r.newTable()
	for _, kind := range []int{ipcMsgKind, ipcShmKind, ipcSemKind} {
		if !kinds[kind] {
			continue
		}
		if global {
			r.globalRows(tb, kind)
		} else {
			tb.jsonName = map[int]string{ipcMsgKind: "messages", ipcShmKind: "sharedmemory", ipcSemKind: "semaphores"}[kind]
			r.objectRows(tb, kind, id)
		}
	}
	if global {
		tb.jsonName = "ipclimits"
	}
	if r.pretty {
		r.printPretty(tb)
	} else {
		tb.render(c.Out)
	}
	return 0
}

// addExtraCols is what -c and -t add, or, for -i without them or -o,
// every column there is.
func (r *lsipcRun) addExtraCols(kinds [3]bool, showCreat, showTime, outGiven bool) {
	if r.pretty && !outGiven && !showCreat && !showTime {
		r.cols = r.cols[:0]
		for i := 0; i < lcCount; i++ {
			r.cols = append(r.cols, i)
		}
		return
	}
	if showCreat {
		r.cols = append(r.cols, lcCUID, lcCGID, lcUID, lcGID)
	}
	if !showTime {
		return
	}
	if kinds[ipcMsgKind] {
		r.cols = append(r.cols, lcSend, lcRecv, lcCtime)
	}
	if kinds[ipcShmKind] {
		cmd := len(r.cols) > 0 && r.cols[len(r.cols)-1] == lcCommand
		if cmd {
			r.cols = r.cols[:len(r.cols)-1]
		}
		r.cols = append(r.cols, lcAttach, lcDetach)
		if cmd {
			r.cols = append(r.cols, lcCommand)
		}
	}
	if kinds[ipcSemKind] {
		r.cols = append(r.cols, lcOtime, lcCtime)
	}
}

// parseOutput is -o: a list of column names replacing the columns, or
// added to them after a '+'. A kind's column must be one of the kind
// shown.
func (r *lsipcRun) parseOutput(list string) bool {
	if strings.HasPrefix(list, "+") {
		list = list[1:]
	} else {
		r.cols = r.cols[:0]
	}
	for _, name := range strings.Split(list, ",") {
		col := -1
		for i, d := range lsipcCols {
			if strings.EqualFold(d.name, name) {
				col = i
			}
		}
		switch {
		case col < 0:
			r.c.warnf("unknown column: %s", name)
			return false
		case col > lcCtime && (col < r.lower || col > r.upper):
			r.c.warnf("column %s does not apply to the specified IPC", name)
			return false
		}
		r.cols = append(r.cols, col)
	}
	return true
}

func (r *lsipcRun) newTable() *table {
	tb := &table{format: r.format, noHeader: r.noHeadings, utf8: localeIsUTF8(r.c), pairLines: r.pairLines, varNames: r.varNames}
	for _, id := range r.cols {
		d := lsipcCols[id]
		tb.addCol(&tableCol{header: d.name, right: d.right})
	}
	return tb
}

// globalRows are the limits and usage of a kind.
func (r *lsipcRun) globalRows(tb *table, kind int) {
	t := r.c.Task
	var lim ipcLimits
	ipcGetLimits(t, kind, &lim)
	recs := ipcRecords(t, kind, -1)
	switch kind {
	case ipcMsgKind:
		r.globalRow(tb, "MSGMNI", "Number of message queues", uint64(len(recs)), uint64(uint32(lim.msgmni)), true, false)
		r.globalRow(tb, "MSGMAX", "Max size of message (bytes)", 0, lim.msgmax, false, true)
		r.globalRow(tb, "MSGMNB", "Default max size of queue (bytes)", 0, uint64(uint32(lim.msgmnb)), false, true)
	case ipcShmKind:
		var sum uint64
		for _, rec := range recs {
			sum += rec.size
		}
		r.globalRow(tb, "SHMMNI", "Shared memory segments", uint64(len(recs)), lim.shmmni, true, false)
		r.globalRow(tb, "SHMALL", "Shared memory pages", sum/4096, lim.shmall, true, false)
		r.globalRow(tb, "SHMMAX", "Max size of shared memory segment (bytes)", 0, lim.shmmax, false, true)
		r.globalRow(tb, "SHMMIN", "Min size of shared memory segment (bytes)", 0, lim.shmmin, false, true)
	default:
		// lsipc adds the first array's size once per array.
		var nsems uint64
		for range recs {
			nsems += recs[0].size
		}
		r.globalRow(tb, "SEMMNI", "Number of semaphore identifiers", uint64(len(recs)), uint64(uint32(lim.semmni)), true, false)
		r.globalRow(tb, "SEMMNS", "Total number of semaphores", uint64(uint32(nsems)), uint64(uint32(lim.semmns)), true, false)
		r.globalRow(tb, "SEMMSL", "Max semaphores per semaphore set.", 0, uint64(uint32(lim.semmsl)), false, false)
		r.globalRow(tb, "SEMOPM", "Max number of operations per semop(2)", 0, uint64(uint32(lim.semopm)), false, false)
		r.globalRow(tb, "SEMVMX", "Semaphore max value", 0, uint64(lim.semvmx), false, false)
	}
}

func (r *lsipcRun) globalRow(tb *table, res, desc string, used, limit uint64, usage, byteUnit bool) {
	row := tb.addRow(nil)
	num := func(n uint64) string {
		if !byteUnit || r.bytes {
			return strconv.FormatUint(n, 10)
		}
		return size.UtilLinux.Format(n)
	}
	for i, id := range r.cols {
		switch id {
		case lcResource:
			row.cells[i] = res
		case lcDesc:
			row.cells[i] = desc
		case lcUsed:
			row.cells[i] = "-"
			if usage {
				row.cells[i] = num(used)
			}
		case lcUsePerc:
			row.cells[i] = "-"
			if usage {
				row.cells[i] = fmt.Sprintf("%2.2f%%", float64(used)/float64(limit)*100)
			}
		case lcLimit:
			row.cells[i] = num(limit)
		}
	}
}

// objectRows are the objects of a kind, or the one with id.
func (r *lsipcRun) objectRows(tb *table, kind int, id int32) {
	r.kind = kind
	recs := ipcRecords(r.c.Task, kind, id)
	if len(recs) == 0 && id > -1 {
		r.c.Out.Flush()
		r.c.warnf("id %d not found", id)
		return
	}
	for _, rec := range recs {
		row := tb.addRow(nil)
		for i, col := range r.cols {
			row.cells[i] = r.cell(kind, col, rec)
		}
		if kind == ipcSemKind && r.pretty {
			r.semElements(rec)
		}
	}
}

// cell is one column of an object.
func (r *lsipcRun) cell(kind, col int, rec ipcRecord) string {
	t := r.c.Task
	u := func(n uint32) string { return strconv.FormatUint(uint64(n), 10) }
	switch col {
	case lcKey:
		return fmt.Sprintf("0x%08x", uint32(rec.key))
	case lcID:
		return strconv.Itoa(int(rec.id))
	case lcOwner:
		if n := applet.UserName(t, rec.uid); n != "" {
			return n
		}
		return u(rec.uid)
	case lcPerms:
		if r.numPerms {
			return fmt.Sprintf("%#o", rec.mode&0o777)
		}
		return applet.ModeString(rec.mode & 0o777)[1:]
	case lcCUID:
		return u(rec.cuid)
	case lcCUser:
		return applet.UserName(t, rec.cuid)
	case lcCGID:
		if kind == ipcShmKind {
			return u(rec.cuid) // lsipc shows a segment's creator uid here
		}
		return u(rec.cgid)
	case lcCGroup:
		return applet.GroupName(t, rec.cgid)
	case lcUID:
		return u(rec.uid)
	case lcUser:
		return applet.UserName(t, rec.uid)
	case lcGID:
		return u(rec.gid)
	case lcGroup:
		return applet.GroupName(t, rec.gid)
	case lcCtime:
		return r.when(rec.ctime)
	}
	switch kind {
	case ipcMsgKind:
		return r.msgCell(col, rec)
	case ipcShmKind:
		return r.shmCell(col, rec)
	}
	switch col {
	case lcNsems:
		return strconv.FormatUint(rec.size, 10)
	case lcOtime:
		return r.when(rec.atime)
	}
	return ""
}

func (r *lsipcRun) msgCell(col int, rec ipcRecord) string {
	switch col {
	case lcUsedBytes:
		return r.sizeText(rec.size)
	case lcMsgs:
		return strconv.FormatUint(rec.nattch, 10)
	case lcSend:
		return r.when(rec.atime)
	case lcRecv:
		return r.when(rec.dtime)
	case lcLSPID:
		return strconv.FormatUint(uint64(uint32(rec.cpid)), 10)
	case lcLRPID:
		return strconv.FormatUint(uint64(uint32(rec.lpid)), 10)
	}
	return ""
}

func (r *lsipcRun) shmCell(col int, rec ipcRecord) string {
	switch col {
	case lcSize:
		return r.sizeText(rec.size)
	case lcNattch:
		return strconv.FormatUint(rec.nattch, 10)
	case lcStatus:
		var flags []string
		if rec.mode&linux.SHM_DEST != 0 {
			flags = append(flags, "dest")
		}
		if rec.mode&linux.SHM_LOCKED != 0 {
			if len(flags) > 0 {
				return "dest,locked"
			}
			flags = append(flags, "locked")
		}
		return strings.Join(flags, "")
	case lcAttach:
		return r.when(rec.atime)
	case lcDetach:
		return r.when(rec.dtime)
	case lcCPID:
		return strconv.FormatUint(uint64(uint32(rec.cpid)), 10)
	case lcLPID:
		return strconv.FormatUint(uint64(uint32(rec.lpid)), 10)
	case lcCommand:
		return r.cmdline(int32(rec.cpid))
	}
	return ""
}

// cmdline is the creator's command line, arguments joined by blanks, or
// nothing once it is gone.
func (r *lsipcRun) cmdline(pid int32) string {
	f, err := applet.OpenFile(r.c.Task, "/proc/"+strconv.Itoa(int(pid))+"/cmdline", linux.O_RDONLY, 0)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	return strings.TrimRight(strings.ReplaceAll(string(buf[:n]), "\x00", " "), " ")
}

func (r *lsipcRun) sizeText(n uint64) string {
	if r.bytes {
		return strconv.FormatUint(n, 10)
	}
	return size.UtilLinux.Format(n)
}

// when is a time in the chosen format; nothing for none.
func (r *lsipcRun) when(sec int64) string {
	if sec == 0 {
		return ""
	}
	tm := time.Unix(sec, 0).UTC()
	switch r.timeMode {
	case lsipcTimeFull:
		return tm.Format("Mon Jan _2 15:04:05 2006")
	case lsipcTimeISO:
		return tm.Format("2006-01-02T15:04:05-07:00")
	}
	switch {
	case tm.YearDay() == r.now.YearDay() && tm.Year() == r.now.Year():
		return tm.Format("15:04")
	case tm.Year() == r.now.Year():
		return tm.Format("Jan02")
	}
	return tm.Format("2006-Jan02")
}

// printPretty is -i's output: "Name:" and the value in a field 36 wide,
// each column a line, cells without data left out (a segment's status
// has data, if empty); a semaphore array's elements follow as a table.
func (r *lsipcRun) printPretty(tb *table) {
	out := r.c.Out
	if len(tb.rows) == 0 {
		return
	}
	row := tb.rows[0]
	for i, id := range r.cols {
		name := lsipcCols[id].pretty
		if v := row.cells[i]; v != "" || id == lcStatus && r.kind == ipcShmKind {
			fmt.Fprintf(out, "%s:%*c%-36s\n", name, 35-len(name), ' ', v)
		}
	}
	if r.elems != nil {
		fmt.Fprint(out, "Elements:\n\n")
		r.elems.render(out)
	}
}

// semElements is the table of a semaphore array's elements for -i.
func (r *lsipcRun) semElements(rec ipcRecord) {
	t := r.c.Task
	tb := &table{format: formatAligned, utf8: localeIsUTF8(r.c)}
	for _, h := range []string{"SEMNUM", "VALUE", "NCOUNT", "ZCOUNT", "PID", "COMMAND"} {
		tb.addCol(&tableCol{header: h, right: true})
	}
	for i := 0; i < int(rec.size); i++ {
		row := tb.addRow(nil)
		row.cells[0] = strconv.Itoa(i)
		for j, cmd := range []int{linux.GETVAL, linux.GETNCNT, linux.GETZCNT, linux.GETPID} {
			v, _ := t.Semctl(rec.id, i, cmd, vfs.SemArg{})
			row.cells[j+1] = strconv.Itoa(int(v))
		}
		if pid, _ := strconv.Atoi(row.cells[4]); pid > 0 {
			row.cells[5] = r.cmdline(int32(pid))
		}
	}
	r.elems = tb
}
