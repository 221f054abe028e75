// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// df(1) as GNU coreutils 9.1 has it (src/df.c with gnulib's mountlist,
// fsusage and human), and stat --file-system's directives.

// gnulib human.h's options for human_readable.
const (
	hrCeiling         = 0
	hrRoundToNearest  = 1
	hrFloor           = 2
	hrGroupDigits     = 4
	hrSuppressPoint0  = 8
	hrAutoscale       = 16
	hrBase1024        = 32
	hrSpaceBeforeUnit = 64
	hrSI              = 128
	hrB               = 256
)

// hrPowerLetter are the prefixes of powers of the base (index 0 unused).
const hrPowerLetter = "\x00KMGTPEZY"

// hrAdjust is human.c's adjust_value: value rounded to an integer in the
// inexact style (nearest rounding is left to printf).
func hrAdjust(style int, v float64) float64 {
	if style != hrRoundToNearest && v < math.MaxUint64 {
		u := uint64(v)
		r := float64(u)
		if style == hrCeiling && r != v {
			r++
		}
		return r
	}
	return v
}

// dfHumanReadable is gnulib's human_readable: n units of from bytes shown
// in units of to bytes, with the options above, in the C locale.
func dfHumanReadable(n uint64, opts int, from, to uint64) string {
	style := opts & (hrRoundToNearest | hrFloor | hrCeiling)
	base := uint64(1000)
	if opts&hrBase1024 != 0 {
		base = 1024
	}
	exponent := -1
	const exponentMax = len(hrPowerLetter) - 1
	var num string

	var amt uint64
	var tenths, rounding uint64
	integer := false
	switch {
	case to <= from:
		if from%to == 0 {
			mult := from / to
			if hi, lo := bits.Mul64(n, mult); hi == 0 {
				amt, integer = lo, true
			}
		}
	case from != 0 && to%from == 0:
		divisor := to / from
		r10 := (n % divisor) * 10
		r2 := (r10 % divisor) * 2
		amt = n / divisor
		tenths = r10 / divisor
		switch {
		case r2 < divisor && r2 > 0:
			rounding = 1
		case r2 < divisor:
			rounding = 0
		case divisor < r2:
			rounding = 3
		default:
			rounding = 2
		}
		integer = true
	}

	if !integer {
		damt := float64(n) * (float64(from) / float64(to))
		if opts&hrAutoscale == 0 {
			num = strconv.FormatFloat(hrAdjust(style, damt), 'f', 0, 64)
		} else {
			e := 1.0
			exponent = 0
			for {
				e *= float64(base)
				exponent++
				if !(e*float64(base) <= damt && exponent < exponentMax) {
					break
				}
			}
			damt /= e
			num = strconv.FormatFloat(hrAdjust(style, damt), 'f', 1, 64)
			extra := 1
			if opts&hrBase1024 != 0 {
				extra = 0
			}
			if 1+2+extra < len(num) || (opts&hrSuppressPoint0 != 0 && num[len(num)-1] == '0') {
				num = strconv.FormatFloat(hrAdjust(style, damt*10)/10, 'f', 0, 64)
			}
		}
	} else {
		frac := ""
		if opts&hrAutoscale != 0 {
			exponent = 0
			if base <= amt {
				for {
					r10 := (amt%base)*10 + tenths
					r2 := (r10%base)*2 + (rounding >> 1)
					amt /= base
					tenths = r10 / base
					if r2 < base {
						if r2+rounding != 0 {
							rounding = 1
						} else {
							rounding = 0
						}
					} else if base < r2+rounding {
						rounding = 3
					} else {
						rounding = 2
					}
					exponent++
					if !(base <= amt && exponent < exponentMax) {
						break
					}
				}
				if amt < 10 {
					up := false
					if style == hrRoundToNearest {
						up = 2 < rounding+(tenths&1)
					} else {
						up = style == hrCeiling && 0 < rounding
					}
					if up {
						tenths++
						rounding = 0
						if tenths == 10 {
							amt++
							tenths = 0
						}
					}
					if amt < 10 && (tenths != 0 || opts&hrSuppressPoint0 == 0) {
						frac = "." + strconv.FormatUint(tenths, 10)
						tenths, rounding = 0, 0
					}
				}
			}
		}
		up := false
		if style == hrRoundToNearest {
			odd := uint64(0)
			if 0 < rounding+(amt&1) {
				odd = 1
			}
			up = 5 < tenths+odd
		} else {
			up = style == hrCeiling && 0 < tenths+rounding
		}
		if up {
			amt++
			if opts&hrAutoscale != 0 && amt == base && exponent < exponentMax {
				exponent++
				if opts&hrSuppressPoint0 == 0 {
					frac = ".0" + frac
				}
				amt = 1
			}
		}
		num = strconv.FormatUint(amt, 10) + frac
	}

	if opts&hrSI != 0 {
		if exponent < 0 {
			exponent = 0
			for power := uint64(1); power < to; power *= base {
				exponent++
				if exponent == exponentMax {
					break
				}
			}
		}
		if (exponent != 0 || opts&hrB != 0) && opts&hrSpaceBeforeUnit != 0 {
			num += " "
		}
		if exponent != 0 {
			if opts&hrBase1024 == 0 && exponent == 1 {
				num += "k"
			} else {
				num += string(hrPowerLetter[exponent])
			}
		}
		if opts&hrB != 0 {
			if opts&hrBase1024 != 0 && exponent != 0 {
				num += "i"
			}
			num += "B"
		}
	}
	return num
}

// xstrtol errors, as gnulib numbers them.
const (
	dfLongintOK            = 0
	dfLongintOverflow      = 1
	dfLongintInvalidSuffix = 2
	dfLongintInvalid       = 4
)

const (
	dfDefaultBlockSize = 1024
	dfPosixBlockSize   = 512
	// dfUnknown is UINTMAX_MAX, an unknown value.
	dfUnknown = math.MaxUint64
)

// dfXstrtoumax is gnulib's xstrtoumax(s, &end, 0, &val, "eEgGkKmMpPtTyYzZ0"):
// a number (decimal, octal or hex) with an optional size suffix; end is
// the index just past what was used.
func dfXstrtoumax(s string) (val uint64, end int, err int) {
	return xstrtoumax(s, 0, "eEgGkKmMpPtTyYzZ0")
}

