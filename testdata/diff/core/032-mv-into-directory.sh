mkdir -p /t/src /t/dst/empty/ /t/dst/full/x
echo a > /t/src/empty
echo f > /t/file
mkdir /t/empty /t/full
echo s > /t/full/s
mv /t/empty /t/dst
echo "over empty dir $?"
mv /t/full /t/dst
echo "over full dir $?"
mv /t/file /t/dst/empty
echo "file into dir $?"
ls -R /t
