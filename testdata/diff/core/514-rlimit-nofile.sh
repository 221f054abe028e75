# RLIMIT_NOFILE bounds the descriptors: with a soft limit of 20 a
# redirection to 20 fails ("Bad file descriptor") while 19 works, the
# shell's opens stop at EMFILE ("Too many open files") once 0 to 19 are
# taken, and a descriptor opened before the limit was lowered stays
# usable. Below 10, where bash keeps its own, redirections still work.
ulimit -S -n 1024; ulimit -H -n 4096
exec 30>/dev/null
ulimit -n 20
bash -c 'exec 20>/dev/null' 2>&1; echo "redirect to 20: $?"
bash -c 'exec 19>/dev/null; echo ok 19'
bash -c 'exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null 8</dev/null 9</dev/null 10</dev/null 11</dev/null
exec 12</dev/null 13</dev/null 14</dev/null 15</dev/null 16</dev/null 17</dev/null 18</dev/null 19</dev/null; echo x </dev/null' 2>&1
echo "17 more: $?"
echo hi >&30; echo "fd 30 above the limit: $?"
ulimit -n 8
bash -c 'exec 8>/dev/null' 2>&1; echo "redirect to 8: $?"
bash -c 'exec 5>/dev/null; echo ok 5 >&5; echo ok 5'
echo hi >&30; echo "fd 30 above the limit: $?"
