# A #!/bin/sh script runs in dash and a #!/bin/bash one in bash, each
# with its own words; a script without "#!" runs in the shell that
# started it.
mkdir -p /tmp/s
printf '#!/bin/sh\nnosuch\ncd /nonexist\necho "sh: $?"\n' > /tmp/s/dash
printf '#!/bin/bash\nnosuch\ncd /nonexist\necho "bash: $?"\n' > /tmp/s/bash
printf 'nosuch\necho "plain: $?"\n' > /tmp/s/plain
chmod +x /tmp/s/dash /tmp/s/bash /tmp/s/plain
/tmp/s/dash 2>&1
/tmp/s/bash 2>&1
/tmp/s/plain 2>&1
sh -c '/tmp/s/plain; /tmp/s/bash' 2>&1
unshare -m sh -c 'mount -t tmpfs none /tmp/s; cd /tmp/s/x; echo "in unshare: $?"; nosuch' 2>&1; echo "unshare: $?"
