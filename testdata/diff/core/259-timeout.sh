# timeout: a command stopped at its deadline (124, or 128+15 with
# --preserve-status), one that ends first keeps its status, commands
# not found or not runnable, and timeout's own usage errors (125).
timeout; echo $?
timeout 1; echo $?
timeout x sleep 1; echo $?
timeout 1x true; echo $?
timeout -s FOO 1 true; echo $?
timeout -1 true; echo $?
timeout 1 nonexist; echo $?
echo data > /tmp/noexec; timeout 1 /tmp/noexec; echo $?
timeout 5 sh -c 'exit 3'; echo $?
timeout 0.2 sleep 30; echo $?
timeout --preserve-status 0.2 sleep 30; echo $?
timeout -v 0.2 sleep 30; echo $?
timeout 0.2 sh -c 'while :; do :; done'; echo $?
timeout 0 true; echo $?
timeout 1d true; echo $?
timeout -- 1 true; echo $?
timeout -k 1 -s INT 30 echo hi; echo $?
timeout -s SIGHUP 5 echo ok; echo $?
