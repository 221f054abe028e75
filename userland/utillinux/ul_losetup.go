// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// losetup(8) from util-linux 2.38 (sys-utils/losetup.c) on the loop
// context of ul_loopdev.go.

// The actions of losetup (A_*).
const (
	ulLoActCreate = iota + 1
	ulLoActDelete
	ulLoActDeleteAll
	ulLoActShow
	ulLoActShowOne
	ulLoActFindFree
	ulLoActSetCapacity
	ulLoActSetDirectIO
	ulLoActSetBlocksize
)

// Option ids of the long-only options (OPT_*).
const (
	ulLoOptSizelimit = 1000 + iota
	ulLoOptShow
	ulLoOptRaw
	ulLoOptDio
	ulLoOptOutputAll
)

var ulLosetupOpts = []ulOpt{
	{short: 'a', long: "all"},
	{short: 'c', long: "set-capacity", arg: ulReqArg},
	{short: 'd', long: "detach", arg: ulReqArg},
	{short: 'D', long: "detach-all"},
	{short: 'f', long: "find"},
	{short: 'L', long: "nooverlap"},
	{short: 'h', long: "help"},
	{short: 'j', long: "associated", arg: ulReqArg},
	{short: 'J', long: "json"},
	{short: 'l', long: "list"},
	{short: 'b', long: "sector-size", arg: ulReqArg},
	{short: 'n', long: "noheadings"},
	{short: 'o', long: "offset", arg: ulReqArg},
	{short: 'O', long: "output", arg: ulReqArg},
	{long: "output-all", id: ulLoOptOutputAll},
	{long: "sizelimit", arg: ulReqArg, id: ulLoOptSizelimit},
	{short: 'P', long: "partscan"},
	{short: 'r', long: "read-only"},
	{long: "direct-io", arg: ulOptArg, id: ulLoOptDio},
	{long: "raw", id: ulLoOptRaw},
	{long: "show", id: ulLoOptShow},
	{short: 'v', long: "verbose"},
	{short: 'V', long: "version"},
}

var ulLosetupExcl = [][]int{
	{'D', 'a', 'c', 'd', 'f', 'j'},
	{'D', 'c', 'd', 'f', 'l'},
	{'D', 'c', 'd', 'f', 'O'},
	{'J', ulLoOptRaw},
}

// ulLoColumn is losetup's struct colinfo.
type ulLoColumn struct {
	name     string
	whint    float64
	right    bool
	jsonType int
	help     string
}

// The columns (COL_*), in the order of losetup's infos[] as --help and
// --output-all list them.
const (
	ulLoColName = iota
	ulLoColAutoclear
	ulLoColBackFile
	ulLoColBackIno
	ulLoColBackMajMin
	ulLoColMajMin
	ulLoColOffset
	ulLoColPartscan
	ulLoColRO
	ulLoColSizelimit
	ulLoColDio
	ulLoColLogSec
)

var ulLoColumns = []ulLoColumn{
	ulLoColName:       {"NAME", 0.25, false, ulJSONString, "loop device name"},
	ulLoColAutoclear:  {"AUTOCLEAR", 1, true, ulJSONBoolean, "autoclear flag set"},
	ulLoColBackFile:   {"BACK-FILE", 0.3, false, ulJSONString, "device backing file"},
	ulLoColBackIno:    {"BACK-INO", 4, true, ulJSONNumber, "backing file inode number"},
	ulLoColBackMajMin: {"BACK-MAJ:MIN", 6, false, ulJSONString, "backing file major:minor device number"},
	ulLoColMajMin:     {"MAJ:MIN", 3, false, ulJSONString, "loop device major:minor number"},
	ulLoColOffset:     {"OFFSET", 5, true, ulJSONNumber, "offset from the beginning"},
	ulLoColPartscan:   {"PARTSCAN", 1, true, ulJSONBoolean, "partscan flag set"},
	ulLoColRO:         {"RO", 1, true, ulJSONBoolean, "read-only device"},
	ulLoColSizelimit:  {"SIZELIMIT", 5, true, ulJSONNumber, "size limit of the file in bytes"},
	ulLoColDio:        {"DIO", 1, true, ulJSONBoolean, "access backing file with direct-io"},
	ulLoColLogSec:     {"LOG-SEC", 4, true, ulJSONNumber, "logical sector size in bytes"},
}

