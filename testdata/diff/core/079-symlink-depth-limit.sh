mkdir /t
echo end > /t/f
prev=f
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41; do
  ln -s $prev /t/l$i
  prev=l$i
done
cat /t/l40
cat /t/l41
echo "41 links $?"
readlink -f /t/l41
echo "readlink -f $?"
