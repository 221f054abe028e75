#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""fsop: file operations for the FUSE differential scripts.

Each argument group, separated by ";", is one operation; each prints one
line, "OP ARGS: RESULT", where RESULT is what the operation returned or
the errno's name, and the next operation runs either way. Nothing printed
depends on st_dev, inode numbers or the clock, so the same script gives
the same output on any filesystem that behaves the same.
"""
import ctypes
import errno
import mmap
import os
import socket
import stat
import sys

libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD = -100
RENAME = {"noreplace": 1, "exchange": 2, "whiteout": 4}
OPEN = {
    "rdonly": os.O_RDONLY, "wronly": os.O_WRONLY, "rdwr": os.O_RDWR,
    "creat": os.O_CREAT, "excl": os.O_EXCL, "trunc": os.O_TRUNC,
    "append": os.O_APPEND, "directory": os.O_DIRECTORY,
    "nofollow": os.O_NOFOLLOW, "path": os.O_PATH, "tmpfile": os.O_TMPFILE,
    "nonblock": os.O_NONBLOCK,
}
FALLOC = {"keepsize": 1, "punch": 2, "zero": 0x10, "collapse": 8, "insert": 0x20}


def flags(spec, table):
    n = 0
    for f in spec.split(","):
        if f and f != "0":
            n |= table[f]
    return n


def check(r):
    if r < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return r


def describe(st):
    kind = stat.filemode(st.st_mode)[0]
    out = "%s%04o n%d %d:%d" % (kind, stat.S_IMODE(st.st_mode), st.st_nlink, st.st_uid, st.st_gid)
    if stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode) or stat.S_ISDIR(st.st_mode):
        out += " s%d b%d" % (st.st_size, st.st_blocks)
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        out += " r%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
    return out


def op_write(path, off, data, mode="rdwr"):
    fd = os.open(path, flags(mode, OPEN))
    try:
        return str(os.pwrite(fd, data.encode(), int(off)))
    finally:
        os.close(fd)


def op_passwrite(path, off, data, uid):
    # The file opened for writing by a child running as uid (and gid) and
    # handed over a socket; written here, by the caller.
    parent, child = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.setgid(int(uid))
            os.setuid(int(uid))
            fd = os.open(path, os.O_WRONLY)
            socket.send_fds(child, [b"f"], [fd])
        except OSError as e:
            child.send(errno.errorcode.get(e.errno, str(e.errno)).encode())
            code = 1
        os._exit(code)
    msg, fds, _, _ = socket.recv_fds(parent, 64, 1)
    os.waitpid(pid, 0)
    if not fds:
        return "open: " + msg.decode()
    try:
        return str(os.pwrite(fds[0], data.encode(), int(off)))
    finally:
        os.close(fds[0])


def op_copy(src, dst, n):
    # copy_file_range of n bytes from the start of src to that of dst;
    # dst "fd:N" is the descriptor N the caller was given
    fi = os.open(src, os.O_RDONLY)
    try:
        if dst.startswith("fd:"):
            return str(os.copy_file_range(fi, int(dst[3:]), int(n), 0, 0))
        fo = os.open(dst, os.O_WRONLY)
        try:
            return str(os.copy_file_range(fi, fo, int(n), 0, 0))
        finally:
            os.close(fo)
    finally:
        os.close(fi)


def op_mmapwrite(path, off, data):
    # data stored at off through a shared mapping of the file, written
    # back by msync
    fd = os.open(path, os.O_RDWR)
    try:
        m = mmap.mmap(fd, int(off) + len(data))
        m[int(off):int(off) + len(data)] = data.encode()
        m.flush()
        m.close()
        return "ok"
    finally:
        os.close(fd)


def op_read(path, off, n):
    fd = os.open(path, os.O_RDONLY)
    try:
        return repr(os.pread(fd, int(n), int(off)))
    finally:
        os.close(fd)


def op_open(path, spec, mode="644"):
    fd = os.open(path, flags(spec, OPEN), int(mode, 8))
    os.close(fd)
    return "ok"


def op_fallocate(path, spec, off, n):
    # path "fd:N" is the descriptor N the caller was given
    fd = int(path[3:]) if path.startswith("fd:") else os.open(path, os.O_RDWR)
    try:
        check(libc.fallocate(fd, flags(spec, FALLOC), ctypes.c_long(int(off)), ctypes.c_long(int(n))))
        return describe(os.fstat(fd))
    finally:
        os.close(fd)


def op_seek(path, whence, off):
    fd = os.open(path, os.O_RDONLY)
    try:
        return str(os.lseek(fd, int(off), {"data": os.SEEK_DATA, "hole": os.SEEK_HOLE}[whence]))
    finally:
        os.close(fd)


def op_rename(old, new, spec="0"):
    check(libc.renameat2(AT_FDCWD, old.encode(), AT_FDCWD, new.encode(), flags(spec, RENAME)))
    return "ok"


def op_readdir(path):
    # getdents order, which is the filesystem's; "." and ".." left out
    # as os.listdir does.
    return " ".join(os.listdir(path)) or "-"


def op_ls(path):
    out = []
    for e in sorted(os.scandir(path), key=lambda e: e.name):
        out.append("%s=%s" % (e.name, describe(e.stat(follow_symlinks=False))))
    return " ".join(out) or "-"


def op_utime(path, atime, mtime):
    os.utime(path, ns=(int(atime) * 10**9, int(mtime) * 10**9), follow_symlinks=False)
    st = os.lstat(path)
    return "%d %d" % (st.st_atime, st.st_mtime)


OPS = {
    "stat": lambda p: describe(os.stat(p)),
    "lstat": lambda p: describe(os.lstat(p)),
    "open": op_open,
    "mkdir": lambda p, m="755": os.mkdir(p, int(m, 8)) or "ok",
    "rmdir": lambda p: os.rmdir(p) or "ok",
    "unlink": lambda p: os.unlink(p) or "ok",
    "link": lambda a, b: os.link(a, b, follow_symlinks=False) or "ok",
    "symlink": lambda a, b: os.symlink(a, b) or "ok",
    "readlink": lambda p: os.readlink(p),
    "rename": op_rename,
    "mkfifo": lambda p, m="644": os.mkfifo(p, int(m, 8)) or "ok",
    "mknod": lambda p, m, maj, mi: os.mknod(p, int(m, 8), os.makedev(int(maj), int(mi))) or "ok",
    "chmod": lambda p, m: os.chmod(p, int(m, 8)) or "ok",
    "chown": lambda p, u, g: os.chown(p, int(u), int(g)) or "ok",
    "lchown": lambda p, u, g: os.lchown(p, int(u), int(g)) or "ok",
    "truncate": lambda p, n: os.truncate(p, int(n)) or "ok",
    "write": op_write,
    "passwrite": op_passwrite,
    "copy": op_copy,
    "mmapwrite": op_mmapwrite,
    "read": op_read,
    "access": lambda p, m: "ok" if os.access(p, int(m)) else "no",
    "fallocate": op_fallocate,
    "seek": op_seek,
    "readdir": op_readdir,
    "ls": op_ls,
    "utime": op_utime,
    "umask": lambda m: "%03o" % os.umask(int(m, 8)),
}


def run(args):
    name, rest = args[0], args[1:]
    try:
        return OPS[name](*rest)
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e.errno))


def main(argv):
    group = []
    for a in argv + [";"]:
        if a != ";":
            group.append(a)
            continue
        if group:
            print("%s: %s" % (" ".join(group), run(group)), flush=True)
        group = []


if __name__ == "__main__":
    main(sys.argv[1:])
