# host-tools: cpio
# tar and cpio are argp programs: a command line argp refuses ends with
# status 64 and a try-help line that points at --usage too; what they
# refuse themselves (no operation, an empty archive) ends with 2. gzip
# quotes its try-help line with a backquote, and gunzip and zcat are
# scripts running gzip, which names itself.
tar --bad; echo "tar --bad $?"
tar -Q; echo "tar -Q $?"
tar -f; echo "tar -f $?"
tar; echo "tar $?"
tar -c; echo "tar -c $?"
tar -ct; echo "tar -ct $?"
cpio --bad </dev/null; echo "cpio --bad $?"
cpio -H; echo "cpio -H $?"
cpio </dev/null; echo "cpio $?"
gzip -Q; echo "gzip -Q $?"
gzip --bad; echo "gzip --bad $?"
gunzip -Q; echo "gunzip -Q $?"
zcat -S; echo "zcat -S $?"
