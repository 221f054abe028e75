// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"golang.org/x/text/encoding/charmap"
)

// fatlabel reads or sets a FAT volume's label (the boot sector's and
// the root directory's volume entry) or its serial number (-i), or
// removes the label and makes a new serial (-r).

var fatlabelOptions = []getopt.Option{
	{Short: 'i', Long: "volume-id"},
	{Short: 'r', Long: "reset"},
	{Short: 'c', Long: "codepage", Arg: getopt.RequiredArg},
	{Short: 'V', Long: "version"},
	{Short: 'h', Long: "help"},
}

// fatlabelRun is one run of fatlabel.
type fatlabelRun struct {
	*applet.Cmd
	codepage codepage
}

// errExit carries the status a fatlabel step ends the run with.
type errExit int

func (e errExit) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func fatlabelApplet(c *applet.Cmd) int {
	r := &fatlabelRun{Cmd: c, codepage: defaultCodepage}
	err := r.run()
	var status errExit
	if errors.As(err, &status) {
		return int(status)
	}
	return 0
}

// fail prints a message to standard error and ends the run with status.
func (r *fatlabelRun) fail(status int, format string, a ...any) error {
	fmt.Fprintf(r.Errw, format, a...)
	return errExit(status)
}

func (r *fatlabelRun) run() error {
	p := getopt.Parser{Options: fatlabelOptions}
	opts, ops, perr := p.Parse(r.Args)
	volid, reset := false, false
	for _, o := range opts {
		switch o.ID {
		case 'i':
			volid = true
		case 'r':
			reset = true
		case 'c':
			if n, ok := cNumber(o.Value, 10, 64); !ok || n < 0 {
				r.fail(1, "Invalid codepage : %s\n", o.Value)
				return r.usage(1, false)
			} else if cp, complaint := lookupCodepage(n, r.UTF8()); complaint != "" {
				r.fail(1, "%s", complaint)
				return r.usage(1, false)
			} else {
				r.codepage = cp
			}
		case 'V':
			fmt.Fprintf(r.Out, "fatlabel 4.2 (2021-01-31)\n")
			return nil
		case 'h':
			return r.usage(0, false)
		}
	}
	if perr != nil {
		r.fail(1, "%s: %s\n", r.Argv0, perr)
		return r.usage(1, false)
	}
	if len(ops) < 1 || len(ops) > 2 {
		return r.usage(1, true)
	}
	change := len(ops) == 2
	if change && reset {
		return r.fail(1, "fatlabel: giving new value with --reset not allowed\n")
	}
	if volid {
		return r.serial(ops[0], change, reset, ops[1:])
	}
	return r.label(ops[0], change, reset, ops[1:])
}

// usage prints the usage line, and our option summary unless short; an
// error goes to standard error.
func (r *fatlabelRun) usage(status int, short bool) error {
	w := r.Errw
	if status == 0 {
		w = r.Out
	}
	fmt.Fprintf(w, "Usage: fatlabel [OPTIONS] DEVICE [NEW]\n")
	if !short {
		fmt.Fprint(w, fatlabelHelp)
	}
	return errExit(status)
}

const fatlabelHelp = `Show the label (or with -i the serial number) of the FAT filesystem on
DEVICE, or set it to NEW.

Options:
  -i, --volume-id     the serial number, not the label
  -r, --reset         remove the label, or make a new serial number
  -c N, --codepage=N  DOS codepage of the label (default 850)
  -V, --version       print the version
  -h, --help          show this summary
`

// label shows, sets or removes the label.
func (r *fatlabelRun) label(dev string, change, reset bool, newLabel []string) error {
	var label [11]byte
	if change {
		var err error
		if label, err = r.checkLabel(newLabel[0]); err != nil {
			return err
		}
	}
	v, err := r.open(dev, change || reset)
	if err != nil {
		return err
	}
	defer r.Task.Close(v.fd)
	if v.fatBits == 32 {
		if err := v.loadFat(); err != nil {
			return err
		}
	}
	if !change && !reset {
		if de, off := v.findLabelEntry(); off != 0 {
			if de[0] == 0x05 {
				de[0] = 0xe5
			}
			fmt.Fprintf(r.Out, "%s\n", printableLabel(de[:11], r.codepage.table, r.UTF8()))
		}
		return nil
	}
	if reset {
		return v.removeLabel()
	}
	return v.setLabel(label)
}

