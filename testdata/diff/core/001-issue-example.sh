# The example from the issue: a symlink to a directory, then mkdir on an existing path.
# Expected: stdout "hi" twice, mkdir's "File exists" on stderr, exit status 1.
mkdir -p /a/b && echo hi > /a/b/f && cat /a/b/f && ln -s /a/b /l && cat /l/f && mkdir /a
