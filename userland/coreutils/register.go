// SPDX-License-Identifier: Apache-2.0

// Package coreutils is linuxvfs's GNU coreutils 9.1: the file, text and
// checksum tools, with coreutils' options, output, messages and exit
// statuses in the C locale, acting on a virtual kernel's task.
package coreutils

import "github.com/linuxvfs/linuxvfs/userland/applet"

// cmd is a running coreutils program; the methods of the files of this
// package are the tools' own helpers on top of applet.Cmd.
type cmd struct{ *applet.Cmd }

// lookupEnv is an environment variable and whether it is set, as the
// block-size settings of df, du and ls read them.
func (c *cmd) lookupEnv(name string) (string, bool) { return c.Getenv(name), c.EnvSet(name) }

// program is the entry point of one tool.
type program func(c *cmd) int

// programs are the tools this package provides, by name.
var programs = map[string]program{
	"base64": base64Applet, "basename": basenameApplet, "cat": catApplet,
	"chgrp": chgrpApplet, "chmod": chmodApplet, "chown": chownApplet,
	"cp": cpApplet, "cmp": cmpApplet, "cksum": cksumApplet, "sum": sumApplet, "split": splitApplet, "join": joinApplet, "cut": cutApplet, "diff": diffApplet, "date": dateApplet, "link": linkApplet, "unlink": unlinkApplet, "printenv": printenvApplet, "whoami": whoamiApplet, "tac": tacApplet, "dd": ddApplet, "df": dfApplet,
	"dirname": dirnameApplet, "du": duApplet, "env": envApplet, "expr": exprApplet, "paste": pasteApplet, "nl": nlApplet, "timeout": timeoutApplet, "which": whichApplet, "comm": commApplet,
	"find": findApplet, "fold": foldApplet, "nproc": nprocApplet, "grep": grepApplet, "egrep": egrepApplet, "fgrep": fgrepApplet, "groups": groupsApplet, "head": headApplet, "id": idApplet, "install": installApplet,
	"ln": lnApplet, "ls": lsApplet, "md5sum": md5sumApplet,
	"mkdir": mkdirApplet, "mkfifo": mkfifoApplet, "mknod": mknodApplet,
	"mktemp": mktempApplet, "mv": mvApplet, "od": odApplet,
	"readlink": readlinkApplet, "realpath": realpathApplet, "rm": rmApplet,
	"rmdir": rmdirApplet, "seq": seqApplet, "sha1sum": sha1sumApplet,
	"sha256sum": sha256sumApplet, "sha512sum": sha512sumApplet,
	"sleep": sleepApplet, "sort": sortApplet, "stat": statApplet, "sync": syncApplet,
	"tail": tailApplet, "tee": teeApplet, "touch": touchApplet, "tr": trApplet,
	"truncate": truncateApplet, "uniq": uniqApplet, "wc": wcApplet,
	"xargs": xargsApplet, "yes": yesApplet, "echo": echoApplet, "true": trueApplet, "false": falseApplet, "pwd": pwdApplet, "uname": unameApplet, "hostname": hostnameApplet,
	"domainname": hostnameApplet, "nisdomainname": hostnameApplet, "ypdomainname": hostnameApplet, "dnsdomainname": hostnameApplet,
}

// Register adds the coreutils programs to set.
func Register(set *applet.Set) {
	for name, p := range programs {
		set.Register(p.run, name)
	}
}

// run starts a tool; coreutils word their messages with argv[0] as
// given (program_name), "/bin/cat: /x: ..." for /bin/cat.
func (p program) run(c *applet.Cmd) int {
	c.GivenName()
	return p(&cmd{c})
}

// writeFailed reports a failed write of standard output as the tools
// that check their writes die of it: "write error" with the errno. With
// clear (coreutils' write_error, as seq uses it) stdio's error is reset
// first; without (tr, base64), close_stdout complains once more.
func (c *cmd) writeFailed(clear bool) bool {
	err := c.OutFailed()
	if err == nil || applet.BrokenPipe(err) {
		return false
	}
	if clear {
		c.ClearOut()
	}
	c.Errorf("write error: %s", applet.ErrText(err))
	return true
}
