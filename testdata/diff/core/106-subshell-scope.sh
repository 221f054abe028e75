# A subshell is a fork: umask and cd inside ( ... ), a pipeline element or
# $( ... ) do not reach the parent; a function's umask does.
(umask 077); umask
(umask 077; umask; (umask 0); umask); umask
umask 0002 | cat; umask
x=$(umask 027; umask); echo "$x"; umask
f() { umask 027; }; f; umask
command umask 0022; umask
mkdir /tmp/s; (cd /tmp/s; pwd); pwd
(umask 077; mkdir /tmp/s/priv; : > /tmp/s/priv/f); stat -c '%a %n' /tmp/s/priv /tmp/s/priv/f
mkdir /tmp/s/open; stat -c '%a %n' /tmp/s/open
umask 999; echo "bad $?"; umask
