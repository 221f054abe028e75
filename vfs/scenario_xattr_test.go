// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// scXattrOps is the extended-attribute part of scOps: the path-based
// calls, following a final symbolic link or not (the l* variants).
type scXattrOps interface {
	// Fxattr runs the descriptor form of op ("set", "get", "list",
	// "remove") on fd.
	Fxattr(op string, fd int, name string, value []byte, size int) ([]byte, int, error)
	Setxattr(path, name string, value []byte, flags int, follow bool) error
	// Getxattr and Listxattr pass a buffer of size bytes (0: ask the
	// length) and return what the kernel wrote and its count.
	Getxattr(path, name string, size int, follow bool) ([]byte, int, error)
	Listxattr(path string, size int, follow bool) ([]byte, int, error)
	Removexattr(path, name string, follow bool) error
}

// Step constructors: the name is in path2, the value in data, the
// buffer size in n; nofollow makes them the l* calls.
func opSetxattr(path, name, value string, flags int) scStep {
	return scStep{op: "setxattr", path: path, path2: name, data: value, flags: flags}
}
func opGetxattr(path, name string, size int) scStep {
	return scStep{op: "getxattr", path: path, path2: name, n: size}
}
func opListxattr(path string, size int) scStep {
	return scStep{op: "listxattr", path: path, n: size}
}
func opRemovexattr(path, name string) scStep {
	return scStep{op: "removexattr", path: path, path2: name}
}

// nofollow makes an xattr step the l* variant.
func (s scStep) nofollow() scStep { s.whence = 1; return s }

// onFd makes an xattr step the f* variant on the descriptor in slot.
func (s scStep) onFd(slot string) scStep { s.fd, s.path = slot, ""; return s }

// runXattr runs an xattr step.
func (e *scEnv) runXattr(s scStep) (string, error) {
	follow := s.whence == 0
	if s.fd != "" {
		b, n, err := e.ops.Fxattr(strings.TrimSuffix(s.op, "xattr"), e.fd(s.fd), s.path2, []byte(s.data), s.n)
		return fmt.Sprintf("%d %q", n, b), err
	}
	switch s.op {
	case "setxattr":
		v := []byte(s.data)
		if s.off > 0 { // a value of off bytes
			v = make([]byte, s.off)
		}
		return "", e.ops.Setxattr(s.path, s.path2, v, s.flags, follow)
	case "getxattr":
		b, n, err := e.ops.Getxattr(s.path, s.path2, s.n, follow)
		return fmt.Sprintf("%d %q", n, b), err
	case "listxattr":
		b, n, err := e.ops.Listxattr(s.path, s.n, follow)
		return fmt.Sprintf("%d %q", n, b), err
	default:
		return "", e.ops.Removexattr(s.path, s.path2, follow)
	}
}

func (v vfsOps) Setxattr(path, name string, value []byte, flags int, follow bool) error {
	if follow {
		return v.t.Setxattr(path, name, value, flags)
	}
	return v.t.Lsetxattr(path, name, value, flags)
}

func (v vfsOps) Getxattr(path, name string, size int, follow bool) ([]byte, int, error) {
	b := make([]byte, size)
	get := v.t.Getxattr
	if !follow {
		get = v.t.Lgetxattr
	}
	n, err := get(path, name, b)
	if n > size {
		return nil, n, err
	}
	return b[:n], n, err
}

func (v vfsOps) Listxattr(path string, size int, follow bool) ([]byte, int, error) {
	b := make([]byte, size)
	list := v.t.Listxattr
	if !follow {
		list = v.t.Llistxattr
	}
	n, err := list(path, b)
	if n > size {
		return nil, n, err
	}
	return b[:n], n, err
}

func (v vfsOps) Removexattr(path, name string, follow bool) error {
	if follow {
		return v.t.Removexattr(path, name)
	}
	return v.t.Lremovexattr(path, name)
}

func init() { scenarios = append(scenarios, xattrScenarios...) }

const (
	xCREATE  = 1 // XATTR_CREATE
	xREPLACE = 2 // XATTR_REPLACE
)

// bigValue is a setxattr step whose value is n zero bytes.
func bigValue(path, name string, n int64) scStep {
	s := opSetxattr(path, name, "", 0)
	s.off = n
	return s
}

