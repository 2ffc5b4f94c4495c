from cs_handouts.cli import main

main()