// ulLosetup is the state of losetup's main.
type ulLosetup struct {
	c  *cmd
	lc *ulLoopCxt

	act, flags        int
	file              string
	offset, sizelimit uint64
	blocksize         uint64
	loFlags           uint32
	noOverlap         bool
	showdev, list     bool
	outarg            string
	hasOutarg         bool
	useDio, setDio    bool
	setBlocksize      bool
	noHeadings        bool
	raw, json         bool
	columns           []int
}

// ulLosetupApplet is losetup's main.
func ulLosetupApplet(c *cmd) int {
	parsed, args, ok := c.ulGetopt(ulLosetupOpts, false)
	if !ok {
		return c.ulTryHelp(1)
	}
	o := &ulLosetup{c: c, lc: newLoopCxt(c.Task)}
	defer o.lc.deinit()
	for i, p := range parsed {
		if !c.ulExclusive(parsed[:i+1], ulLosetupOpts, ulLosetupExcl) {
			return 1
		}
		if code, done := o.option(p); done {
			return code
		}
	}
	args, code, done := o.decide(args)
	if done {
		return code
	}
	return o.run(args)
}

// option handles one option as losetup's getopt loop does; done means
// exit with code.
func (o *ulLosetup) option(p ulParsed) (code int, done bool) {
	switch p.id {
	case 'h':
		return ulLosetupUsage(o.c), true
	case 'V':
		o.c.versionLine()
		return 0, true
	case 'b', 'o', ulLoOptSizelimit:
		return o.sizeOption(p)
	case ulLoOptDio:
		return o.dioOption(p.arg, p.hasArg)
	case 'c', 'd':
		o.act = ulLoActSetCapacity
		if p.id == 'd' {
			o.act = ulLoActDelete
		}
		if !o.useDevice(p.arg) {
			return 1, true
		}
	default:
		o.flagOption(p)
	}
	return 0, false
}

// flagOption handles the options that only set something.
func (o *ulLosetup) flagOption(p ulParsed) {
	switch p.id {
	case 'a':
		o.act = ulLoActShow
	case 'r':
		o.loFlags |= linux.LO_FLAGS_READ_ONLY
	case 'D':
		o.act = ulLoActDeleteAll
	case 'f':
		o.act = ulLoActFindFree
	case 'J':
		o.json = true
	case 'j':
		o.act, o.file = ulLoActShow, p.arg
	case 'l':
		o.list = true
	case 'L':
		o.noOverlap = true
	case 'n':
		o.noHeadings = true
	case ulLoOptRaw:
		o.raw = true
	case 'O':
		o.outarg, o.hasOutarg, o.list = p.arg, true, true
	case ulLoOptOutputAll:
		o.columns = o.columns[:0]
		for i := range ulLoColumns {
			o.columns = append(o.columns, i)
		}
	case 'P':
		o.loFlags |= linux.LO_FLAGS_PARTSCAN
	case ulLoOptShow:
		o.showdev = true
	}
}

// sizeOption is -b, -o and --sizelimit.
func (o *ulLosetup) sizeOption(p ulParsed) (int, bool) {
	what := map[int]string{'b': "failed to parse logical block size", 'o': "failed to parse offset",
		ulLoOptSizelimit: "failed to parse size"}[p.id]
	n, err := ulStrtosize(p.arg)
	if err != nil {
		o.c.ulWarn("%s: '%s': %s", what, p.arg, applet.ErrText(err))
		return 1, true
	}
	switch p.id {
	case 'b':
		o.setBlocksize, o.blocksize = true, n
	case 'o':
		o.offset, o.flags = n, o.flags|ulLoopFlOffset
	default:
		o.sizelimit, o.flags = n, o.flags|ulLoopFlSizelim
	}
	return 0, false
}

// dioOption is --direct-io[=on|off] (parse_switch).
func (o *ulLosetup) dioOption(arg string, hasArg bool) (int, bool) {
	o.useDio, o.setDio = true, true
	if hasArg {
		switch arg {
		case "on":
		case "off":
			o.useDio = false
		default:
			o.c.ulWarn("argument error: '%s'", arg)
			return 1, true
		}
	}
	if o.useDio {
		o.loFlags |= linux.LO_FLAGS_DIRECT_IO
	}
	return 0, false
}

// useDevice is is_loopdev and loopcxt_set_device of an option's device,
// with err()'s message when it is no loop device.
func (o *ulLosetup) useDevice(name string) bool {
	if !ulIsLoopdev(o.c.Task, name) {
		o.c.ulWarn("%s: failed to use device: %s", name, linux.ENODEV.Error())
		return false
	}
	o.lc.setDevice(name)
	return true
}

