# Wrong: the right person without the commit the instruction asks for.
echo priya.kim@example.org