// checkLabel encodes a new label, refusing what fatlabel refuses.
func (r *fatlabelRun) checkLabel(s string) ([11]byte, error) {
	label, problem, err := encodeLabel(s, r.codepage.table, r.UTF8())
	switch {
	case err == errLabelTooLong:
		return label, r.fail(1, "fatlabel: labels can be no longer than 11 characters\n")
	case err != nil:
		if ce, ok := err.(*conversionError); ok {
			r.fail(1, "%s\n", ce)
		}
		return label, r.fail(1, "fatlabel: error when processing label\n")
	}
	if problem.lower {
		r.fail(0, "fatlabel: warning - lowercase labels might not work properly on some systems\n")
	}
	switch {
	case problem.control:
		return label, r.fail(1, "fatlabel: labels with characters below 0x20 are not allowed\n")
	case problem.forbidden:
		return label, r.fail(1, "fatlabel: labels with characters *?.,;:/\\|+=<>[]\" are not allowed\n")
	case strings.TrimLeft(s, " ") == "":
		return label, r.fail(1, "fatlabel: labels can't be empty or white space only\n")
	case problem.leadingSpace:
		return label, r.fail(1, "fatlabel: labels can't start with a space character\n")
	}
	return label, nil
}

// serial shows or sets the serial number.
func (r *fatlabelRun) serial(dev string, change, reset bool, newSerial []string) error {
	var serial uint32
	if change {
		n, whole, overflow := strtoll(newSerial[0], 16, 64)
		switch {
		case !whole || n < 0:
			return r.fail(1, "fatlabel: volume ID must be a hexadecimal number\n")
		case overflow || n > 1<<32-1:
			return r.fail(1, "fatlabel: given volume ID does not fit in 32 bit\n")
		}
		serial = uint32(n)
	}
	if reset {
		now := time.Now()
		serial = uint32(now.Unix())<<20 | uint32(now.Nanosecond()/1000)
	}
	v, err := r.open(dev, change || reset)
	if err != nil {
		return err
	}
	defer r.Task.Close(v.fd)
	if !change && !reset {
		fmt.Fprintf(r.Out, "%08x\n", v.serial)
		return nil
	}
	return v.writeBoot(func(b []byte, vi int) { binary.LittleEndian.PutUint32(b[vi+3:], serial) })
}

// open opens the device and reads its boot sector.
func (r *fatlabelRun) open(dev string, rw bool) (*fatVolume, error) {
	flags := uint32(linux.O_RDONLY)
	if rw {
		flags = linux.O_RDWR
	}
	fd, err := r.Task.Open(dev, flags, 0)
	if err != nil {
		return nil, r.fail(6, "open: %s\n", applet.ErrText(err))
	}
	v := &fatVolume{r: r, fd: fd, rw: rw}
	if err := v.readBoot(); err != nil {
		r.Task.Close(fd)
		return nil, err
	}
	return v, nil
}

// printableLabel is the label without its trailing spaces, in the
// locale's charset: the code page decoded for UTF-8, a byte the C locale cannot
// show made '_'.
func printableLabel(label []byte, cp *charmap.Charmap, utf8Locale bool) string {
	end := len(label)
	for end > 0 && label[end-1] == ' ' {
		end--
	}
	var b strings.Builder
	for _, c := range label[:end] {
		switch {
		case c == 0:
			return b.String()
		case c < 0x80:
			b.WriteByte(c)
		case utf8Locale:
			b.WriteRune(cp.DecodeByte(c))
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// errText is strerror's text for a system call's error.
func errText(err error) string { return applet.ErrText(err) }
