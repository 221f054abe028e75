# md5sum, sha1sum, sha256sum, sha512sum: files and standard input,
# --tag, -b, -t, -z, escaped names; --check with its OK and FAILED lines,
# warnings, --quiet, --status, --strict, --warn, --ignore-missing; usage
# errors and exit statuses.
cd /tmp
printf 'hello\n' > a; printf '' > empty; printf 'x%.0s' $(seq 1000) > big
md5sum a empty big; sha1sum a; sha256sum a big; sha512sum empty
echo stdin | sha256sum; echo stdin | md5sum - a
sha256sum --tag a; md5sum -b a; md5sum -t a; md5sum --tag -b a
md5sum -z a empty | tr '\0' '|'; echo
printf 'n\n' > 'new
line'; printf 'b\n' > 'back\slash'
md5sum 'new
line' 'back\slash'; md5sum --tag 'back\slash'
md5sum missing a; echo "rc=$?"
mkdir d; md5sum d; echo "rc=$?"
md5sum a empty 'new
line' 'back\slash' > sums
md5sum -c sums; echo "rc=$?"
md5sum --tag a empty | md5sum -c; echo "rc=$?"
echo changed >> a
md5sum -c sums; echo "rc=$?"
md5sum -c --quiet sums; echo "rc=$?"
md5sum -c --status sums; echo "rc=$?"
rm empty
md5sum -c sums; echo "rc=$?"
md5sum -c --ignore-missing sums; echo "rc=$?"
printf 'hello\n' > a
printf '%s\n' '# comment' 'garbage' "$(md5sum a)" 'also bad' > mixed
md5sum -c mixed; echo "rc=$?"
md5sum -c -w mixed; echo "rc=$?"
md5sum -c --strict mixed; echo "rc=$?"
md5sum -c --status mixed; echo "rc=$?"
printf 'bad\n' | md5sum -c; echo "rc=$?"
printf 'bad\n' > bad; md5sum -c bad; echo "rc=$?"
md5sum -c nosuch; echo "rc=$?"
h=$(sha1sum a | cut -c1-40)
printf '  %s  a\n' "$h" | sha1sum -c; echo "rc=$?"
printf '%s  A\n' "$(echo "$h" | tr a-f A-F)" > upper; echo hello > A; sha1sum -c upper; echo "rc=$?"
printf '%s a\n' "$h" | sha1sum -c; echo "rc=$?"
printf '%s *a\n' "$h" | sha1sum -c; echo "rc=$?"
printf '%s\ta\n' "$h" | sha1sum -c; echo "rc=$?"
printf '%s a\n%s  a\n' "$h" "$h" | sha1sum -c; echo "rc=$?"
printf '%s  a\n%s a\n' "$h" "$h" | sha1sum -c; echo "rc=$?"
printf 'SHA1 (a) = %s\nSHA1(a)= %s\nSHA1 (a) =%sx\n' "$h" "$h" "$h" | sha1sum -c -w; echo "rc=$?"
printf '%s  a\r\n' "$h" | sha1sum -c; echo "rc=$?"
printf '%s  -\n' "$(echo x | md5sum | cut -c1-32)" | md5sum -c; echo "rc=$?"
sha256sum a | sha512sum -c; echo "rc=$?"
md5sum --ignore-missing a; echo "rc=$?"
md5sum --status a; echo "rc=$?"
md5sum --quiet a; echo "rc=$?"
md5sum --strict a; echo "rc=$?"
md5sum -w a; echo "rc=$?"
md5sum --tag -t a; echo "rc=$?"
md5sum -c -z sums; echo "rc=$?"
md5sum -c --tag sums; echo "rc=$?"
md5sum -c -b sums; echo "rc=$?"
md5sum -x; echo "rc=$?"
md5sum --s a; echo "rc=$?"
md5sum -c d; echo "rc=$?"
md5sum -c /dev/null; echo "rc=$?"
printf "%s  d\n" "$(md5sum < /dev/null | cut -c1-32)" | md5sum -c; echo "rc=$?"
