// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// blockdevQuery is one of blockdev's --get commands: its name and how it
// reads the answer from the block layer's size, sector size and
// read-only flag.
type blockdevQuery struct {
	name, ioctl string
	value       func(size uint64, ssz int32, ro bool) string
}

var blockdevQueries = []blockdevQuery{
	{"--getsz", "BLKGETSIZE64", func(size uint64, _ int32, _ bool) string { return strconv.FormatUint(size/512, 10) }},
	{"--getro", "BLKROGET", func(_ uint64, _ int32, ro bool) string { return map[bool]string{false: "0", true: "1"}[ro] }},
	{"--getss", "BLKSSZGET", func(_ uint64, ssz int32, _ bool) string { return strconv.Itoa(int(ssz)) }},
	{"--getpbsz", "BLKPBSZGET", func(_ uint64, ssz int32, _ bool) string { return strconv.Itoa(int(ssz)) }},
	{"--getiomin", "BLKIOMIN", func(_ uint64, ssz int32, _ bool) string { return strconv.Itoa(int(ssz)) }},
	{"--getioopt", "BLKIOOPT", func(uint64, int32, bool) string { return "0" }},
	{"--getalignoff", "BLKALIGNOFF", func(uint64, int32, bool) string { return "0" }},
	{"--getbsz", "BLKBSZGET", func(size uint64, _ int32, _ bool) string { return strconv.Itoa(initBlocksize(size)) }},
	{"--getsize", "BLKGETSIZE", func(size uint64, _ int32, _ bool) string { return strconv.FormatUint(size/512, 10) }},
	{"--getsize64", "BLKGETSIZE64", func(size uint64, _ int32, _ bool) string { return strconv.FormatUint(size, 10) }},
}

// initBlocksize is set_init_blocksize: the largest power of two up to a
// page that divides the device's size.
func initBlocksize(size uint64) int {
	bs := 4096
	for bs > 512 && size%uint64(bs) != 0 {
		bs /= 2
	}
	return bs
}

// blockdevApplet is util-linux's blockdev(8) for its queries: each
// --get command in order, on each device after them.
func blockdevApplet(c *cmd) int {
	args := c.Args
	if len(args) == 0 {
		c.warnf("not enough arguments")
		c.TryHelp()
		return 1
	}
	if args[0] == "-h" || args[0] == "--help" {
		c.Out.WriteString("\nUsage:\n blockdev [-v|-q] commands devices\n blockdev --report [devices]\n")
		return 0
	}
	var queries []blockdevQuery
	i := 0
	for ; i < len(args) && len(args[i]) > 1 && args[i][0] == '-'; i++ {
		if args[i] == "-q" || args[i] == "-v" {
			continue
		}
		q, ok := findQuery(args[i])
		if !ok {
			c.warnf("Unknown command: %s", args[i])
			c.TryHelp()
			return 1
		}
		queries = append(queries, q)
	}
	if i == len(args) {
		c.warnf("no device specified")
		c.TryHelp()
		return 1
	}
	status := 0
	for _, dev := range args[i:] {
		if !c.blockdevOne(dev, queries) {
			status = 1
		}
	}
	return status
}

func findQuery(name string) (blockdevQuery, bool) {
	for _, q := range blockdevQueries {
		if q.name == name {
			return q, true
		}
	}
	return blockdevQuery{}, false
}

// blockdevOne answers the queries for one device.
func (c *cmd) blockdevOne(dev string, queries []blockdevQuery) bool {
	t := c.Task
	fd, err := t.Openat(applet.AtCWD, dev, linux.O_RDONLY|linux.O_NONBLOCK|linux.O_CLOEXEC, 0)
	if err != nil {
		c.warnf("cannot open %s: %s", dev, applet.ErrText(err))
		return false
	}
	defer t.Close(fd)
	var size uint64
	var ssz, ro int32
	if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
		// No block device: the first command's ioctl fails.
		name := "BLKGETSIZE64"
		if len(queries) > 0 {
			name = queries[0].ioctl
		}
		c.warnf("ioctl error on %s: %s", name, applet.ErrText(err))
		return false
	}
	t.Ioctl(fd, linux.BLKSSZGET, &ssz)
	t.Ioctl(fd, linux.BLKROGET, &ro)
	for _, q := range queries {
		c.Out.WriteString(q.value(size, ssz, ro != 0) + "\n")
	}
	return true
}