// decide is the part of losetup's main between the options and the
// action: the action the operands imply, and the checks of what the
// options allow with it.
func (o *ulLosetup) decide(args []string) ([]string, int, bool) {
	c := o.c
	if len(c.Args) == 0 {
		o.act, o.list = ulLoActShow, true
	}
	if o.act == 0 && len(c.Args) == 1 && (o.raw || o.json) {
		o.act, o.list = ulLoActShow, true
	}
	if o.list && len(o.columns) == 0 {
		o.columns = []int{ulLoColName, ulLoColSizelimit, ulLoColOffset, ulLoColAutoclear,
			ulLoColRO, ulLoColBackFile, ulLoColDio, ulLoColLogSec}
	}
	args, ok := o.operands(args)
	if !ok {
		return nil, 1, true
	}
	if o.act != ulLoActCreate && (o.sizelimit != 0 || o.loFlags != 0 || o.showdev) {
		c.ulWarn("the options %s are allowed during loop device setup only", "--{sizelimit,partscan,read-only,show}")
		return nil, 1, true
	}
	if o.flags&ulLoopFlOffset != 0 && o.act != ulLoActCreate && (o.act != ulLoActShow || o.file == "") {
		c.ulWarn("the option --offset is not allowed in this context")
		return nil, 1, true
	}
	if o.hasOutarg && !o.parseColumns(o.outarg) {
		return nil, 1, true
	}
	return args, 0, false
}

// operands is what the operands make of the action: -f FILE, a device to
// show or change, or DEVICE FILE to set up.
func (o *ulLosetup) operands(args []string) ([]string, bool) {
	c := o.c
	if o.act == ulLoActFindFree && len(args) > 0 {
		o.act, o.file, args = ulLoActCreate, args[0], args[1:]
		if len(args) > 0 {
			c.ulWarn("unexpected arguments")
			return nil, false
		}
	}
	if o.list && o.act == 0 && len(args) == 0 {
		o.act = ulLoActShow
	}
	if o.act == 0 && len(args) == 1 {
		switch {
		case o.setDio:
			o.act = ulLoActSetDirectIO
			o.loFlags &^= linux.LO_FLAGS_DIRECT_IO
		case o.setBlocksize:
			o.act = ulLoActSetBlocksize
		default:
			o.act = ulLoActShowOne
		}
		return args[1:], o.useDevice(args[0])
	}
	if o.act != 0 {
		return args, true
	}
	o.act = ulLoActCreate
	if len(args) == 0 {
		c.ulWarn("no loop device specified")
		return nil, false
	}
	o.lc.setDevice(args[0])
	if len(args) < 2 {
		c.ulWarn("no file specified")
		return nil, false
	}
	o.file = args[1]
	return args[2:], true
}

// parseColumns is string_add_to_idarray with losetup's column names: a
// leading "+" adds to the columns instead of replacing them.
func (o *ulLosetup) parseColumns(list string) bool {
	if list == "" {
		return false
	}
	if list[0] == '+' {
		list = list[1:]
	} else {
		o.columns = o.columns[:0]
	}
	if list == "" {
		return false
	}
	begin := -1
	for p := 0; p < len(list); p++ {
		if len(o.columns) >= 2*len(ulLoColumns) {
			return false
		}
		if begin < 0 {
			begin = p
		}
		end := -1
		if list[p] == ',' {
			end = p
		}
		if p+1 == len(list) {
			end = p + 1
		}
		if end < 0 {
			continue
		}
		if end <= begin {
			return false
		}
		id := ulLoColumnID(list[begin:end])
		if id < 0 {
			o.c.ulWarn("unknown column: %s", list[begin:])
			return false
		}
		o.columns = append(o.columns, id)
		begin = -1
	}
	return true
}

// ulLoColumnID is column_name_to_id.
func ulLoColumnID(name string) int {
	for i, col := range ulLoColumns {
		if strings.EqualFold(col.name, name) {
			return i
		}
	}
	return -1
}

