"""户籍: villages and their groups, households and members, roster import, ID numbers, cards."""
