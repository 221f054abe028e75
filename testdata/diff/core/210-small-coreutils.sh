# unlink, link, printenv, whoami and tac: one system call each for the
# first two (EXDEV across mounts, EISDIR/EPERM on directories), with
# coreutils' operand errors and tac's separators.
cd /tmp
unlink; echo $?; unlink /nonexist; echo $?; unlink a b; echo $?; unlink /tmp; echo $?
link; echo $?; link a; echo $?; link a b c; echo $?; link /nonexist /tmp/x; echo $?
echo data > /tmp/f; link /tmp/f /tmp/hl; echo $?; link /tmp/f /tmp/hl; echo $?; stat -c %h /tmp/f; unlink /tmp/hl; stat -c %h /tmp/f
link /tmp /tmp/dd; echo $?
mkdir /m; mount -t tmpfs t /m; link /tmp/f /m/x; echo $?; unlink /m; echo $?
printenv HOME; printenv NOPE HOME; echo $?; printenv -0 HOME | od -c | head -1; printenv HOME=x; echo $?
X=1 printenv X; printenv | grep -c '^PATH='
whoami; whoami x; echo $?
printf 'a\nb\nc' | tac; echo; printf 'a\nb\n' | tac -s b; echo; tac /nonexist; echo $?
printf 'a\nb\n' | tac -b | od -c; printf 'x:y:z:' | tac -s :; echo; printf '1\n2\n3\n' > /tmp/n; tac /tmp/n /tmp/n; tac -s '' /tmp/n; echo $?
