from svdocs.cli import main

main()
