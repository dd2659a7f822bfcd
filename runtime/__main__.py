"""`python -m runtime <rasa arguments>`: Rasa's CLI with the project's
runtime changes installed first. Used by scripts/run.sh and the tests."""

import sys

from runtime import install

install()

from rasa.__main__ import main  # noqa: E402  (after install, on purpose)

if __name__ == "__main__":
    sys.argv[0] = "rasa"
    main()