// run carries out the action; the status is 1 if it failed.
func (o *ulLosetup) run(args []string) int {
	c, lc := o.c, o.lc
	var err error
	switch o.act {
	case ulLoActCreate:
		if err = o.createLoop(); err == nil {
			if o.showdev {
				fmt.Fprintf(c.Out, "%s\n", lc.device)
			}
			o.warnSize()
		}
	case ulLoActDelete:
		return o.deleteLoops(args)
	case ulLoActDeleteAll:
		res := 0
		lc.eachUsed(func() bool {
			res |= o.deleteLoop()
			return true
		})
		return res
	case ulLoActFindFree:
		if err = lc.findUnused(); err != nil {
			c.ulWarn("cannot find an unused loop device: %s", applet.ErrText(err))
		} else {
			fmt.Fprintf(c.Out, "%s\n", lc.device)
		}
	case ulLoActShow:
		if o.list {
			o.showTable(o.file, o.offset, o.flags)
		} else {
			o.showAllLoops()
		}
	case ulLoActShowOne:
		if o.list {
			o.showTable("", 0, 0)
		} else if err = o.printfLoopdev(); err != nil {
			c.ulWarn("%s: %s", lc.device, applet.ErrText(err))
		}
	default:
		return o.runIoctl()
	}
	if err != nil {
		return 1
	}
	return 0
}

// deleteLoops is -d: the device of the option, then each operand (a
// warning for those that are no loop device, whose turn detaches the
// previous device again).
func (o *ulLosetup) deleteLoops(args []string) int {
	res := o.deleteLoop()
	for _, a := range args {
		if ulIsLoopdev(o.c.Task, a) {
			o.lc.setDevice(a)
		} else {
			o.c.ulWarn("%s: failed to use device: %s", a, linux.ENODEV.Error())
		}
		res |= o.deleteLoop()
	}
	return res
}

// runIoctl is the actions that are one ioctl on the device.
func (o *ulLosetup) runIoctl() int {
	c, lc := o.c, o.lc
	var err error
	var what string
	switch o.act {
	case ulLoActSetCapacity:
		err, what = lc.ioctlNoArg(linux.LOOP_SET_CAPACITY, nil), "set capacity failed"
	case ulLoActSetDirectIO:
		var arg uint64
		if o.useDio {
			arg = 1
		}
		err, what = lc.ioctlNoArg(linux.LOOP_SET_DIRECT_IO, arg), "set direct io failed"
	case ulLoActSetBlocksize:
		err, what = lc.ioctlNoArg(linux.LOOP_SET_BLOCK_SIZE, o.blocksize), "set logical block size failed"
	default:
		c.ulWarn("bad usage")
		return c.ulTryHelp(1)
	}
	if err != nil {
		c.ulWarn("%s: %s: %s", lc.device, what, applet.ErrText(err))
		return 1
	}
	return 0
}

// printfLoopdev is printf_loopdev: the line of -a and of a single device.
func (o *ulLosetup) printfLoopdev() error {
	lc := o.lc
	fname, err := lc.backingFile()
	if err != nil {
		return err
	}
	var dev, ino uint64
	if info, err := lc.getInfo(); err == nil {
		dev, ino = info.Device, info.Inode
	}
	var b strings.Builder
	if dev == 0 && ino == 0 {
		fmt.Fprintf(&b, "%s: []: (%s)", lc.device, fname)
	} else {
		fmt.Fprintf(&b, "%s: [%04d]:%d (%s)", lc.device, int64(dev), ino, fname)
	}
	if x, err := lc.offset(); err == nil && x != 0 {
		fmt.Fprintf(&b, ", offset %d", x)
	}
	if x, err := lc.sizelimit(); err == nil && x != 0 {
		fmt.Fprintf(&b, ", sizelimit %d", x)
	}
	fmt.Fprintf(o.c.Out, "%s\n", b.String())
	return nil
}

// associated is the file test of show_all_loops and show_table: the
// device is file's (by stat, or else by the name as given and then
// canonicalized).
type ulLoAssoc struct {
	t      *vfs.Task
	file   string
	st     *vfs.Statx
	cnFile string
}

func newLoAssoc(t *vfs.Task, file string) *ulLoAssoc {
	a := &ulLoAssoc{t: t, file: file}
	if st, err := t.Stat(file); err == nil {
		a.st = &st
	}
	return a
}

func (a *ulLoAssoc) match(lc *ulLoopCxt, offset uint64, flags int) bool {
	bf := a.file
	if a.cnFile != "" {
		bf = a.cnFile
	}
	used := lc.isUsed(a.st, bf, offset, 0, flags)
	if !used && a.cnFile == "" {
		a.cnFile = ulCanonicalize(a.t, a.file)
		used = lc.isUsed(a.st, a.cnFile, offset, 0, flags)
	}
	return used
}