// xstrtoumax is gnulib's xstrtoumax(s, &end, base, &val, valid) for base
// 0 (C prefixes) or 10: a number with an optional suffix among valid
// (b c w and the power letters; '0' allows KB/KiB-style second letters).
func xstrtoumax(s string, base int, valid string) (val uint64, end int, err int) {
	q := strings.TrimLeft(s, " \t\n\v\f\r")
	if strings.HasPrefix(q, "-") {
		return 0, 0, dfLongintInvalid
	}
	start := len(s) - len(q)
	i := start
	if i < len(s) && s[i] == '+' {
		i++
	}
	b := 10
	digits := i
	switch {
	case base != 0:
	case strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X"):
		if i+2 < len(s) && dfIsHexDigit(s[i+2]) {
			b, digits = 16, i+2
		}
	case strings.HasPrefix(s[i:], "0"):
		b = 8
	}
	j := digits
	for j < len(s) && dfDigitVal(s[j]) < b {
		j++
	}
	if j == digits {
		// No number: a valid suffix alone stands for 1.
		if start < len(s) && s[start] != 0 && strings.IndexByte(valid, s[start]) >= 0 && s[start] != '0' {
			val, end = 1, start
		} else {
			return 0, 0, dfLongintInvalid
		}
	} else {
		v, perr := strconv.ParseUint(s[digits:j], b, 64)
		if perr != nil {
			v, err = math.MaxUint64, dfLongintOverflow
		}
		val, end = v, j
	}
	if end == len(s) {
		return val, end, err
	}
	if strings.IndexByte(valid, s[end]) < 0 {
		return val, end, err | dfLongintInvalidSuffix
	}
	scale, suffixes := uint64(1024), 1
	switch s[end] {
	case 'E', 'G', 'g', 'k', 'K', 'M', 'm', 'P', 'T', 't', 'Y', 'Z':
		if end+1 < len(s) {
			switch s[end+1] {
			case 'i':
				if end+2 < len(s) && s[end+2] == 'B' {
					suffixes += 2
				}
			case 'B', 'D':
				scale = 1000
				suffixes++
			}
		}
	}
	power := 0
	switch s[end] {
	case 'b', 'c', 'w':
		power, scale = 1, map[byte]uint64{'b': 512, 'c': 1, 'w': 2}[s[end]]
	case 'k', 'K':
		power = 1
	case 'M', 'm':
		power = 2
	case 'G', 'g':
		power = 3
	case 'T', 't':
		power = 4
	case 'P':
		power = 5
	case 'E':
		power = 6
	case 'Z':
		power = 7
	case 'Y':
		power = 8
	default:
		return val, end, err | dfLongintInvalidSuffix
	}
	for ; power > 0; power-- {
		hi, lo := bits.Mul64(val, scale)
		if hi != 0 {
			val, err = math.MaxUint64, err|dfLongintOverflow
			continue
		}
		val = lo
	}
	end += suffixes
	if end < len(s) {
		err |= dfLongintInvalidSuffix
	}
	return val, end, err
}

func dfIsHexDigit(c byte) bool { return dfDigitVal(c) < 16 }

func dfDigitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// dfHumblock is human.c's humblock: a --block-size (or environment) value
// as a block size and human_readable options. A spec of "" means unset.
func dfHumblock(spec string, env func(string) string) (bs uint64, opts int, err int) {
	if spec == "" {
		if spec = env("BLOCK_SIZE"); spec == "" {
			spec = env("BLOCKSIZE")
		}
	}
	if spec == "" {
		if env("POSIXLY_CORRECT") != "" {
			return dfPosixBlockSize, 0, dfLongintOK
		}
		return dfDefaultBlockSize, 0, dfLongintOK
	}
	if spec[0] == '\'' {
		opts |= hrGroupDigits
		spec = spec[1:]
	}
	// ARGMATCH against "human-readable" and "si": an exact name or a
	// prefix of just one.
	if spec != "" {
		switch {
		case strings.HasPrefix("human-readable", spec):
			return 1, opts | hrAutoscale | hrSI | hrBase1024, dfLongintOK
		case strings.HasPrefix("si", spec):
			return 1, opts | hrAutoscale | hrSI, dfLongintOK
		}
	}
	v, end, e := dfXstrtoumax(spec)
	if e != dfLongintOK {
		return v, 0, e
	}
	// A unit without a number ("M", "KiB", "kB") prints the unit too.
	for i := 0; i <= len(spec); i++ {
		if i < len(spec) && spec[i] >= '0' && spec[i] <= '9' {
			break
		}
		if i == end {
			opts |= hrSI
			if spec[end-1] == 'B' {
				opts |= hrB
			}
			if spec[end-1] != 'B' || (end >= 2 && spec[end-2] == 'i') {
				opts |= hrBase1024
			}
			break
		}
	}
	return v, opts, dfLongintOK
}

// dfHumanOptions is human_options: humblock, with a zero size invalid.
func dfHumanOptions(spec string, env func(string) string) (uint64, int, int) {
	bs, opts, e := dfHumblock(spec, env)
	if bs == 0 {
		bs = dfDefaultBlockSize
		if env("POSIXLY_CORRECT") != "" {
			bs = dfPosixBlockSize
		}
		e = dfLongintInvalid
	}
	return bs, opts, e
}

// df's display fields.
const (
	dfSource = iota
	dfFstype
	dfSize
	dfUsed
	dfAvail
	dfPcent
	dfItotal
	dfIused
	dfIavail
	dfIpcent
	dfTarget
	dfFile
	dfNumFields
)

const (
	dfBlockFld = iota
	dfInodeFld
	dfOtherFld
)

// Header modes.
const (
	dfDefaultMode = iota
	dfInodesMode
	dfHumanMode
	dfPosixMode
	dfOutputMode
)

type dfField struct {
	id      int
	arg     string
	kind    int
	caption string
	width   int
	left    bool
	used    bool
}

var dfFieldData = [dfNumFields]dfField{
	{dfSource, "source", dfOtherFld, "Filesystem", 14, true, false},
	{dfFstype, "fstype", dfOtherFld, "Type", 4, true, false},
	{dfSize, "size", dfBlockFld, "blocks", 5, false, false},
	{dfUsed, "used", dfBlockFld, "Used", 5, false, false},
	{dfAvail, "avail", dfBlockFld, "Available", 5, false, false},
	{dfPcent, "pcent", dfBlockFld, "Use%", 4, false, false},
	{dfItotal, "itotal", dfInodeFld, "Inodes", 5, false, false},
	{dfIused, "iused", dfInodeFld, "IUsed", 5, false, false},
	{dfIavail, "iavail", dfInodeFld, "IFree", 5, false, false},
	{dfIpcent, "ipcent", dfInodeFld, "IUse%", 4, false, false},
	{dfTarget, "target", dfOtherFld, "Mounted on", 0, true, false},
	{dfFile, "file", dfOtherFld, "File", 0, true, false},
}

const dfAllFields = "source,fstype,itotal,iused,iavail,ipcent,size,used,avail,pcent,file,target"

// dfMount is gnulib's struct mount_entry, read from mountinfo.
type dfMount struct {
	devname, mountdir, mntroot, fstype string
	// noMntroot is a NULL me_mntroot (an mtab entry).
	noMntroot bool
	// dev is me_dev: dfDevUnknown for an mtab entry until stat fills
	// it, dfDevBad for a mount point that does not stat as its device.
	dev           dfDev
	dummy, remote bool
}

// dfDev is a device number as major and minor.
type dfDev struct{ major, minor uint32 }

// (dev_t) -1 and (dev_t) -2 as me_dev.
var (
	dfDevUnknown = dfDev{math.MaxUint32, math.MaxUint32}
	dfDevBad     = dfDev{math.MaxUint32, math.MaxUint32 - 1}
)

func dfStatDev(st *vfs.Statx) dfDev { return dfDev{st.DevMajor, st.DevMinor} }

// dfUsage is gnulib's struct fs_usage.
type dfUsage struct {
	blocksize, blocks, bfree, bavail uint64
	bavailTopBitSet                  bool
	files, ffree                     uint64
}

func dfUnknownUsage() dfUsage {
	return dfUsage{blocksize: dfUnknown, blocks: dfUnknown, bfree: dfUnknown,
		bavail: dfUnknown, files: dfUnknown, ffree: dfUnknown}
}

// dfValues is df.c's struct field_values_t.
type dfValues struct {
	inputUnits, outputUnits uint64
	total, available        uint64
	negateAvailable         bool
	availableToRoot         uint64
	used                    uint64
	negateUsed              bool
}

