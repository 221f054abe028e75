# Removing and renaming mount points: mv and rmdir get EBUSY, rm -r
# empties a mount and fails on its root, --one-file-system skips a
# mount point with contents but, like rm, removes an empty directory on
# first sight, so an empty mount point is EBUSY there too.
mkdir -p /x/m /x/d /y; mount -t tmpfs t /x/m; touch /x/m/f /x/d/g
mv /x/m /y/; echo rc=$?; mv /x/m /x/m2; echo rc=$?; rmdir /x/m; echo rc=$?; rm -r /x/m; echo rc=$?; ls /x/m; mount -t tmpfs u /x/m; rm -rf /x; echo rc=$?; ls -R /x
rm -rf --one-file-system /x; echo rc=$?; mount | grep -c ' /x/m '; umount /x/m; umount /x/m; rm -rf /x; echo rc=$?; ls /x; echo rc=$?
mkdir -p /z/a; mount --bind /z/a /z/a; rm -rf /z; echo rc=$?; mkdir /q; mount -t tmpfs q /q; mv /q /q2; echo rc=$?; ln -s /q /ql; mv /ql /ql2; echo rc=$?; cd /q; rmdir /q; echo rc=$?; rmdir .; echo rc=$?
mkdir -p /v/m; mount -t tmpfs v /v/m; mkdir /v/m/s; touch /v/m/s/f; rm -rf --one-file-system /v; echo rc=$?; ls -R /v
