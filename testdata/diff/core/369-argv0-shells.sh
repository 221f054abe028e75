# dash and bash call themselves by argv[0] as given ($0 of -c, the start
# of their messages), so a shell run by path names that path, a copy its
# own name; the builtins word theirs after it as ever. Which shell runs
# is the file's, not its name's: a copy of bash named sh0 is bash.
mkdir -p /tmp/h0; cd /tmp/h0
/bin/sh -c nosuch; echo "sh $?"
/bin/bash -c nosuch; echo "bash $?"
/bin/sh -c 'cd /nope'; echo "sh cd $?"
/bin/bash -c 'cd /nope'; echo "bash cd $?"
/bin/sh -c 'echo "$0"'; sh -c 'echo "$0"'; /bin/bash -c 'echo "$0"'
cp /bin/bash sh0; cp /bin/dash dash0 2>/dev/null || cp /bin/sh dash0
./sh0 -c 'nosuch; echo "$0 ${BASH_VERSION:+bash}"'
./dash0 -c 'nosuch; echo "$0 ${BASH_VERSION:+bash}"'
env /bin/sh -c 'exit 3'; echo "env $?"