// dfDevlist is df.c's struct devlist: the mount entry kept for a device.
type dfDevlist struct{ me *dfMount }

// dfRun is one run of df: what df.c keeps in globals.
type dfRun struct {
	c                              *cmd
	fields                         [dfNumFields]dfField
	columns                        []*dfField
	table                          [][]string
	showAll, showLocal, showListed bool
	humanOpts                      int
	blockSize                      uint64
	processed                      bool
	status                         int
	selectList, excludeList        []string
	mounts                         []*dfMount
	printType, grandTotal, posix   bool
	grand                          dfUsage
	headerMode                     int
	devTable                       map[dfDev]*dfDevlist
}

// df options; ids above 255 are long-only.
const (
	dfOptOutput = 256 + iota
	dfOptSync
	dfOptNoSync
	dfOptTotal
	dfOptHelp
	dfOptVersion
)

var dfOptions = []getopt.Option{
	{Short: 'a', Long: "all"},
	{Short: 'B', Long: "block-size", Arg: getopt.RequiredArg},
	{Short: 'i', Long: "inodes"},
	{Short: 'h', Long: "human-readable"},
	{Short: 'H', Long: "si"},
	{Short: 'l', Long: "local"},
	{Long: "output", Arg: getopt.OptionalArg, ID: dfOptOutput},
	{Short: 'P', Long: "portability"},
	{Short: 'T', Long: "print-type"},
	{Long: "sync", ID: dfOptSync},
	{Long: "no-sync", ID: dfOptNoSync},
	{Long: "total", ID: dfOptTotal},
	{Short: 't', Long: "type", Arg: getopt.RequiredArg},
	{Short: 'x', Long: "exclude-type", Arg: getopt.RequiredArg},
	{Long: "help", ID: dfOptHelp},
	{Long: "version", ID: dfOptVersion},
	{Short: 'F', Arg: getopt.RequiredArg},
	{Short: 'k'},
	{Short: 'm'},
	{Short: 'v'},
}

// dfUsageText is df --help: our own summary of what the applet accepts.
const dfUsageText = `Usage: df [OPTION]... [FILE]...
Show the size, use and free space of mounted file systems: the ones
holding each FILE, or all of them.

Which file systems:
  -a, --all              also pseudo, duplicate and hidden ones
  -l, --local            only local ones
  -t, --type=TYPE        only those of TYPE (may be repeated)
  -x, --exclude-type=TYPE  none of TYPE (may be repeated)

What is shown:
  -i, --inodes           inodes instead of blocks
  -T, --print-type       add a Type column
      --output[=FIELDS]  these columns, comma-separated, or all of them:
                         source fstype itotal iused iavail ipcent size
                         used avail pcent file target
      --total            add a line with the sums
  -P, --portability      POSIX format

Units (1024-byte blocks unless DF_BLOCK_SIZE, BLOCK_SIZE or BLOCKSIZE
say otherwise, or 512 with POSIXLY_CORRECT):
  -B, --block-size=SIZE  blocks of SIZE: a number with an optional
                         K, M, G, T, P, E, Z, Y (1024s) or KB, MB, ...
                         (1000s) suffix, KiB meaning K
  -h, --human-readable   sizes such as 1.5G in powers of 1024
  -H, --si               the same in powers of 1000
  -k                     like --block-size=1K

Accepted and ignored: --sync, --no-sync, -v.
      --help             show this help
      --version          show the version
`

// dfVersionText is df --version.
const dfVersionText = "df (linuxvfs) " + Version + "\n"

// dfApplet is df(1).
func dfApplet(c *cmd) int {
	d := &dfRun{c: c, fields: dfFieldData, humanOpts: -1}
	d.grand.blocksize = 1
	parser := getopt.Parser{Options: dfOptions}
	parsed, operands, err := parser.Parse(c.Args)
	if err != nil {
		c.Errorf("%s", err)
		c.TryHelp()
		return 1
	}
	usage := func() int { c.TryHelp(); return 1 }
	mutex := func(a, b string) int {
		c.Errorf("options %s and %s are mutually exclusive", a, b)
		return usage()
	}
	for _, p := range parsed {
		switch p.ID {
		case 'a':
			d.showAll = true
		case 'B':
			bs, opts, e := dfHumanOptions(p.Value, c.Getenv)
			if e != dfLongintOK {
				opt := "-B"
				if strings.HasPrefix(p.Name, "--") {
					opt = "--block-size"
				}
				switch {
				case e&dfLongintInvalidSuffix != 0:
					c.Errorf("invalid suffix in %s argument '%s'", opt, p.Value)
				case e == dfLongintOverflow:
					c.Errorf("%s argument '%s' too large", opt, p.Value)
				default:
					c.Errorf("invalid %s argument '%s'", opt, p.Value)
				}
				return 1
			}
			d.blockSize, d.humanOpts = bs, opts
		case 'i':
			if d.headerMode == dfOutputMode {
				return mutex("-i", "--output")
			}
			d.headerMode = dfInodesMode
		case 'h':
			d.humanOpts, d.blockSize = hrAutoscale|hrSI|hrBase1024, 1
		case 'H':
			d.humanOpts, d.blockSize = hrAutoscale|hrSI, 1
		case 'k':
			d.humanOpts, d.blockSize = 0, 1024
		case 'l':
			d.showLocal = true
		case 'm':
			d.humanOpts, d.blockSize = 0, 1024*1024
		case 'T':
			if d.headerMode == dfOutputMode {
				return mutex("-T", "--output")
			}
			d.printType = true
		case 'P':
			if d.headerMode == dfOutputMode {
				return mutex("-P", "--output")
			}
			d.posix = true
		case dfOptSync, dfOptNoSync, 'v':
		case 'F', 't':
			d.selectList = append([]string{p.Value}, d.selectList...)
		case 'x':
			d.excludeList = append([]string{p.Value}, d.excludeList...)
		case dfOptOutput:
			if d.headerMode == dfInodesMode {
				return mutex("-i", "--output")
			}
			if d.posix && d.headerMode == dfDefaultMode {
				return mutex("-P", "--output")
			}
			if d.printType {
				return mutex("-T", "--output")
			}
			d.headerMode = dfOutputMode
			if p.HasValue {
				if !d.decodeOutputArg(p.Value) {
					return usage()
				}
			}
		case dfOptTotal:
			d.grandTotal = true
		case dfOptHelp:
			c.Out.WriteString(dfUsageText)
			return 0
		case dfOptVersion:
			c.Out.WriteString(dfVersionText)
			return 0
		}
	}

	if d.humanOpts == -1 {
		if d.posix {
			d.humanOpts, d.blockSize = 0, dfDefaultBlockSize
			if c.Getenv("POSIXLY_CORRECT") != "" {
				d.blockSize = dfPosixBlockSize
			}
		} else {
			d.blockSize, d.humanOpts, _ = dfHumanOptions(c.Getenv("DF_BLOCK_SIZE"), c.Getenv)
		}
	}
	switch {
	case d.headerMode == dfInodesMode || d.headerMode == dfOutputMode:
	case d.humanOpts&hrAutoscale != 0:
		d.headerMode = dfHumanMode
	case d.posix:
		d.headerMode = dfPosixMode
	}

	for _, in := range d.selectList {
		for _, ex := range d.excludeList {
			if in == ex {
				c.Errorf("file system type %s both selected and excluded", applet.QuoteArg(in))
				return 1
			}
		}
	}

	// Stat each operand first, as df does to trigger automounts.
	type operand struct {
		name string
		st   vfs.Statx
	}
	var ops []operand
	for _, name := range operands {
		st, err := d.automountStat(name)
		if err != nil {
			c.Errorf("%s: %s", dfQuotef(name), applet.ErrText(err))
			d.status = 1
			continue
		}
		ops = append(ops, operand{name, st})
	}

	if err := d.readMounts(); err != nil {
		// Without the table df fails, unless it was given files and
		// nothing that needs the table.
		fail := len(operands) == 0 || d.showAll || d.showLocal || d.selectList != nil || d.excludeList != nil
		msg := "cannot read table of mounted file systems"
		if !fail {
			msg = "Warning: " + msg
		}
		if err != errDfNoMounts {
			msg += ": " + applet.ErrText(err)
		}
		c.Errorf("%s", msg)
		if fail {
			return 1
		}
	}
	d.getFieldList()
	d.getHeader()
	if len(operands) > 0 {
		d.showListed = true
		for _, op := range ops {
			d.getEntry(op.name, &op.st)
		}
	} else {
		d.getAllEntries()
	}

	if d.processed {
		if d.grandTotal {
			target := "total"
			if d.fields[dfSource].used {
				target = "-"
			}
			total := "total"
			g := d.grand
			d.getDev(&total, target, "", "", "", false, false, &g, false)
		}
		d.printTable()
	} else if d.status == 0 {
		c.Errorf("no file systems processed")
		return 1
	}
	return d.status
}