var xattrScenarios = []scenario{
	{name: "xattr/namespaces", steps: steps(
		mkfile("f", 0o644, "x"),
		opSetxattr("f", "user.a", "1", 0).ok(),
		opSetxattr("f", "trusted.t", "tt", 0).ok(),
		opSetxattr("f", "security.s", "ss", 0).ok(),
		opSetxattr("f", "user.e", "", 0).ok(),
		opSetxattr("f", "foo.x", "1", 0).fails(eOPNOTSUPP),
		opSetxattr("f", "system.x", "1", 0).fails(eOPNOTSUPP),
		opSetxattr("f", "user.", "1", 0).fails(eINVAL),
		opSetxattr("f", "trusted.", "1", 0).fails(eINVAL),
		opListxattr("f", 0).ok(),
		opListxattr("f", 256).ok(),
		opListxattr("f", 10).fails(linux.ERANGE),
		opGetxattr("f", "user.a", 0).ok(),
		opGetxattr("f", "user.a", 16).ok(),
		opGetxattr("f", "user.e", 16).ok(),
		opGetxattr("f", "trusted.t", 1).fails(linux.ERANGE),
		opGetxattr("f", "user.zz", 16).fails(linux.ENODATA),
		opGetxattr("f", "foo.x", 16).fails(eOPNOTSUPP),
	)},
	{name: "xattr/flags-and-limits", steps: steps(
		mkfile("f", 0o644, ""),
		opSetxattr("f", "user.a", "1", xCREATE).ok(),
		opSetxattr("f", "user.a", "2", xCREATE).fails(eEXIST),
		opSetxattr("f", "user.a", "3", xREPLACE).ok(),
		opSetxattr("f", "user.b", "3", xREPLACE).fails(linux.ENODATA),
		opSetxattr("f", "user.b", "3", 4).fails(eINVAL),
		opSetxattr("f", "", "3", 0).fails(linux.ERANGE),
		opSetxattr("f", "user."+strings.Repeat("n", 250), "v", 0).ok(),
		opSetxattr("f", "user."+strings.Repeat("n", 251), "v", 0).fails(linux.ERANGE),
		bigValue("f", "user.big", 65536).ok(),
		bigValue("f", "user.big2", 65537).fails(linux.E2BIG),
		bigValue("missing", "user.big2", 65537).fails(linux.E2BIG),
		opGetxattr("f", "user.a", 16).ok(),
		opRemovexattr("f", "user.a").ok(),
		opRemovexattr("f", "user.a").fails(linux.ENODATA),
		opRemovexattr("f", "foo.a").fails(eOPNOTSUPP),
		opListxattr("f", 0).ok(),
	)},
	{name: "xattr/file-types", steps: steps(
		mkfile("f", 0o644, ""),
		opMkdir("d", 0o755).ok(),
		opSymlink("f", "l").ok(),
		opMknod("p", sIFIFO|0o644, 0).ok(),
		opSetxattr("l", "user.a", "1", 0).nofollow().fails(ePERM),
		opSetxattr("l", "trusted.a", "1", 0).nofollow().ok(),
		opSetxattr("l", "user.a", "1", 0).ok(),
		opGetxattr("l", "user.a", 8).nofollow().fails(linux.ENODATA),
		opGetxattr("l", "user.a", 8).ok(),
		opListxattr("l", 64).nofollow().ok(),
		opSetxattr("p", "user.a", "1", 0).fails(ePERM),
		opSetxattr("d", "user.a", "1", 0).ok(),
		opListxattr("d", 64).ok(),
		opRemovexattr("l", "trusted.a").nofollow().ok(),
		opOpen("f", oRD, 0).to("r").ok(),
		opOpen("f", oPATH, 0).to("p").ok(),
		opSetxattr("", "user.fd", "v", 0).onFd("r").ok(),
		opGetxattr("", "user.fd", 8).onFd("r").ok(),
		opListxattr("", 64).onFd("r").ok(),
		opRemovexattr("", "user.fd").onFd("r").ok(),
		opGetxattr("", "user.fd", 8).onFd("r").fails(linux.ENODATA),
		opGetxattr("", "user.a", 8).onFd("p").fails(eBADF),
		opListxattr("", 64).onFd("p").fails(eBADF),
		opSetxattr("", "user.b", "1", 0).onFd("p").fails(eBADF),
		opRemovexattr("", "user.a").onFd("p").fails(eBADF),
		opGetxattr("", "", 8).onFd("p").fails(linux.ERANGE),
		opRemovexattr("", "").onFd("nofd").fails(linux.ERANGE),
		opSetxattr("", "", "1", 0).onFd("nofd").fails(linux.ERANGE),
		opListxattr("", 64).onFd("nofd").fails(eBADF),
	)},
	{name: "xattr/permissions", steps: steps(
		mkfile("f", 0o644, ""),
		mkfile("af", 0o600, ""),
		opChown("af", 1000, 1000, 0).ok(),
		opSetxattr("f", "user.a", "1", 0).ok(),
		opSetxattr("f", "trusted.t", "1", 0).ok(),
		opSetxattr("f", "user.b", "1", 0).as(alice).fails(eACCES),
		opGetxattr("f", "user.a", 8).as(alice).ok(),
		opGetxattr("f", "trusted.t", 8).as(alice).fails(linux.ENODATA),
		opSetxattr("f", "trusted.u", "1", 0).as(alice).fails(ePERM),
		opSetxattr("f", "security.u", "1", 0).as(alice).fails(ePERM),
		opListxattr("f", 64).as(alice).ok(),
		opRemovexattr("f", "user.a").as(alice).fails(eACCES),
		opSetxattr("af", "user.a", "1", 0).as(alice).ok(),
		opGetxattr("af", "user.a", 8).as(bob).fails(eACCES),
		opMkdir("st", 0o1777).ok(),
		opChmod("st", 0o1777).ok(),
		opSetxattr("st", "user.a", "1", 0).as(alice).fails(ePERM),
		opGetxattr("st", "user.a", 8).as(alice).fails(linux.ENODATA),
	)},
}

func (v vfsOps) Fxattr(op string, fd int, name string, value []byte, size int) ([]byte, int, error) {
	b := make([]byte, size)
	var n int
	var err error
	switch op {
	case "set":
		return nil, 0, v.t.Fsetxattr(fd, name, value, 0)
	case "get":
		n, err = v.t.Fgetxattr(fd, name, b)
	case "list":
		n, err = v.t.Flistxattr(fd, b)
	default:
		return nil, 0, v.t.Fremovexattr(fd, name)
	}
	if n > size {
		return nil, n, err
	}
	return b[:n], n, err
}
