# sh is dash: its words and statuses for commands it cannot find or run
# and for a cd that fails, from sh -c and from a script file (whose
# messages start "FILE: LINE:"), next to bash's for the same failures.
mkdir -p /tmp/d/sub
: > /tmp/d/plain
sh -c 'nosuch; echo "not found: $?"' 2>&1
sh -c 'x=1 nosuch arg; echo "with assignment: $?"' 2>&1
sh -c '/nonexist/x; echo "path: $?"; /tmp/d/plain/x; echo "enotdir: $?"' 2>&1
sh -c '/tmp/d/plain; echo "not executable: $?"; /tmp/d/sub; echo "directory: $?"' 2>&1
sh -c 'nosuch 2>/dev/null; echo "quiet: $?"'
sh -c 'cd /nonexist; echo "cd: $?"; cd /tmp/d/plain; echo "cd file: $?"; cd /tmp/d/sub; pwd' 2>&1
sh -c 'cd -P /tmp/d/nope; echo "cd -P: $?"; cd ""; echo "cd empty: $?"' 2>&1
sh -c 'nosuch' myname 2>&1; echo "named: $?"
printf 'true\n\nnosuch\ncd /nonexist\necho "end: $?"\n' > /tmp/d/script
sh /tmp/d/script 2>&1; echo "file: $?"
cd /tmp/d && sh ./script 2>&1; cd /
sh -c 'f() {
  nosuch
}
f; echo "function: $?"' 2>&1
bash -c 'nosuch; cd /nonexist; echo $?' 2>&1
