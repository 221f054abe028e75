# The system has Debian's base /etc/passwd and /etc/group (base-passwd's
# static entries), which scripts read directly as well as through the
# programs' name look-ups.
test -f /etc/passwd && test -f /etc/group && echo "both files"
head -1 /etc/passwd
grep '^nobody:' /etc/passwd
awk -F: '$1 == "www-data" { print $3, $4, $6 }' /etc/passwd
grep -E '^(root|users|nogroup|disk):' /etc/group | cut -d: -f1,3
stat -c '%a %U %G' /etc/passwd /etc/group
cut -d: -f1 /etc/passwd | head -3
