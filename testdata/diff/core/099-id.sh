# id: the default format, -u -g -G with -n, -r and -z, users by name and
# number, and its usage errors; other credentials through chroot
# --userspec (IDs no user database names).
id; echo "rc=$?"
id -u; id -g; id -G; id -un; id -gn; id -Gn; id -ur; id -gr; id -Gr
id -a
id -uz | tr '\0' '|'; echo
id -Gz | tr '\0' '|'; echo
id -Gz root root | tr '\0' '|'; echo
id root; id 0; id -un 0; id root root
id -r; echo "rc=$?"
id -n; echo "rc=$?"
id -z; echo "rc=$?"
id -u -g; echo "rc=$?"
id -uG; echo "rc=$?"
id -x; echo "rc=$?"
id --nosuch; echo "rc=$?"
id --us; echo "rc=$?"
id nosuchuser5; echo "rc=$?"
id ''; echo "rc=$?"
id root nosuchuser5 root; echo "rc=$?"
chroot --userspec=54321:54322 / id; echo "rc=$?"
chroot --userspec=54321:54322 / id -un; echo "rc=$?"
chroot --userspec=54321:54322 / id -Gn; echo "rc=$?"
chroot --userspec=54321:54322 / id -G
chroot --userspec=54321:54322 --groups=54323,0,54323 / id
chroot --userspec=0:54322 --groups=54322,0 / id
chroot --userspec=0:54322 --groups=54322,0 / id -G
chroot --userspec=0:54322 --groups=54322,0 / id -gn; echo "rc=$?"
chroot --userspec=0:54322 --groups=54322,0 / id -gnr; echo "rc=$?"
