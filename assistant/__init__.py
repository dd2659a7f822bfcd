"""The assistant's domain: the facts, understanding a message, planning and
wording the answer. Imported by the action server (``actions``), the NLU
components (``components``) and the web page (``scripts/serve_web.py``)."""
