// SPDX-License-Identifier: Apache-2.0

// Package archive is linuxvfs's GNU tar 1.34 (c, t, x) and gzip 1.12
// (gzip, gunzip, zcat), working through the virtual kernel with the real
// tools' names, messages and exit statuses. The deflate streams are Go's
// own, so compressed bytes (and gzip -l's sizes) differ from GNU gzip's;
// what decompresses is the same.
package archive

import "github.com/linuxvfs/linuxvfs/userland/applet"

type cmd struct{ *applet.Cmd }

// argpUsage is the status of a command line argp refuses (EX_USAGE);
// tar and cpio end with 2 for the errors they find themselves.
const argpUsage = 64

type program func(c *cmd) int

var programs = map[string]program{"gzip": gzipApplet, "gunzip": gunzipApplet, "zcat": zcatApplet, "tar": tarApplet, "cpio": cpioApplet}

// Register adds the archivers to set.
func Register(set *applet.Set) {
	for name, p := range programs {
		set.Register(p.run, name)
	}
}

func (p program) run(c *applet.Cmd) int { return p(&cmd{c}) }
