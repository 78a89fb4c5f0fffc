from privcheck.cli import main

main()
