mkdir -p /t/src
echo data > /t/target
ln -s /t/target /t/src/link
ln -s /t/target /t/flink
cp /t/flink /t/plain
stat -c '%n %F' /t/plain
cp -r /t/src /t/dst
stat -c '%n %F' /t/dst/link
readlink /t/dst/link
