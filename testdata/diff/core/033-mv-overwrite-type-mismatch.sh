mkdir -p /t/dir /t/dst/dir /t/dst2
echo f > /t/file
echo g > /t/dst2/dir
mkdir /t/dst/file
mv /t/file /t/dst
echo "file over dir $?"
mv /t/dir /t/dst2
echo "dir over file $?"
ls -R /t
