# mktemp: files (0600) and directories (0700) really made, in /tmp,
# $TMPDIR, -p DIR or the template's own directory; --suffix, -u, -q, -t;
# the name's shape is checked, not its random part.
shape() { # NAME PREFIX XCOUNT SUFFIX: report whether NAME has that shape
	case $1 in "$2"*"$4") ;; *) echo "bad shape: $1"; return;; esac
	mid=${1#"$2"}; mid=${mid%"$4"}
	case $mid in *[!A-Za-z0-9]*) echo "bad chars: $1"; return;; esac
	[ ${#mid} -eq "$3" ] && echo "shape ok: $2 $3 $4" || echo "bad length: $1"
}
f=$(mktemp); echo "rc=$?"; shape "$f" /tmp/tmp. 10 ''
stat -c '%A %s %F' "$f"
d=$(mktemp -d); shape "$d" /tmp/tmp. 10 ''; stat -c '%A %F' "$d"
umask 077; f=$(mktemp); stat -c '%a' "$f"; umask 022
umask 0277; d=$(mktemp -d); stat -c '%a' "$d"; umask 022
mkdir /w; cd /w
f=$(mktemp fooXXX); shape "$f" foo 3 ''; [ -f "$f" ] && echo exists
f=$(mktemp fooXXXbarXXXXX.txt); shape "$f" fooXXXbar 5 .txt
f=$(mktemp --suffix=.log logXXXX); shape "$f" log 4 .log
f=$(mktemp --suffix= logXXXX); shape "$f" log 4 ''
f=$(mktemp -p /w pXXXX); shape "$f" /w/p 4 ''
f=$(mktemp -p /w/ pXXXX); shape "$f" /w/p 4 ''
f=$(mktemp --tmpdir=/w tXXXX); shape "$f" /w/t 4 ''
f=$(mktemp --tmpdir tXXXX); shape "$f" /tmp/t 4 ''
f=$(TMPDIR=/w mktemp); shape "$f" /w/tmp. 10 ''
f=$(TMPDIR=/w mktemp -p '' qXXX); shape "$f" /w/q 3 ''
f=$(TMPDIR=/w mktemp -t qXXX); shape "$f" /w/q 3 ''
f=$(TMPDIR= mktemp -t -p /w qXXX); shape "$f" /w/q 3 ''
f=$(mktemp -t qXXX); shape "$f" /tmp/q 3 ''
f=$(mktemp /w/abs.XXXXXX); shape "$f" /w/abs. 6 ''
f=$(mktemp -u uXXXXX); shape "$f" u 5 ''; [ -e "$f" ] || echo "not made"
f=$(mktemp -du uXXXXX); [ -e "$f" ] || echo "not made"
ls /w | wc -l
cd /w; f=$(mktemp -d); cd /; shape "$f" /tmp/tmp. 10 ''

mktemp fooXX; echo "rc=$?"
mktemp foo; echo "rc=$?"
f=$(mktemp XXXfoo); shape "$f" '' 3 foo
mktemp --suffix=x fooXXXy; echo "rc=$?"
mktemp --suffix=/x fooXXX; echo "rc=$?"
mktemp fooXXX/x; echo "rc=$?"
mktemp -p /w /abs/XXXX; echo "rc=$?"
mktemp -t a/XXXX; echo "rc=$?"
mktemp a b; echo "rc=$?"
mktemp /nonexist/XXXX; echo "rc=$?"
mktemp -q /nonexist/XXXX; echo "rc=$?"
mktemp -d /nonexist/XXXX; echo "rc=$?"
mktemp -p /nonexist; echo "rc=$?"
mkdir /ro; mount -t tmpfs -o ro t /ro; mktemp -p /ro; echo "rc=$?"; mktemp -d /ro/XXX; echo "rc=$?"
mktemp -x; echo "rc=$?"
mktemp -p; echo "rc=$?"
