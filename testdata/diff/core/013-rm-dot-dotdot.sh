mkdir -p /t/d/e
rm -r /t/d/.
echo "dot $?"
rm -r /t/d/..
echo "dotdot $?"
rm -rf /t/d/./
echo "dot slash $?"
ls -R /t
