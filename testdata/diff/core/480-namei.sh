# namei(1): each component of a path with its type, symbolic links shown
# and followed from the directory they are in (relative, absolute, chains,
# "..", dangling, loops and the limit of 20 links), errors as lines of
# their own, several operands, and the usage errors.
mkdir -p /tmp/n/a/b/c /tmp/n/q/r /tmp/n/d2; cd /tmp/n
ln -s b a/lb; ln -s lb a/chain; ln -s /tmp/n/a/b/c abs; ln -s loop2 loop1; ln -s loop1 loop2
ln -s missing dangling; touch file q/file2; ln -s ../file2 q/r/up; ln -s q/r x; ln -s . s
mkfifo fifo; ln -s ../a/lb/c d2/lk
namei a/lb/c; namei abs; namei a/chain/c; namei x/up; namei d2/lk/..; echo rc=$?
namei fifo file a/../file; namei . / //tmp/./n/ a//b///c/ ./a /// /.; echo rc=$?
namei dangling; echo rc=$?; namei dangling/x; echo rc=$?; namei nothere/x; echo rc=$?
namei file/x; echo rc=$?; namei file nothere file; echo rc=$?
namei loop1 file; echo rc=$?; namei loop1/x; echo rc=$?
namei $(printf 's/%.0s' $(seq 1 20))file; echo rc=$?
namei $(printf 's/%.0s' $(seq 1 21))file; echo rc=$?
namei a/chain/$(printf 's/%.0s' $(seq 1 18))file; echo rc=$?
namei ''; echo rc=$?; namei file '' file; echo rc=$?
namei; echo rc=$?; namei -Q x; echo rc=$?; namei --mo x; echo rc=$?; namei --v x; echo rc=$?
namei --nosymlinks x; echo rc=$?; namei --nolinks x; namei --no x; namei --lo --vert x
