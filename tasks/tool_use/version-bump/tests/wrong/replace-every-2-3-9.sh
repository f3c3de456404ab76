# Wrong (the trap): replaces every "2.3.9" and "2.3" everywhere, history and look-alikes included.
grep -rlE '2\.3\.9|"2\.3"' . | xargs sed -i 's/2\.3\.9/2.4.0/g; s/"2\.3"/"2.4"/g' && sed -i 's/^## Unreleased$/## 2.4.0/' CHANGELOG.md

echo done
