# Wrong: the right person, but the later commit that closed the ticket instead of the one that changed RATE_LIMIT.
echo "priya.kim@example.org 6336d71"