// showAllLoops is show_all_loops: -a, and -j FILE.
func (o *ulLosetup) showAllLoops() {
	var assoc *ulLoAssoc
	if o.file != "" {
		assoc = newLoAssoc(o.c.Task, o.file)
	}
	o.lc.eachUsed(func() bool {
		if assoc == nil || assoc.match(o.lc, o.offset, o.flags) {
			o.printfLoopdev()
		}
		return true
	})
}

// showTable is show_table: --list, of the device set or of every used
// one (those of file, if given).
func (o *ulLosetup) showTable(file string, offset uint64, flags int) {
	tb := &ulTableOut{raw: o.raw, json: o.json, noheadings: o.noHeadings}
	if o.json {
		tb.name = "loopdevices"
	}
	for _, id := range o.columns {
		ci := ulLoColumns[id]
		tb.cols = append(tb.cols, &ulColumn{name: ci.name, whint: ci.whint, right: ci.right, jsonType: ci.jsonType})
	}
	if o.lc.device != "" {
		o.setScolsData(tb.newLine(nil))
	} else {
		var assoc *ulLoAssoc
		if file != "" {
			assoc = newLoAssoc(o.c.Task, file)
		}
		o.lc.eachUsed(func() bool {
			if assoc == nil || assoc.match(o.lc, offset, flags) {
				o.setScolsData(tb.newLine(nil))
			}
			return true
		})
	}
	tb.print(o.c.Out)
}

// setScolsData is set_scols_data: one line of the table.
func (o *ulLosetup) setScolsData(ln *ulLine) {
	for i, id := range o.columns {
		ln.cells[i] = o.cell(id)
	}
}

func ulLoBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// cell is one column of set_scols_data ("" for no data).
func (o *ulLosetup) cell(id int) string {
	lc := o.lc
	num := func(x uint64, err error) string {
		if err != nil {
			return ""
		}
		return fmt.Sprintf("%d", int64(x))
	}
	switch id {
	case ulLoColName:
		return lc.device
	case ulLoColBackFile:
		name, _ := lc.backingFile()
		return name
	case ulLoColOffset:
		return num(lc.offset())
	case ulLoColSizelimit:
		return num(lc.sizelimit())
	case ulLoColBackMajMin:
		if info, err := lc.getInfo(); err == nil && info.Device != 0 {
			return fmt.Sprintf("%8d:%-3d", linux.Major(info.Device), linux.Minor(info.Device))
		}
	case ulLoColMajMin:
		if st, err := lc.t.Stat(lc.device); err == nil && applet.IsBlk(uint32(st.Mode)) && st.RdevMajor == linux.LOOP_MAJOR {
			return fmt.Sprintf("%3d:%-3d", st.RdevMajor, st.RdevMinor)
		}
	case ulLoColBackIno:
		if info, err := lc.getInfo(); err == nil && info.Inode != 0 {
			return fmt.Sprintf("%d", info.Inode)
		}
	case ulLoColAutoclear:
		return ulLoBool(lc.hasFlag(linux.LO_FLAGS_AUTOCLEAR))
	case ulLoColRO:
		return ulLoBool(lc.hasFlag(linux.LO_FLAGS_READ_ONLY))
	case ulLoColDio:
		return ulLoBool(lc.hasFlag(linux.LO_FLAGS_DIRECT_IO))
	case ulLoColPartscan:
		return ulLoBool(lc.isPartscan())
	case ulLoColLogSec:
		return num(lc.sectorSize())
	}
	return ""
}

// deleteLoop is delete_loop: 0 when detached, 1 (after the warning)
// when not.
func (o *ulLosetup) deleteLoop() int {
	if err := o.lc.deleteDevice(); err != nil {
		o.c.ulWarn("%s: detach failed: %s", o.lc.device, applet.ErrText(err))
		return 1
	}
	return 0
}

