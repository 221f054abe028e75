# findmnt without the TARGET column: no tree (libsmartcols needs its tree
# column), so JSON lists the mounts flat, in tree order; TARGET elsewhere
# than first still draws the branches. -t with a "no" prefix negates.
mkdir -p /m
mount -t tmpfs -o size=1m top /m
mkdir -p /m/a /m/b
mount -t tmpfs sub /m/a
mount -t tmpfs sub2 /m/b
findmnt -R /m -o SOURCE,FSTYPE
findmnt -R /m -o SOURCE,TARGET
findmnt -R /m -o FSTYPE -J
findmnt -R /m -o SOURCE,TARGET -J
findmnt -R /m -o VFS-OPTIONS,FS-OPTIONS -J
findmnt -R /m -o TARGET,SOURCE -P
findmnt -R /m -o SOURCE --tree
findmnt -R /m -o SOURCE,FSROOT,TARGET -r
findmnt -R /m -o ID -n | wc -l
findmnt -R /m -t nosuchfs -n -o TARGET
