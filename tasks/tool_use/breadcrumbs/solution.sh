cat start.txt && cat config/settings.ini

tar -tf archive/bundle.tar && tar -xOf archive/bundle.tar clue.txt

python3 tools/decoder.py 4471

sqlite3 orders.db "SELECT note FROM orders WHERE id = 4471;"

sed -n '87p' data/words.txt
