"""`python -m runtime <rasa arguments>`: Rasa's CLI with the project's
runtime changes installed first. Used by scripts/run.sh and the tests."""

import os
import sys

# One TensorFlow thread per op pool: each message is a handful of small ops,
# and on 2 cores extra threads only contend with each other and with the
# action server (measured: +14 % throughput at 20 users, see docs/results.md).
# Set before TensorFlow is imported; an explicit setting wins.
os.environ.setdefault("TF_INTRA_OP_PARALLELISM_THREADS", "1")
os.environ.setdefault("TF_INTER_OP_PARALLELISM_THREADS", "1")

from runtime import install  # noqa: E402

install()

from rasa.__main__ import main  # noqa: E402  (after install, on purpose)

if __name__ == "__main__":
    sys.argv[0] = "rasa"
    main()
