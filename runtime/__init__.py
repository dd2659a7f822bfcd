"""How this project runs the Rasa server: Rasa's own CLI plus the project's
runtime hardening (see resilient_actions)."""
