import re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import Checks, answer, normalise

# From generate.py's evaluation of acl/README.md over the committed data.
EXPECTED_WRITERS = "ana.holm,ben.ekko,cara.ito,eli.berg,hana.ekko,ivo.ito,nia.ekko,nia.gray,oli.diaz,rae.diaz"
EXPECTED_READERS = 16
checks = Checks()
text = normalise(answer())
writers_part, _, readers_part = text.rpartition(";")
writers = sorted(w.strip() for w in re.split(r"[,\s]+", writers_part) if w.strip())
checks.check(writers == EXPECTED_WRITERS.split(","), f"wrong writers: {writers}")
checks.check(readers_part.strip() == str(EXPECTED_READERS), f"wrong reader count: {readers_part.strip()!r}")
checks.finish()
