"""The command line's exit codes: done; refused or failed with a message; a bug or bad arguments."""
EXIT_OK, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 2
