# Staying on one file system: du -x, find -xdev/-mount/-fstype, rm
# --one-file-system and --preserve-root=all skipping mounted directories
# (the ancestors stay), cp -x copying a mount point as an empty directory,
# and EBUSY for removing or renaming mount points.
mkdir -p /t/a/b /t/m
echo 1 > /t/a/f
mount -t tmpfs x /t/m
echo 2 > /t/m/g; mkdir /t/m/d
du -ax /t | sort -k2
find /t -xdev | sort
find /t -mount -type f | sort
find /t -fstype tmpfs -name g
rm -r --one-file-system /t; echo $?
find /t | sort
rm -rf /t; echo $?
find /t | sort
rm -r --preserve-root=all /t/m; echo $?
rm -rf /; echo $?
rm -rf --no-preserve-root /nonexist; echo $?
cp -ax /t /t2 2>&1; echo $?; find /t2 | sort
cp -r --one-file-system /t /t3; find /t3 | sort
mkdir /t/m/sub; mount -t tmpfs y /t/m/sub; touch /t/m/sub/inner
rm -r --one-file-system /t/m/sub/; echo $?
rm -r --preserve-root=all /t/m; echo $?
ls /t/m /t/m/sub
rmdir /t/m/sub; echo $?
mv /t/m/sub /t/zz; echo $?
mv /t/m /t/m3; echo $?
