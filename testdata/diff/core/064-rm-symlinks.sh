mkdir -p /t/dir
echo keep > /t/dir/k
ln -s /t/dir /t/l1
ln -s /t/dir /t/l2
rm /t/l1
echo "rm $?"
rm -r /t/l2
echo "rm -r $?"
ls -R /t
