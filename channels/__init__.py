"""Custom Rasa connectors for messaging platforms.

- ``channels.telegram.TelegramInput``: Telegram with a configurable Bot API
  URL, a bot session created on Sanic's own event loop, an optional webhook
  secret, long answers split at line boundaries and vertical inline keyboards.
- ``channels.mattermost.MattermostInput``: Mattermost outgoing webhooks with
  token check, non-blocking posts, splitting, and buttons as a numbered list
  when no interactive-message URL is configured.
- ``channels.formatting``: the platform-independent helpers they share.

Enable one in credentials.yml by its module path, e.g.
``channels.telegram.TelegramInput:`` (see docs/channels.md).
"""
