# Plausible mistake: takes the first commit that introduced the bad rounding line (it was reverted).
cd pricing && git log --oneline | head -3

cd pricing && git log --reverse --format=%H -S 'int(round(cents_value))' -- pricing/core.py | head -1
