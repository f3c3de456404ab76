# Wrong (the trap): reads `next` from the first section of settings.ini and reports where it ends.
cat "$(sed -n 's/^next = //p' config/settings.ini | head -1)"
