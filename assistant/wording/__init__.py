"""All the assistant's wording, built from the facts module.

No fact is written here: every medical statement is taken from
``assistant.facts``, and every gap from ``assistant.not_covered``. These modules
decide how things are phrased, never what is answered (``assistant.answers``
decides that):

- ``common``: lists, names, buttons and referrals;
- ``drugs``: one drug at a time;
- ``groups``: classes, "which ones", comparisons, conditions;
- ``therapy``: targeted therapy and side effects in general, the source;
- ``gaps``: what the source doesn't cover;
- ``conversation``: welcome, small talk, feelings, the helpline.
"""

from assistant.wording.common import STARTER_BUTTONS, drug_buttons  # noqa: F401
from assistant.wording.conversation import (  # noqa: F401
    acknowledgement,
    bot_challenge,
    capabilities,
    feelings_heard,
    goodbye,
    greet,
    helpline,
    not_understood,
    out_of_scope,
    thank,
    welcome,
)
from assistant.wording.drugs import unknown_drugs, which_drug  # noqa: F401
from assistant.wording import gaps  # noqa: F401
from assistant.wording.therapy import full_disclaimer, source  # noqa: F401
