# Wrong: follows the trail but counts the word list's lines from 0.
sed -n '88p' data/words.txt
