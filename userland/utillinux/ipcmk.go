// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// ipcmk(1) of util-linux 2.38: make a shared memory segment (-M SIZE), a
// message queue (-Q) and a semaphore array (-S N), each under a random
// key, with mode -p (octal, 0644 without), and print their ids.
func ipcmkApplet(c *cmd) int {
	opts := []getopt.Option{
		{Short: 'M', Long: "shmem", Arg: getopt.RequiredArg}, {Short: 'S', Long: "semaphore", Arg: getopt.RequiredArg},
		{Short: 'Q', Long: "queue"}, {Short: 'p', Long: "mode", Arg: getopt.RequiredArg},
		{Short: 'V', Long: "version", ID: applet.OptVersion}, {Short: 'h', Long: "help", ID: applet.OptHelp},
	}
	mode, size, nsems := 0o644, uint64(0), int32(0)
	var shm, msg, sem bool
	_, status, ok := c.GetoptEach(opts, false, helpTexts["ipcmk"], func(o getopt.Parsed) bool {
		var err error
		switch o.ID {
		case 'M':
			size, err = parseSizeArg(o.Value)
			if err != nil {
				err = fmt.Errorf("failed to parse size: '%s': %s", o.Value, applet.ErrText(err))
			}
			shm = true
		case 'Q':
			msg = true
		case 'S':
			nsems, err = int32OrErr(o.Value, "failed to parse elements")
			sem = true
		case 'p':
			var m uint64
			m, err = octalMode(o.Value)
			mode = int(m)
		}
		if err != nil {
			c.warnf("%s", err)
			c.Exit(1)
			return false
		}
		return true
	})
	if !ok {
		return status
	}
	if !shm && !msg && !sem {
		return c.badUsage(1)
	}
	t := c.Task
	if shm {
		id, err := t.Shmget(randomKey(), size, mode|0o1000)
		if err != nil {
			c.warnf("create share memory failed: %s", applet.ErrText(err))
			return 1
		}
		fmt.Fprintf(c.Out, "Shared memory id: %d\n", id)
	}
	if msg {
		id, err := t.Msgget(randomKey(), mode|0o1000)
		if err != nil {
			c.warnf("create message queue failed: %s", applet.ErrText(err))
			return 1
		}
		fmt.Fprintf(c.Out, "Message queue id: %d\n", id)
	}
	if sem {
		id, err := t.Semget(randomKey(), int(nsems), mode|0o1000)
		if err != nil {
			c.warnf("create semaphore failed: %s", applet.ErrText(err))
			return 1
		}
		fmt.Fprintf(c.Out, "Semaphore id: %d\n", id)
	}
	return 0
}

// octalMode reads -p's value as strtoul(3) in base 8 does (blanks, a
// sign, digits; a minus negates), all of it. What strtoul refuses
// without setting errno, err(3) reports with "Success".
func octalMode(v string) (uint64, error) {
	s := strings.TrimLeft(v, " \t\n\v\f\r")
	neg := s != "" && s[0] == '-'
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" || strings.Trim(s, "01234567") != "" {
		return 0, fmt.Errorf("failed to parse mode: Success")
	}
	m, err := strconv.ParseUint(s, 8, 64)
	if err != nil {
		return 0, fmt.Errorf("failed to parse mode: %s", applet.ErrText(linux.ERANGE))
	}
	if neg {
		m = -m
	}
	return m, nil
}

// randomKey is ipcmk's key: four random bytes.
func randomKey() int32 {
	var b [4]byte
	rand.Read(b[:])
	return int32(binary.LittleEndian.Uint32(b[:]))
}
