# sh is dash: a builtin that cannot write its output says
# "NAME: NAME: I/O error", whatever the error, with status 1.
sh -c 'echo x > /dev/full; echo "echo: $?"' 2>&1
sh -c 'printf "%s\n" y > /dev/full; echo "printf: $?"' 2>&1
sh -c 'pwd > /dev/full; echo "pwd: $?"' 2>&1
sh -c 'echo 1 > /proc/version; echo "proc: $?"; echo 1 > /proc/self/status; echo "status: $?"' 2>&1
bash -c 'echo x > /dev/full; echo $?; echo 1 > /proc/version; echo 1 > /proc/self/status; echo 1 > /proc/mounts' 2>&1
