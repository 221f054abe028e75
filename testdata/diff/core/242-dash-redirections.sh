# sh is dash: a redirection that fails reads "cannot create X: ..." or
# "cannot open X: ..." ("Directory nonexistent" and "No such file" for
# ENOENT and ENOTDIR) and gives status 2, for builtins and programs.
mkdir -p /tmp/r/dir
: > /tmp/r/file
sh -c 'echo hi > /nonexist/x; echo "create: $?"' 2>&1
sh -c 'echo hi >> /nonexist/x; echo "append: $?"' 2>&1
sh -c 'echo hi > /tmp/r/file/x; echo "enotdir: $?"' 2>&1
sh -c 'echo hi > /tmp/r/dir; echo "directory: $?"' 2>&1
sh -c 'cat < /nonexist; echo "open: $?"' 2>&1
sh -c 'cat /tmp/r/file > /nonexist/x; echo "program: $?"' 2>&1
sh -c 'read x < /tmp/r/nope; echo "read: $?"' 2>&1
sh -c 'echo hi 2>/nonexist/e; echo "stderr: $?"'
sh -c ': > /nonexist/x; echo no' 2>&1; echo "special: $?"
sh -c '(: > /nonexist/x; echo no); echo "subshell: $?"' 2>&1
unshare -m sh -c 'mount -t tmpfs -o ro none /tmp/r/dir; echo x > /tmp/r/dir/f; echo "read-only: $?"' 2>&1
bash -c 'echo hi > /nonexist/x; echo $?; cat < /nonexist; echo $?' 2>&1
