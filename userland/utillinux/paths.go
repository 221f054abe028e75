// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// realPath is realpath(3) on a task: every symbolic link resolved, "."
// and ".." removed, relative names taken from the working directory.
func realPath(t *vfs.Task, name string) (string, error) {
	if name == "" {
		return "", linux.ENOENT
	}
	rest := name
	if !strings.HasPrefix(name, "/") {
		cwd, err := applet.Getcwd(t)
		if err != nil {
			return "", err
		}
		rest = cwd + "/" + name
	}
	resolved := ""
	links := 0
	for rest != "" {
		var comp string
		rest = strings.TrimLeft(rest, "/")
		comp, rest, _ = strings.Cut(rest, "/")
		switch comp {
		case "", ".":
			continue
		case "..":
			if i := strings.LastIndexByte(resolved, '/'); i >= 0 {
				resolved = resolved[:i]
			}
			continue
		}
		next := resolved + "/" + comp
		st, err := t.Lstat(next)
		if err != nil {
			return "", err
		}
		if applet.IsLink(uint32(st.Mode)) {
			links++
			if links > 40 {
				return "", linux.ELOOP
			}
			target, err := t.Readlink(next)
			if err != nil {
				return "", err
			}
			if strings.HasPrefix(target, "/") {
				resolved = ""
			}
			rest = target + "/" + rest
			continue
		}
		if !applet.IsDir(uint32(st.Mode)) && strings.Trim(rest, "/") != "" {
			return "", linux.ENOTDIR
		}
		resolved = next
	}
	if resolved == "" {
		return "/", nil
	}
	return resolved, nil
}

// canonicalPath is util-linux's canonicalize_path: the real path when
// there is one, the name as given otherwise.
func canonicalPath(t *vfs.Task, name string) string {
	if name == "" {
		return name
	}
	if p, err := realPath(t, name); err == nil {
		return p
	}
	return name
}

// absolutePath is util-linux's absolute_path: a relative name joined to
// the working directory with only "./" cleaned up.
func absolutePath(t *vfs.Task, name string) (string, bool) {
	if strings.HasPrefix(name, "/") {
		return "", false
	}
	cwd, err := applet.Getcwd(t)
	if err != nil {
		return "", false
	}
	switch {
	case strings.HasPrefix(name, "./"):
		name = name[2:]
	case name == ".":
		name = ""
	}
	if name == "" {
		return cwd, true
	}
	return cwd + "/" + name, true
}

// streqPaths is util-linux's streq_paths: paths equal but for repeated
// and trailing slashes.
func streqPaths(a, b string) bool {
	return normSlashes(a) == normSlashes(b)
}

func normSlashes(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && i+1 < len(p) && p[i+1] == '/' {
			continue
		}
		b.WriteByte(p[i])
	}
	s := b.String()
	if len(s) > 1 && strings.HasSuffix(s, "/") {
		s = s[:len(s)-1]
	}
	return s
}

// readFile reads a whole file through the task.
func readFile(t *vfs.Task, name string) ([]byte, error) {
	fd, err := t.Openat(applet.AtCWD, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer t.Close(fd)
	var data []byte
	buf := make([]byte, 8192)
	for {
		n, err := t.Read(fd, buf)
		data = append(data, buf[:n]...)
		if err != nil {
			return data, err
		}
		if n == 0 {
			return data, nil
		}
	}
}
