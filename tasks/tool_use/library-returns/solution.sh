python3 lib.py --help && python3 lib.py members --name Whitfield

python3 lib.py loans --member 17 --open && python3 lib.py books --title "Left Hand"

for loan in $(python3 lib.py loans --member 17 --open | cut -f1); do python3 lib.py return "$loan" --date 2024-05-10; done

python3 lib.py checkout --member 17 --book 1 --date 2024-05-10

python3 lib.py loans --member 17 && sqlite3 library.db "SELECT * FROM audit;"

echo done
