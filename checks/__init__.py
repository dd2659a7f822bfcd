"""Check-time code: compares the facts with the stored source page. Never
imported by the running assistant."""
