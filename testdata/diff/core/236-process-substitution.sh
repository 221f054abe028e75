# bash's <(cmd) gives a program /dev/fd/N, a pipe it reads what cmd
# writes from; < <(cmd) feeds a loop; a program that stops reading early
# does not hang the shell.
diff <(echo a) <(echo b); echo "diff: $?"
cat <(echo hi) <(echo there)
wc -l < <(seq 1000)
wc -c <(printf 12345) | cut -c1
head -1 <(seq 100000); echo "head: $?"
source <(echo 'echo sourced')
while read l; do echo "[$l]"; done < <(printf 'a\nb\n')
mapfile -t lines < <(printf 'x\ny\nz\n'); echo "${#lines[@]} ${lines[2]}"
cmp <(printf 'same') <(printf 'same') && echo "cmp: same"
