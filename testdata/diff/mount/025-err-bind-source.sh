mkdir /b
mount --bind /nosuch /b; echo "missing source $?"
mount --bind /b /nosuch; echo "missing target $?"
mount --rbind /nosuch /b; echo "rbind missing $?"
cat /proc/self/mountinfo