// createLoop is create_loop.
func (o *ulLosetup) createLoop() error {
	c, lc := o.c, o.lc
	hasdev := lc.device != ""
	if !hasdev && o.noOverlap {
		if err, done := o.reuseOverlap(); done {
			return err
		}
	}
	if hasdev {
		lc.addDevice()
	}
	if hasdev && o.noOverlap {
		lc2 := newLoopCxt(c.Task)
		rc := lc2.findOverlap(o.file, o.offset, o.sizelimit)
		lc2.deinit()
		if rc != 0 {
			c.ulWarn("%s: overlapping loop device exists", o.file)
			return linux.EBUSY
		}
	}
	for ntries := 0; ; ntries++ {
		if !hasdev {
			if err := lc.findUnused(); err != nil {
				c.ulWarn("cannot find an unused loop device")
				return err
			}
		}
		o.setupSettings()
		if err := lc.setBackingFile(o.file); err != nil {
			c.ulWarn("%s: failed to use backing file: %s", o.file, applet.ErrText(err))
			return err
		}
		err := lc.setupDevice()
		if err == nil {
			return nil
		}
		if (errors.Is(err, linux.EBUSY) || errors.Is(err, linux.EAGAIN)) && !hasdev && ntries < 64 {
			continue
		}
		errpre := o.file
		if hasdev {
			if _, ferr := lc.getFd(); ferr != nil {
				errpre, err = lc.device, ferr
			}
		}
		c.ulWarn("%s: failed to set up loop device: %s", errpre, applet.ErrText(err))
		return err
	}
}

// setupSettings gives the context the options of a setup
// (loopcxt_set_{offset,sizelimit,flags,blocksize}).
func (o *ulLosetup) setupSettings() {
	lc := o.lc
	if o.flags&ulLoopFlOffset != 0 {
		lc.config.Info.Offset = o.offset
	}
	if o.flags&ulLoopFlSizelim != 0 {
		lc.config.Info.SizeLimit = o.sizelimit
	}
	if o.loFlags != 0 {
		lc.config.Info.Flags = o.loFlags
	}
	if o.blocksize > 0 {
		lc.blocksize = o.blocksize
	}
}

// reuseOverlap is the --nooverlap part of create_loop without a device:
// a device already mapping the same range is reused (its autoclear flag
// cleared) and one mapping an overlapping range is an error.
func (o *ulLosetup) reuseOverlap() (error, bool) {
	c, lc := o.c, o.lc
	switch lc.findOverlap(o.file, o.offset, o.sizelimit) {
	case 0:
		return nil, false
	case 1:
		lc.deinit()
		c.ulWarn("%s: overlapping loop device exists", o.file)
		return linux.EBUSY, true
	}
	if lc.hasFlag(linux.LO_FLAGS_READ_ONLY) && o.loFlags&linux.LO_FLAGS_READ_ONLY == 0 {
		lc.deinit()
		c.ulWarn("%s: overlapping read-only loop device exists", o.file)
		return linux.EROFS, true
	}
	fd, err := lc.getFd()
	if err == nil {
		info := lc.info
		info.Flags &^= linux.LO_FLAGS_AUTOCLEAR
		_, err = c.Task.Ioctl(fd, linux.LOOP_SET_STATUS64, &info)
	}
	if err != nil {
		lc.deinit()
		c.ulWarn("%s: failed to re-use loop device", o.file)
		return err, true
	}
	return nil, true
}

// warnSize is warn_size: a device whose size is not whole sectors.
func (o *ulLosetup) warnSize() {
	size := o.sizelimit
	if size == 0 {
		st, err := o.c.Task.Stat(o.file)
		if err != nil || applet.IsBlk(uint32(st.Mode)) {
			return
		}
		size = uint64(st.Size)
		if o.flags&ulLoopFlOffset != 0 {
			size -= o.offset
		}
	}
	if size < 512 {
		o.c.ulWarn("%s: Warning: file is smaller than 512 bytes; the loop device may be useless or invisible for system tools.", o.file)
	} else if size%512 != 0 {
		o.c.ulWarn("%s: Warning: file does not fit into a 512-byte sector; the end of the file will be ignored.", o.file)
	}
}

func ulLosetupUsage(c *cmd) int {
	c.ulHelp()
	fmt.Fprint(c.Out, "\nColumns for -O (--list output):\n")
	for _, col := range ulLoColumns {
		fmt.Fprintf(c.Out, " %12s  %s\n", col.name, col.help)
	}
	return 0
}

