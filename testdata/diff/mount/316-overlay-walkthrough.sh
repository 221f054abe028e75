# The overlay walkthrough of a tutorial: lower, upper, work, merged;
# copy-up on append, whiteouts for a removed file and directory, an
# opaque directory made anew, the listing of upper, the mount's line.
mkdir -p /ov/lower /ov/upper /ov/work /ov/merged
mount -t tmpfs ov /ov && mkdir -p /ov/lower /ov/upper /ov/work /ov/merged
echo low > /ov/lower/a; echo low2 > /ov/lower/b; mkdir /ov/lower/d; touch /ov/lower/d/x
mount -t overlay overlay -o lowerdir=/ov/lower,upperdir=/ov/upper,workdir=/ov/work /ov/merged
echo $?
ls -l /ov/merged | cut -c1-10,24-
echo up >> /ov/merged/a
rm /ov/merged/b
rm -r /ov/merged/d
mkdir /ov/merged/d
ls -la /ov/upper | cut -c1-10,24-
ls -la /ov/merged/d
cat /ov/lower/a /ov/merged/a
findmnt -o TARGET,FSTYPE,OPTIONS /ov/merged | sed 's/,index=[a-z]*//'
mount | grep overlay
umount /ov/merged; echo $?
