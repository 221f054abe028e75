# cksum: the POSIX CRC (names only when given), -a bsd/sysv and the
# digests (blake2b with -l too) tagged and --untagged, -z, -c with and
# without -a (the tag picks the digest), and the errors: a bad -a, -l
# without blake2b or out of range, -c with the old sums, a missing file.
mkdir -p /tmp/ck && cd /tmp/ck || exit
printf 'hello\n' > h; : > e; seq 1 3000 > big
{
cksum h e big; echo "rc $?"
cksum < h; cksum - < h; printf '' | cksum
for a in bsd sysv crc md5 sha1 sha224 sha256 sha384 sha512 sm3; do cksum -a $a h big; cksum -a $a < e; done
cksum -a sha256 --untagged h; cksum -a md5 --tag --untagged h; cksum --untagged h
cksum -a sha1 -z h | od -c | tail -2
cksum -a sha256 h big > sums; cksum -c sums; echo "rc $?"
cksum -a sha256 -c sums; echo "rc $?"
cksum -a md5 h >> sums; echo x >> big; cksum -c sums; echo "rc $?"
cksum -c --quiet sums; echo "rc $?"
cksum -a md5 --untagged h > u; cksum -a md5 -c u; echo "rc $?"
cksum -a bogus h; echo "rc $?"
cksum -a sh h; echo "rc $?"
cksum -l 8 h; echo "rc $?"
cksum -a blake2b h big; cksum -a blake2b < e; cksum -a blake2b -l 128 h; cksum -a blake2b -l 0 --untagged h
cksum -a blake2b -l 256 h big > b2; cksum -a blake2b h >> b2; cksum -c b2; echo "rc $?"; cksum -a blake2b -c b2; echo "rc $?"
cksum -a blake2b -l 7 h; echo "rc $?"; cksum -a blake2b -l 1024 h; echo "rc $?"; cksum -a blake2b -l x h; echo "rc $?"
cksum -a crc -c sums; echo "rc $?"
cksum nosuch h; echo "rc $?"
cksum --tag -c sums; echo "rc $?"
cksum --status h; echo "rc $?"
} 2>&1
