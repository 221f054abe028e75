// Package kerneltest runs shell scripts against the real Linux kernel in an
// isolated, throw-away environment. It is the reference half of linuxvfs's
// differential tests: the same script is run here and in linuxvfs, and the
// two results are compared.
//
// Each script runs as root inside a private mount namespace, chrooted into a
// fresh tmpfs that holds only read-only bind mounts of the host's /usr, /etc
// and /lib* (plus the usr-merge symlinks /bin, /sbin, ...). Nothing the
// script does is visible to the host or to the next script.
//
// Isolation needs root and a working `unshare -m`; on other systems (or
// other operating systems) Available reports why the package cannot be used.
package kerneltest

import "errors"

// Result is the outcome of one script.
type Result struct {
	Stdout, Stderr string
	// Exit is the exit status of the script (128+N if killed by signal N).
	Exit int
}

// ErrUnavailable is returned by Run when the real-kernel sandbox cannot be
// used on this machine; Available gives the reason.
var ErrUnavailable = errors.New("kerneltest: real-kernel sandbox unavailable")

// Env is the exact environment a script sees.
var Env = []string{
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"LC_ALL=C",
	"TZ=UTC",
	"HOME=/",
}

// Umask is the umask a script starts with.
const Umask = 0o022
