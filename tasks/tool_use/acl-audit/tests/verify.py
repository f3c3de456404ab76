import re

from abverify import Checks, answer

# From generate.py's evaluation of acl/README.md over the committed data.
EXPECTED_WRITERS = "ana.holm,ben.ekko,cara.ito,eli.berg,hana.ekko,ivo.ito,nia.ekko,nia.gray,oli.diaz,rae.diaz"
EXPECTED_READERS = 16
checks = Checks(all_or_nothing=True)
writers_part, _, readers_part = answer().rpartition(";")
writers = sorted(w.strip() for w in re.split(r"[,\s]+", writers_part) if w.strip())
checks.check(writers == EXPECTED_WRITERS.split(","), f"wrong writers: {writers}")
checks.check(readers_part.strip() == str(EXPECTED_READERS), f"wrong reader count: {readers_part.strip()!r}")
checks.finish()
