mkdir /t
rm /t/missing
echo "plain $?"
rm -f /t/missing
echo "forced $?"
rm -f
echo "no operands $?"
rm -rf /t/missing /t/also/missing
echo "rf $?"