// dfQuotef is coreutils' quotef: shell-escape quoting, with a colon
// forcing quotes too.
func dfQuotef(s string) string {
	if strings.IndexByte(s, ':') >= 0 {
		return applet.Quote(s)
	}
	return applet.QuoteName(s)
}

// automountStat is automount_stat_err: open the file (to trigger an
// automount) and fstat it, falling back on stat.
func (d *dfRun) automountStat(name string) (vfs.Statx, error) {
	t := d.c.Task
	fd, err := t.Open(name, linux.O_RDONLY|linux.O_NOCTTY|linux.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENOTDIR) {
			return vfs.Statx{}, err
		}
		return t.Stat(name)
	}
	st, err := t.Fstat(fd)
	t.Close(fd)
	return st, err
}

// decodeOutputArg adds the columns of an --output list.
func (d *dfRun) decodeOutputArg(arg string) bool {
	for _, s := range strings.Split(arg, ",") {
		field := -1
		for i := range d.fields {
			if d.fields[i].arg == s {
				field = i
				break
			}
		}
		if field < 0 {
			d.c.Errorf("option --output: field %s unknown", applet.QuoteArg(s))
			return false
		}
		if d.fields[field].used {
			d.c.Errorf("option --output: field %s used more than once", applet.QuoteArg(d.fields[field].arg))
			return false
		}
		switch field {
		case dfSize:
			d.allocField(field, "Size")
		case dfAvail:
			d.allocField(field, "Avail")
		default:
			d.allocField(field, "")
		}
	}
	return true
}

func (d *dfRun) allocField(f int, caption string) {
	if caption != "" {
		d.fields[f].caption = caption
	}
	d.fields[f].used = true
	d.columns = append(d.columns, &d.fields[f])
}

// getFieldList picks the columns of the header mode.
func (d *dfRun) getFieldList() {
	blocks := func(size, avail, pcent string) {
		d.allocField(dfSource, "")
		if d.printType {
			d.allocField(dfFstype, "")
		}
		d.allocField(dfSize, size)
		d.allocField(dfUsed, "")
		d.allocField(dfAvail, avail)
		d.allocField(dfPcent, pcent)
		d.allocField(dfTarget, "")
	}
	switch d.headerMode {
	case dfDefaultMode:
		blocks("", "", "")
	case dfHumanMode:
		blocks("Size", "Avail", "")
	case dfPosixMode:
		blocks("", "", "Capacity")
	case dfInodesMode:
		d.allocField(dfSource, "")
		if d.printType {
			d.allocField(dfFstype, "")
		}
		d.allocField(dfItotal, "")
		d.allocField(dfIused, "")
		d.allocField(dfIavail, "")
		d.allocField(dfIpcent, "")
		d.allocField(dfTarget, "")
	case dfOutputMode:
		if len(d.columns) == 0 {
			d.decodeOutputArg(dfAllFields)
		}
	}
}

// addCell puts a cell in the last row and widens its column.
func (d *dfRun) addCell(col int, cell string) {
	cell = dfReplaceControlChars(cell)
	if w := len(cell); w > d.columns[col].width {
		d.columns[col].width = w
	}
	d.table[len(d.table)-1][col] = cell
}

func (d *dfRun) allocRow() { d.table = append(d.table, make([]string, len(d.columns))) }

// dfReplaceControlChars is replace_control_chars (output not a terminal).
func dfReplaceControlChars(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c == 0x7f {
			b[i] = '?'
		}
	}
	return string(b)
}

func (d *dfRun) getHeader() {
	d.allocRow()
	for col, f := range d.columns {
		cell := f.caption
		switch {
		case f.id == dfSize && (d.headerMode == dfDefaultMode ||
			(d.headerMode == dfOutputMode && d.humanOpts&hrAutoscale == 0)):
			opts := hrSuppressPoint0 | hrAutoscale | hrSI | d.humanOpts&(hrGroupDigits|hrBase1024|hrB)
			q1000, q1024 := d.blockSize, d.blockSize
			var by1000, by1024 bool
			for {
				by1000 = q1000%1000 == 0
				q1000 /= 1000
				by1024 = q1024%1024 == 0
				q1024 /= 1024
				if !(by1000 && by1024) {
					break
				}
			}
			if !by1000 && by1024 {
				opts |= hrBase1024
			}
			if by1000 && !by1024 {
				opts &^= hrBase1024
			}
			if opts&hrBase1024 == 0 {
				opts |= hrB
			}
			cell = dfHumanReadable(d.blockSize, opts, 1, 1) + "-blocks"
		case d.headerMode == dfPosixMode && f.id == dfSize:
			cell = strconv.FormatUint(d.blockSize, 10) + "-" + cell
		}
		d.addCell(col, cell)
	}
}

func (d *dfRun) selected(fstype string) bool {
	if d.selectList == nil || fstype == "" {
		return true
	}
	for _, t := range d.selectList {
		if t == fstype {
			return true
		}
	}
	return false
}

func (d *dfRun) excluded(fstype string) bool {
	if fstype == "" {
		return false
	}
	for _, t := range d.excludeList {
		if t == fstype {
			return true
		}
	}
	return false
}

// readMounts is gnulib's read_file_system_list: /proc/self/mountinfo,
// or /etc/mtab where that cannot be opened. An empty list is a failure.
func (d *dfRun) readMounts() error {
	data, err := d.ReadAll("/proc/self/mountinfo")
	// errno, for an empty table, is what the last failure left.
	empty := errDfNoMounts
	if err == nil {
		for _, line := range strings.Split(data, "\n") {
			if me := dfParseMountinfo(line); me != nil {
				d.mounts = append(d.mounts, me)
			}
		}
	} else {
		empty = err
		data, err = d.ReadAll("/etc/mtab")
		if err != nil {
			return err
		}
		for _, line := range strings.Split(data, "\n") {
			if me := dfParseMntent(line); me != nil {
				d.mounts = append(d.mounts, me)
			}
		}
	}
	if len(d.mounts) == 0 {
		return empty
	}
	return nil
}

