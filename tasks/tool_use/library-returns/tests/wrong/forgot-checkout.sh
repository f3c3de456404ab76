# Wrong (plausible mistake): records the returns but not the new loan.
for loan in $(python3 lib.py loans --member 17 --open | cut -f1); do python3 lib.py return "$loan" --date 2024-05-10; done

echo done
