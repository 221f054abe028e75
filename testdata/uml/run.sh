#!/bin/bash
# run.sh OUTDIR SCRIPT...: runs each SCRIPT with bash in Debian's user-mode-linux
# kernel (package user-mode-linux, 6.1 with modules), inside a sandbox
# laid out like internal/kerneltest's (tmpfs root; proc, sys, devtmpfs,
# tmp, run; read-only binds of the host's bin sbin lib lib64 usr etc),
# with loop, fat, vfat, msdos and some nls modules loaded; one boot for
# all, a fresh sandbox for each. Writes OUTDIR/NAME/stdout, stderr, exit
# and dmesg (the kernel log from the script's start), NAME the script's
# base name without .sh.
#
# UML_FAT_DEFAULTS (optional, e.g. "iocharset=ascii,utf8"): options put
# before the script's own on every mount(8) of vfat (not msdos, tmpfs or
# remount), through a wrapper in /usr/local/sbin; Debian's UML kernel is
# built with CONFIG_FAT_DEFAULT_IOCHARSET="iso8859-1" and no
# CONFIG_FAT_DEFAULT_UTF8, Debian's and Ubuntu's own kernels (and
# linuxvfs) with "ascii" and utf8.
set -e
mkdir -p "$1"; out=$(realpath "$1"); shift
scripts=""
for s in "$@"; do
	n=$(basename "$s" .sh); rm -rf "$out/$n"; mkdir "$out/$n"
	scripts="$scripts $(realpath "$s")"
done
uml=${UML:-linux.uml}
ver=$(ls /usr/lib/uml/modules | head -1)
work=$(mktemp -d /tmp/umlrun.XXXXXX)
mkdir "$work/root"
cat > "$work/init" <<EOI
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc 2>/dev/null
K=/usr/lib/uml/modules/$ver/kernel
for m in drivers/block/loop fs/nls/nls_cp437 fs/nls/nls_ascii fs/nls/nls_utf8 fs/nls/nls_iso8859-1 fs/fat/fat fs/fat/vfat fs/fat/msdos; do
	insmod \$K/\$m.ko || echo "insmod \$m failed" >&2
done
T=$work/root
for S in $scripts; do
O=$out/\$(basename \$S .sh)
mount -t tmpfs tmpfs \$T
mkdir -m 555 \$T/proc \$T/sys; mkdir -m 755 \$T/dev \$T/run; mkdir -m 1777 \$T/tmp
mount -t proc proc \$T/proc
mount -t sysfs sysfs \$T/sys
mount -t devtmpfs devtmpfs \$T/dev
mount -t tmpfs tmpfs \$T/tmp
mount -t tmpfs -o mode=755 tmpfs \$T/run
for d in bin sbin lib lib32 lib64 libx32 usr etc; do
	if [ -L /\$d ]; then ln -s "\$(readlink /\$d)" \$T/\$d
	elif [ -d /\$d ]; then mkdir \$T/\$d; mount --bind /\$d \$T/\$d; mount -o remount,bind,ro \$T/\$d
	fi
done
if [ -n "$UML_FAT_DEFAULTS" ]; then
	mount -t tmpfs -o mode=755 tmpfs \$T/usr/local/sbin
	cat > \$T/usr/local/sbin/mount <<'EOW'
#!/bin/bash
case " \$* " in
*msdos*|*tmpfs*|*" -o remount"*|*proc*|*sysfs*|*--bind*|*" -"[a-z]*bind*|" ") exec /usr/bin/mount "\$@" ;;
esac
exec /usr/bin/mount -o "$UML_FAT_DEFAULTS" "\$@"
EOW
	chmod 755 \$T/usr/local/sbin/mount
fi
dmesg -c >/dev/null
cd \$T
umask 022
env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C TZ=UTC HOME=/ \\
	chroot \$T /bin/bash -c "\$(cat \$S)" </dev/null >\$O/stdout 2>\$O/stderr
echo \$? > \$O/exit
dmesg > \$O/dmesg
cd /; umount -R \$T
done
halt -f
EOI
chmod +x "$work/init"
timeout ${UML_TIMEOUT:-3600} $uml mem=512M root=/dev/root rootfstype=hostfs rootflags=/ rw \
	init="$work/init" con=null con0=fd:0,fd:1 >"$work/console" 2>&1 </dev/null || true
for s in $scripts; do
	if [ ! -s "$out/$(basename "$s" .sh)/exit" ]; then
		echo "run.sh: UML did not finish $s; console:" >&2; tail -20 "$work/console" >&2; exit 1
	fi
done
rm -rf "$work"
