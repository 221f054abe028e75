// SPDX-License-Identifier: Apache-2.0

package coreutils

import "github.com/linuxvfs/linuxvfs/internal/getopt"

// sum(1): the BSD checksum and 1 KiB blocks (-r, the default) or the
// System V one and 512-byte blocks (-s), as cksum -a bsd/sysv print them.

const sumHelp = `[OPTION]... [FILE]...
Print a 16-bit checksum and the size in blocks of each FILE (standard
input without one, or for -).

  -r              the BSD checksum, 1024-byte blocks (the default)
  -s, --sysv      the System V checksum, 512-byte blocks
      --help      show this help
      --version   show the version
`

var sumOptions = []getopt.Option{
	{Short: 'r'},
	{Short: 's', Long: "sysv"},
}

func sumApplet(c *cmd) int {
	cl, status, ok := c.Getopt(sumOptions, false, sumHelp)
	if !ok {
		return status
	}
	algo := "bsd"
	for _, o := range cl.Opts {
		switch o.ID {
		case 'r':
			algo = "bsd"
		case 's':
			algo = "sysv"
		}
	}
	return cksumOld(c, algo, cl.Operands)
}