// ulStrtosize is util-linux's strtosize: a number (C's base prefixes
// allowed) with an optional suffix, K M G T P E Z Y (or lower case) alone
// or with "iB" for powers of 1024, with "B" for powers of 1000, and a
// decimal fraction before the suffix ("0.5M").
func ulStrtosize(str string) (uint64, error) {
	if t := strings.TrimLeft(str, " \t\n\v\f\r"); t == "" || t[0] == '-' {
		return 0, linux.EINVAL
	}
	x, rest, err := ulStrtoumax(str)
	if err != nil || rest == "" {
		return x, err
	}
	base, frac, zeros, rest, err := ulSizeSuffix(rest)
	if err != nil {
		return 0, err
	}
	pwr := strings.IndexByte("KMGTPEZY", rest[0]) + 1
	if pwr == 0 {
		pwr = strings.IndexByte("kmgtpezy", rest[0]) + 1
	}
	if pwr == 0 {
		return 0, linux.EINVAL
	}
	if !ulScaleByPower(&x, base, pwr) {
		return 0, linux.ERANGE
	}
	if frac != 0 {
		x += ulSizeFraction(frac, zeros, base, pwr)
	}
	return x, nil
}

// ulSizeSuffix reads what follows strtosize's number: the base the
// suffix says ("iB" 1024, "B" 1000, neither 1024) and the digits after a
// decimal point (frac, with zeros leading zeros); rest is left at the
// suffix letter.
func ulSizeSuffix(rest string) (base, frac uint64, zeros int, _ string, err error) {
	base = 1024
	for {
		switch {
		case len(rest) == 3 && rest[1] == 'i' && (rest[2] == 'B' || rest[2] == 'b'):
		case len(rest) == 2 && (rest[1] == 'B' || rest[1] == 'b'):
			base = 1000
		case len(rest) > 1:
			if frac != 0 || rest[0] != '.' {
				return 0, 0, 0, "", linux.EINVAL
			}
			rest = rest[1:]
			for strings.HasPrefix(rest, "0") {
				rest = rest[1:]
				zeros++
			}
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				if frac, rest, err = ulStrtoumax(rest); err != nil {
					return 0, 0, 0, "", err
				}
			}
			if rest == "" {
				return 0, 0, 0, "", linux.EINVAL
			}
			continue
		}
		return base, frac, zeros, rest, nil
	}
}

// ulStrtoumax is strtoumax with base 0 on a whole string: the number and
// what follows it.
func ulStrtoumax(s string) (uint64, string, error) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	s = strings.TrimPrefix(s, "+")
	base := uint64(10)
	switch {
	case len(s) > 2 && s[0] == '0' && s[1]|0x20 == 'x' && ulDigit(s[2]) < 16:
		base, s = 16, s[2:]
	case strings.HasPrefix(s, "0"):
		base = 8
	}
	var x uint64
	n := 0
	overflow := false
	for ; n < len(s) && ulDigit(s[n]) < base; n++ {
		d := ulDigit(s[n])
		if x > (^uint64(0)-d)/base {
			overflow = true
		}
		x = x*base + d
	}
	if n == 0 {
		return 0, s, linux.EINVAL
	}
	if overflow {
		return 0, "", linux.ERANGE
	}
	return x, s[n:], nil
}

// ulDigit is the value of a hexadecimal digit, 16 for other bytes.
func ulDigit(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return uint64(c|0x20-'a') + 10
	}
	return 16
}

// ulScaleByPower is do_scale_by_power.
func ulScaleByPower(x *uint64, base uint64, pwr int) bool {
	for ; pwr > 0; pwr-- {
		if ^uint64(0)/base < *x {
			return false
		}
		*x *= base
	}
	return true
}

// ulSizeFraction is what strtosize adds for the digits after the decimal
// point: each digit's share of the unit, from the last digit back.
func ulSizeFraction(frac uint64, zeros int, base uint64, pwr int) uint64 {
	fracBase := uint64(1)
	ulScaleByPower(&fracBase, base, pwr)
	fracDiv, fracPoz := uint64(10), uint64(1)
	for fracDiv < frac {
		if fracDiv <= ^uint64(0)/10 {
			fracDiv *= 10
		} else {
			frac /= 10
		}
	}
	for i := 0; i < zeros; i++ {
		if fracDiv <= ^uint64(0)/10 {
			fracDiv *= 10
		} else {
			frac /= 10
		}
	}
	var x uint64
	for {
		seg := frac % 10
		segDiv := fracDiv / fracPoz
		frac /= 10
		fracPoz *= 10
		if seg != 0 && segDiv/seg != 0 {
			x += fracBase / (segDiv / seg)
		}
		if frac == 0 {
			return x
		}
	}
}