// errDfNoMounts is an empty mount table; df names no cause for it.
var errDfNoMounts = errors.New("")

func (d *dfRun) ReadAll(name string) (string, error) {
	f, err := applet.OpenFile(d.c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := f.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String(), nil
}

// dfParseMntent parses an /etc/mtab line as getmntent does; the device
// number is unknown.
func dfParseMntent(line string) *dfMount {
	line = strings.TrimLeft(line, " \t")
	if line == "" || line[0] == '#' {
		return nil
	}
	f := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' })
	for len(f) < 4 {
		f = append(f, "")
	}
	dec := strings.NewReplacer(`\040`, " ", `\011`, "\t", `\012`, "\n", `\134`, `\`, `\\`, `\`)
	me := &dfMount{
		devname:   dec.Replace(f[0]),
		mountdir:  dec.Replace(f[1]),
		fstype:    dec.Replace(f[2]),
		noMntroot: true,
		dev:       dfDevUnknown,
	}
	bind := false
	for _, o := range strings.Split(dec.Replace(f[3]), ",") {
		if o == "bind" {
			bind = true
		}
	}
	me.dummy = dfIsDummy(me.fstype) || (me.fstype == "none" && !bind)
	me.remote = dfIsRemote(me.devname, me.fstype)
	return me
}

// dfParseMountinfo parses one line as mountlist.c does: fields end at
// single spaces (so an empty source is ""), octal escapes undone.
func dfParseMountinfo(line string) *dfMount {
	f := strings.SplitN(line, " ", 4)
	if len(f) < 4 {
		return nil
	}
	maj, min, ok := strings.Cut(f[2], ":")
	if !ok {
		return nil
	}
	a, err1 := strconv.ParseUint(maj, 10, 32)
	b, err2 := strconv.ParseUint(min, 10, 32)
	if err1 != nil || err2 != nil {
		return nil
	}
	rest := f[3]
	root, rest, ok := strings.Cut(rest, " ")
	if !ok {
		return nil
	}
	target, rest, ok := strings.Cut(rest, " ")
	if !ok {
		return nil
	}
	_, tail, ok := strings.Cut(" "+rest, " - ")
	if !ok {
		return nil
	}
	fstype, tail, ok := strings.Cut(tail, " ")
	if !ok {
		return nil
	}
	source, _, ok := strings.Cut(tail, " ")
	if !ok {
		return nil
	}
	me := &dfMount{
		devname:  dfUnescape(source),
		mountdir: dfUnescape(target),
		mntroot:  dfUnescape(root),
		fstype:   dfUnescape(fstype),
		dev:      dfDev{uint32(a), uint32(b)},
	}
	me.dummy = dfIsDummy(me.fstype) || me.fstype == "none"
	me.remote = dfIsRemote(me.devname, me.fstype)
	return me
}

// dfUnescape is mountlist.c's unescape_tab: \ooo with a first digit 0-3.
func dfUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] >= '0' && s[i+1] <= '3' &&
			s[i+2] >= '0' && s[i+2] <= '7' && s[i+3] >= '0' && s[i+3] <= '7' {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// dfIsDummy is mountlist.c's ME_DUMMY_0; type "none" is dummy too,
// except for an mtab bind mount.
func dfIsDummy(fstype string) bool {
	switch fstype {
	case "autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal",
		"mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore":
		return true
	}
	return false
}

// dfIsRemote is mountlist.c's ME_REMOTE.
func dfIsRemote(name, fstype string) bool {
	if strings.IndexByte(name, ':') >= 0 || name == "-hosts" {
		return true
	}
	if strings.HasPrefix(name, "//") && (fstype == "smbfs" || fstype == "smb3" || fstype == "cifs") {
		return true
	}
	switch fstype {
	case "acfs", "afs", "coda", "auristorfs", "fhgfs", "gpfs", "ibrix", "ocfs2", "vxfs":
		return true
	}
	return false
}

// filterMounts is filter_mount_list: of several entries for one device,
// keep the one with a '/' in its source, nearest the root, or mounted
// over the other. With devicesOnly (df -a) the list stays whole and only
// the device table is kept, for meForDev.
func (d *dfRun) filterMounts(devicesOnly bool) {
	d.devTable = map[dfDev]*dfDevlist{}
	var kept []*dfDevlist
	for _, me := range d.mounts {
		var dev dfDev
		discard := false
		st, err := vfs.Statx{}, error(nil)
		skip := (me.remote && d.showLocal) || (me.dummy && !d.showAll && !d.showListed) ||
			!d.selected(me.fstype) || d.excluded(me.fstype)
		if !skip {
			st, err = d.c.Task.Stat(me.mountdir)
		}
		if skip || err != nil {
			dev = me.dev
		} else {
			dev = dfStatDev(&st)
			if seen := d.devTable[dev]; seen != nil {
				old := seen.me
				targetNearerRoot := len(old.mountdir) > len(me.mountdir)
				sourceBelowRoot := !old.noMntroot && !me.noMntroot && len(old.mntroot) < len(me.mntroot)
				switch {
				case !d.grandTotal && me.remote && old.remote && old.devname != me.devname:
					// Keep both remote entries.
				case (strings.IndexByte(me.devname, '/') >= 0 && strings.IndexByte(old.devname, '/') < 0) ||
					(targetNearerRoot && !sourceBelowRoot) ||
					(old.devname != me.devname && me.mountdir == old.mountdir):
					seen.me = me
					discard = true
				default:
					discard = true
				}
			}
		}
		if discard {
			continue
		}
		dl := &dfDevlist{me: me}
		kept = append(kept, dl)
		d.devTable[dev] = dl
	}
	if !devicesOnly {
		d.mounts = d.mounts[:0]
		for _, dl := range kept {
			d.mounts = append(d.mounts, dl.me)
		}
		d.devTable = nil
	}
}

// meForDev is me_for_dev: the entry last kept for a device.
func (d *dfRun) meForDev(dev dfDev) *dfMount {
	if dl := d.devTable[dev]; dl != nil {
		return dl.me
	}
	return nil
}

func (d *dfRun) getAllEntries() {
	d.filterMounts(d.showAll)
	for _, me := range d.mounts {
		dev := me.devname
		d.getDev(&dev, me.mountdir, "", "", me.fstype, me.dummy, me.remote, nil, true)
	}
}

// getEntry shows the file system of an operand: a device node names the
// file system mounted from it, anything else the one it is on.
func (d *dfRun) getEntry(name string, st *vfs.Statx) {
	m := uint32(st.Mode)
	if (applet.IsBlk(m) || applet.IsChr(m)) && d.getDevice(name) {
		return
	}
	d.getPoint(name, st)
}

// canon is canonicalize_file_name; ok is false where it fails.
func (d *dfRun) canon(name string) (string, bool) {
	s, err := d.c.canonicalize(name, canExisting)
	return s, err == nil
}

// lastDeviceForMount is last_device_for_mount: the source of the last
// entry mounted on mount, canonicalized where that gives an absolute name.
func (d *dfRun) lastDeviceForMount(mount string) (string, bool) {
	var le *dfMount
	for _, me := range d.mounts {
		if me.mountdir == mount {
			le = me
		}
	}
	if le == nil {
		return "", false
	}
	if s, ok := d.canon(le.devname); ok && strings.HasPrefix(s, "/") {
		return s, true
	}
	return le.devname, true
}

// getDevice is get_device: the operand is a device node; show the file
// system mounted from it, if any.
func (d *dfRun) getDevice(device string) bool {
	file := device
	if r, ok := d.canon(device); ok && strings.HasPrefix(r, "/") {
		device = r
	}
	var best *dfMount
	bestAccessible, eclipsed := false, false
	bestLen := math.MaxInt
	for _, me := range d.mounts {
		devname := me.devname
		if cd, ok := d.canon(me.devname); ok && strings.HasPrefix(cd, "/") {
			devname = cd
		}
		if device != devname {
			continue
		}
		last, ok := d.lastDeviceForMount(me.mountdir)
		eclipsed = ok && last != devname
		n := len(me.mountdir)
		if !eclipsed && (!bestAccessible || n < bestLen) {
			accessible := false
			if _, err := d.c.Task.Stat(me.mountdir); err == nil {
				bestAccessible, accessible = true, true
			}
			if accessible || (!bestAccessible && n < bestLen) {
				best = me
				if n == 1 {
					break
				}
				bestLen = n
			}
		}
	}
	if best != nil {
		dev := best.devname
		d.getDev(&dev, best.mountdir, file, "", best.fstype, best.dummy, best.remote, nil, false)
		return true
	}
	if eclipsed {
		d.c.Errorf("cannot access %s: over-mounted by another device", applet.Quote(file))
		d.status = 1
		return true
	}
	return false
}

// getPoint is get_point: find the mount entry of the file system point is
// on, by name first and by device number if that fails.
func (d *dfRun) getPoint(point string, st *vfs.Statx) {
	t := d.c.Task
	var best *dfMount
	if resolved, ok := d.canon(point); ok && strings.HasPrefix(resolved, "/") {
		bestLen := 0
		for _, me := range d.mounts {
			if me.fstype == "lofs" || !(best == nil || best.dummy || !me.dummy) {
				continue
			}
			n := len(me.mountdir)
			if bestLen <= n && n <= len(resolved) &&
				(n == 1 || ((n == len(resolved) || resolved[n] == '/') && resolved[:n] == me.mountdir)) {
				best, bestLen = me, n
			}
		}
	}
	if best != nil {
		if ds, err := t.Stat(best.mountdir); err != nil || dfStatDev(&ds) != dfStatDev(st) {
			best = nil
		}
	}
	if best == nil {
		for _, me := range d.mounts {
			if me.dev == dfDevUnknown {
				if ds, err := t.Stat(me.mountdir); err == nil {
					me.dev = dfStatDev(&ds)
				} else {
					// Only I/O errors are reported: others may be
					// shadowed mount points.
					if errors.Is(err, linux.EIO) {
						d.c.Errorf("%s: %s", dfQuotef(me.mountdir), applet.ErrText(err))
						d.status = 1
					}
					me.dev = dfDevBad
				}
			}
			if me.dev != dfStatDev(st) || me.fstype == "lofs" || !(best == nil || best.dummy || !me.dummy) {
				continue
			}
			if ds, err := t.Stat(me.mountdir); err != nil || dfStatDev(&ds) != me.dev {
				me.dev = dfDevBad
			} else {
				best = me
			}
		}
	}
	if best != nil {
		dev := best.devname
		d.getDev(&dev, best.mountdir, point, point, best.fstype, best.dummy, best.remote, nil, false)
		return
	}
	if mp, ok := d.findMountPoint(point, st); ok {
		d.getDev(nil, mp, point, "", "", false, false, nil, false)
	}
}

// findMountPoint is gnulib's find_mount_point: walk up from point (or its
// directory) while ".." is on the same device.
func (d *dfRun) findMountPoint(point string, st *vfs.Statx) (string, bool) {
	t := d.c.Task
	dir := point
	last := *st
	if !applet.IsDir(uint32(st.Mode)) {
		dir = dirName(point)
		s, err := t.Stat(dir)
		if err != nil {
			d.c.Errorf("cannot stat %s: %s", applet.Quote(dir), applet.ErrText(err))
			return "", false
		}
		last = s
	}
	cur, err := d.c.canonicalize(dir, canExisting)
	if err != nil {
		d.c.Errorf("cannot change to directory %s: %s", applet.Quote(dir), applet.ErrText(err))
		return "", false
	}
	for cur != "/" {
		parent := parentDir(cur)
		s, err := t.Stat(parent)
		if err != nil {
			d.c.Errorf("cannot stat %s: %s", applet.Quote(".."), applet.ErrText(err))
			return "", false
		}
		if dfStatDev(&s) != dfStatDev(&last) || s.Ino == last.Ino {
			break
		}
		cur, last = parent, s
	}
	return cur, true
}

// dfKnown is known_value: the all-ones values stand for unknown.
func dfKnown(n uint64) bool { return n < math.MaxUint64-1 }

// dfReadable is df_readable.
func (d *dfRun) dfReadable(negative bool, n, in, out uint64) string {
	if !dfKnown(n) && !negative {
		return "-"
	}
	if negative {
		return "-" + dfHumanReadable(-n, d.humanOpts, in, out)
	}
	return dfHumanReadable(n, d.humanOpts, in, out)
}

// dfAddWithNeg is add_uint_with_neg_flag.
func dfAddWithNeg(dest *uint64, destNeg *bool, src uint64, srcNeg bool) {
	if *destNeg == srcNeg {
		*dest += src
		return
	}
	if *destNeg {
		*dest = -*dest
	}
	if srcNeg {
		src = -src
	}
	if src < *dest {
		*dest -= src
	} else {
		*dest = src - *dest
		*destNeg = srcNeg
	}
	if *destNeg {
		*dest = -*dest
	}
}

// dfHasUUIDSuffix is has_uuid_suffix.
func dfHasUUIDSuffix(s string) bool {
	if len(s) <= 36 {
		return false
	}
	for _, c := range []byte(s[len(s)-36:]) {
		if c != '-' && dfDigitVal(c) >= 16 {
			return false
		}
	}
	return true
}

// statfsUsage is get_fs_usage (statvfs).
func (d *dfRun) statfsUsage(name string) (dfUsage, error) {
	s, err := d.c.Task.Statfs(name)
	if err != nil {
		return dfUsage{}, err
	}
	bs := uint64(s.Frsize)
	if bs == 0 {
		bs = uint64(s.Bsize)
	}
	return dfUsage{blocksize: bs, blocks: s.Blocks, bfree: s.Bfree, bavail: s.Bavail,
		bavailTopBitSet: s.Bavail>>63 != 0, files: s.Files, ffree: s.Ffree}, nil
}

// getDev is get_dev: one row for a file system. device may be nil
// (unknown); file, statFile and fstype may be "" (unknown).
func (d *dfRun) getDev(device *string, mountPoint, file, statFile, fstype string,
	dummy, remote bool, force *dfUsage, processAll bool) {
	if remote && d.showLocal {
		return
	}
	if dummy && !d.showAll && !d.showListed {
		return
	}
	if !d.selected(fstype) || d.excluded(fstype) {
		return
	}
	if force == nil && !strings.HasPrefix(mountPoint, "/") {
		return
	}
	if statFile == "" {
		statFile = mountPoint
	}
	var fsu dfUsage
	if force != nil {
		fsu = *force
	} else if u, err := d.statfsUsage(statFile); err != nil {
		if processAll && (errors.Is(err, linux.EACCES) || errors.Is(err, linux.ENOENT)) {
			if !d.showAll {
				return
			}
			fstype = "-"
			fsu = dfUnknownUsage()
		} else {
			d.c.Errorf("%s: %s", dfQuotef(statFile), applet.ErrText(err))
			d.status = 1
			return
		}
	} else {
		fsu = u
		if processAll && d.showAll {
			// An over-mounted directory: its statistics are another's.
			if sb, err := d.c.Task.Stat(statFile); err == nil {
				if dm := d.meForDev(dfStatDev(&sb)); dm != nil && device != nil && dm.devname != *device &&
					(!dm.remote || !remote) {
					fstype = "-"
					fsu = dfUnknownUsage()
				}
			}
		}
	}
	if fsu.blocks == 0 && !d.showAll && !d.showListed {
		return
	}
	if force == nil {
		d.processed = true
	}
	d.allocRow()

	devName := "-"
	if device != nil {
		devName = *device
	}
	if file == "" {
		file = "-"
	}
	if processAll && dfHasUUIDSuffix(devName) {
		if r, ok := d.canon(devName); ok {
			devName = r
		}
	}
	if fstype == "" {
		fstype = "-"
	}

	var bv, iv dfValues
	iv.inputUnits, iv.outputUnits = 1, 1
	iv.total = fsu.files
	iv.available, iv.availableToRoot = fsu.ffree, fsu.ffree
	iv.used = dfUnknown
	if dfKnown(iv.total) && dfKnown(iv.availableToRoot) {
		iv.used = iv.total - iv.availableToRoot
		iv.negateUsed = iv.total < iv.availableToRoot
	}
	bv.inputUnits, bv.outputUnits = fsu.blocksize, d.blockSize
	bv.total = fsu.blocks
	bv.available = fsu.bavail
	bv.availableToRoot = fsu.bfree
	bv.negateAvailable = fsu.bavailTopBitSet && dfKnown(fsu.bavail)
	bv.used = dfUnknown
	if dfKnown(bv.total) && dfKnown(bv.availableToRoot) {
		bv.used = bv.total - bv.availableToRoot
		bv.negateUsed = bv.total < bv.availableToRoot
	}

	if d.grandTotal && force == nil {
		g := &d.grand
		if dfKnown(iv.total) {
			g.files += iv.total
		}
		if dfKnown(iv.available) {
			g.ffree += iv.available
		}
		if dfKnown(bv.total) {
			g.blocks += bv.inputUnits * bv.total
		}
		if dfKnown(bv.availableToRoot) {
			g.bfree += bv.inputUnits * bv.availableToRoot
		}
		if dfKnown(bv.available) {
			dfAddWithNeg(&g.bavail, &g.bavailTopBitSet, bv.inputUnits*bv.available, bv.negateAvailable)
		}
	}

	for col, f := range d.columns {
		v := &bv
		if f.kind == dfInodeFld {
			v = &iv
		}
		var cell string
		switch f.id {
		case dfSource:
			cell = devName
		case dfFstype:
			cell = fstype
		case dfSize, dfItotal:
			cell = d.dfReadable(false, v.total, v.inputUnits, v.outputUnits)
		case dfUsed, dfIused:
			cell = d.dfReadable(v.negateUsed, v.used, v.inputUnits, v.outputUnits)
		case dfAvail, dfIavail:
			cell = d.dfReadable(v.negateAvailable, v.available, v.inputUnits, v.outputUnits)
		case dfPcent, dfIpcent:
			cell = dfPercent(v)
		case dfFile:
			cell = file
		case dfTarget:
			cell = mountPoint
		}
		d.addCell(col, cell)
	}
}

// dfPercent is the Use% cell: used over used plus available, rounded up,
// or "-" where that is not known or zero.
func dfPercent(v *dfValues) string {
	pct := -1.0
	switch {
	case !dfKnown(v.used) || !dfKnown(v.available):
	case !v.negateUsed && v.used <= math.MaxUint64/100 && v.used+v.available != 0 &&
		(v.used+v.available < v.used) == v.negateAvailable:
		u100 := v.used * 100
		total := v.used + v.available
		p := u100 / total
		if u100%total != 0 {
			p++
		}
		pct = float64(p)
	default:
		u := float64(v.used)
		if v.negateUsed {
			u = -float64(-v.used)
		}
		a := float64(v.available)
		if v.negateAvailable {
			a = -float64(-v.available)
		}
		if total := u + a; total != 0 {
			pct = u * 100 / total
			ipct := float64(int64(pct))
			if ipct-1 < pct && pct <= ipct+1 {
				if ipct < pct {
					pct = ipct + 1
				} else {
					pct = ipct
				}
			}
		}
	}
	if pct < 0 {
		return "-"
	}
	return strconv.FormatFloat(pct, 'f', 0, 64) + "%"
}

// printTable prints the rows, each column padded to its widest cell (the
// last one not padded on the right).
func (d *dfRun) printTable() {
	out := d.c.Out
	for _, row := range d.table {
		for col, cell := range row {
			if col != 0 {
				out.WriteByte(' ')
			}
			pad := d.columns[col].width - len(cell)
			if pad < 0 {
				pad = 0
			}
			if d.columns[col].left {
				out.WriteString(cell)
				if col != len(row)-1 {
					out.WriteString(strings.Repeat(" ", pad))
				}
			} else {
				out.WriteString(strings.Repeat(" ", pad))
				out.WriteString(cell)
			}
		}
		out.WriteByte('\n')
	}
}

// stat --file-system.

// statfsDefault is stat -f's default format; statfsTerse its --terse one.
const (
	statfsDefault = "  File: \"%n\"\n" +
		"    ID: %-8i Namelen: %-7l Type: %T\n" +
		"Block size: %-10s Fundamental block size: %S\n" +
		"Blocks: Total: %-10b Free: %-10f Available: %a\n" +
		"Inodes: Total: %-10c Free: %d\n"
	statfsTerse = "%n %i %l %t %s %S %b %f %a %c %d\n"
)

// statfsOne is stat -f for one name: format is the -c or --printf
// format (escapes already handled) where custom, else the default or
// terse one is used; trailer follows it (-c's newline).
func (c *cmd) statfsOne(name, format, trailer string, custom, terse bool) bool {
	if name == "-" {
		c.Errorf("using %s to denote standard input does not work in file system mode", applet.Quote(name))
		return false
	}
	st, err := c.Task.Statfs(name)
	if err != nil {
		c.Errorf("cannot read file system information for %s: %s", applet.Quote(name), applet.ErrText(err))
		return false
	}
	if !custom {
		format = statfsDefault
		if terse {
			format = statfsTerse
		}
	}
	f := &statFile{name: name, sfs: &st, quoteN: applet.Quote}
	if sx, err := c.Task.Stat(name); err == nil {
		f.st = sx
	}
	c.statFormat(f, format)
	c.Out.WriteString(trailer)
	return true
}

// statfsFsid is %i. linuxvfs keeps no f_fsid, so it is what the kernel's
// simple_statfs (proc, ramfs, mqueue...) sets: the device number,
// huge_encode_dev, in the first word. (A real tmpfs has a random one.)
func statfsFsid(st *vfs.Statx) uint64 {
	major, minor := uint64(st.DevMajor), uint64(st.DevMinor)
	id := minor&0xff | major<<8 | (minor&^0xff)<<12
	// stat reads the two words of f_fsid as one number, the first high.
	return uint64(uint32(id))<<32 | id>>32
}

// statfsFlags keeps only the printf flags of spec that make_format allows.
func statfsFlags(spec, allowed string) string {
	i := 0
	for i < len(spec) && strings.IndexByte("-+ #0", spec[i]) >= 0 {
		i++
	}
	var b strings.Builder
	for _, c := range []byte(spec[:i]) {
		if strings.IndexByte(allowed, c) >= 0 {
			b.WriteByte(c)
		}
	}
	return b.String() + spec[i:]
}

// statfsDirective prints one stat -f directive.
func (c *cmd) statfsDirective(f *statFile, spec string, mod, letter byte) {
	if mod != 0 {
		// %H and %L are only modifiers of stat's %d and %r.
		c.Out.WriteString("?")
		c.Out.WriteByte(letter)
		return
	}
	s := f.sfs
	str := func(v string) { fmt.Fprintf(c.Out, "%"+statfsFlags(spec, "-")+"s", v) }
	sint := func(v uint64) { fmt.Fprintf(c.Out, "%"+statfsFlags(spec, "-+ 0")+"d", int64(v)) }
	uint := func(v uint64) { fmt.Fprintf(c.Out, "%"+statfsFlags(spec, "-0")+"d", v) }
	hex := func(v uint64) { fmt.Fprintf(c.Out, "%"+statfsFlags(spec, "-#0")+"x", v) }
	switch letter {
	case 'n':
		str(f.name)
	case 'i':
		hex(statfsFsid(&f.st))
	case 'l':
		uint(uint64(s.Namelen))
	case 't':
		hex(s.Type)
	case 'T':
		str(statfsTypeName(s.Type))
	case 'b':
		sint(s.Blocks)
	case 'f':
		sint(s.Bfree)
	case 'a':
		sint(s.Bavail)
	case 's':
		uint(uint64(s.Bsize))
	case 'S':
		fr := uint64(s.Frsize)
		if fr == 0 {
			fr = uint64(s.Bsize)
		}
		uint(fr)
	case 'c':
		uint(s.Files)
	case 'd':
		sint(s.Ffree)
	default:
		c.Out.WriteString("?")
	}
}

// statfsTypeName is stat.c's human_fstype.
func statfsTypeName(magic uint64) string {
	if name, ok := statfsMagic[magic]; ok {
		return name
	}
	return fmt.Sprintf("UNKNOWN (0x%x)", magic)
}

// statfsMagic maps f_type to the names coreutils 9.1 gives them.
var statfsMagic = map[uint64]string{
	0x5A3C69F0: "aafs",
	0x61636673: "acfs",
	0xADF5:     "adfs",
	0xADFF:     "affs",
	0x5346414F: "afs",
	0x9041934:  "anon-inode",
	0x61756673: "aufs",
	0x187:      "autofs",
	0x13661366: "balloon-kvm-fs",
	0x42465331: "befs",
	0x62646576: "bdevfs",
	0x1BADFACE: "bfs",
	0x6C6F6F70: "binderfs",
	0xCAFE4A11: "bpf_fs",
	0x42494E4D: "binfmt_misc",
	0x9123683E: "btrfs",
	0x73727279: "btrfs_test",
	0xC36400:   "ceph",
	0x27E0EB:   "cgroupfs",
	0x63677270: "cgroup2fs",
	0xFF534D42: "cifs",
	0x73757245: "coda",
	0x12FF7B7:  "coh",
	0x62656570: "configfs",
	0x28CD3D45: "cramfs",
	0x453DCD28: "cramfs-wend",
	0x64646178: "daxfs",
	0x64626720: "debugfs",
	0x1373:     "devfs",
	0x454D444D: "devmem",
	0x1CD1:     "devpts",
	0x444D4142: "dma-buf-fs",
	0xF15F:     "ecryptfs",
	0xDE5E81E4: "efivarfs",
	0x414A53:   "efs",
	0xE0F5E1E2: "erofs",
	0x2011BAB0: "exfat",
	0x45584653: "exfs",
	0x5DF5:     "exofs",
	0x137D:     "ext",
	0xEF53:     "ext2/ext3",
	0xEF51:     "ext2",
	0xF2F52010: "f2fs",
	0x4006:     "fat",
	0x19830326: "fhgfs",
	0x65735546: "fuseblk",
	0x65735543: "fusectl",
	0xBAD1DEA:  "futexfs",
	0x1161970:  "gfs/gfs2",
	0x47504653: "gpfs",
	0x4244:     "hfs",
	0x482B:     "hfs+",
	0x4858:     "hfsx",
	0xC0FFEE:   "hostfs",
	0xF995E849: "hpfs",
	0x958458F6: "hugetlbfs",
	0x11307854: "inodefs",
	0x13111A8:  "ibrix",
	0x2BAD1DEA: "inotifyfs",
	0x9660:     "isofs",
	0x4004:     "isofs",
	0x4000:     "isofs",
	0x7C0:      "jffs",
	0x72B6:     "jffs2",
	0x3153464A: "jfs",
	0x6B414653: "k-afs",
	0xC97E8168: "logfs",
	0xBD00BD0:  "lustre",
	0x5346314D: "m1fs",
	0x137F:     "minix",
	0x138F:     "minix",
	0x2468:     "minix",
	0x2478:     "minix",
	0x4D5A:     "minix3",
	0x19800202: "mqueue",
	0x4D44:     "msdos",
	0x564C:     "novell",
	0x6969:     "nfs",
	0x6E667364: "nfsd",
	0x3434:     "nilfs",
	0x6E736673: "nsfs",
	0x5346544E: "ntfs",
	0x9FA1:     "openprom",
	0x7461636F: "ocfs2",
	0x794C7630: "overlayfs",
	0xAAD7AAEA: "panfs",
	0x50495045: "pipefs",
	0xC7571590: "ppc-cmm-fs",
	0x7C7C6673: "prl_fs",
	0x9FA0:     "proc",
	0x6165676C: "pstorefs",
	0x2F:       "qnx4",
	0x68191122: "qnx6",
	0x858458F6: "ramfs",
	0x7655821:  "rdt",
	0x52654973: "reiserfs",
	0x7275:     "romfs",
	0x67596969: "rpc_pipefs",
	0x5DCA2DF5: "sdcardfs",
	0x5345434D: "secretmem",
	0x73636673: "securityfs",
	0xF97CFF8C: "selinux",
	0x43415D53: "smackfs",
	0x517B:     "smb",
	0xFE534D42: "smb2",
	0xBEEFDEAD: "snfs",
	0x534F434B: "sockfs",
	0x73717368: "squashfs",
	0x62656572: "sysfs",
	0x12FF7B6:  "sysv2",
	0x12FF7B5:  "sysv4",
	0x1021994:  "tmpfs",
	0x74726163: "tracefs",
	0x24051905: "ubifs",
	0x15013346: "udf",
	0x11954:    "ufs",
	0x54190100: "ufs",
	0x9FA2:     "usbdevfs",
	0x1021997:  "v9fs",
	0x786F4256: "vboxsf",
	0xBACBACBC: "vmhgfs",
	0xA501FCF5: "vxfs",
	0x565A4653: "vzfs",
	0x53464846: "wslfs",
	0xABBA1974: "xenfs",
	0x12FF7B4:  "xenix",
	0x58465342: "xfs",
	0x12FD16D:  "xia",
	0x33:       "z3fold",
	0x2FC12FC1: "zfs",
	0x5A4F4653: "zonefs",
	0x58295829: "zsmallocfs",
}
