# bash's PIPESTATUS: the statuses of the last pipeline's commands (a
# subshell's, a loop's), of the last command when that was no pipeline,
# its length and single elements, under set -e and pipefail.
false | true | (exit 3)
echo "${PIPESTATUS[@]}" ${#PIPESTATUS[@]}
true | false
echo $PIPESTATUS ${PIPESTATUS[1]} ${PIPESTATUS[0]} "${PIPESTATUS[*]}"
false
echo "${PIPESTATUS[@]}" ${#PIPESTATUS[@]}
x=$(exit 4 | true); echo "${PIPESTATUS[*]}"
echo a | while read l; do echo $l; done; echo "${PIPESTATUS[@]}"
set -e
false | true
echo "${PIPESTATUS[@]}"
set -o pipefail
(true | exit 5) || echo "${PIPESTATUS[@]}"
true | (exit 6) | cat || echo "${PIPESTATUS[@]}"
