from cs_handouts.entry import run

run()
