"""Mattermost connector: outgoing webhook in, REST API posts out.

Compared with Rasa 3.6's ``rasa.core.channels.mattermost``:
- checks the outgoing webhook's ``token`` when ``outgoing_token`` is set
  (Mattermost sends it in every payload), so strangers can't post as users;
- posts with aiohttp instead of blocking the server's event loop;
- splits answers longer than Mattermost's 16383 characters at line breaks;
- without a ``webhook_url`` for interactive buttons (Mattermost must be able
  to reach it), buttons become a numbered list and a reply of the number
  counts as the click.

credentials.yml::

    channels.mattermost.MattermostInput:
      url: "https://chat.example.com/api/v4"
      token: "<bot access token>"
      outgoing_token: "<token of the outgoing webhook>"   # recommended
      webhook_url: "https://<host>/webhooks/mattermost/webhook"  # optional: real buttons
"""

from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels import mattermost as rasa_mattermost
from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.formatting import MATTERMOST_MAX_CHARS, NumberedChoices, numbered_buttons, split_message

logger = logging.getLogger(__name__)


class MattermostOutput(OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "mattermost"

    def __init__(
        self, url: Text, token: Text, channel_id: Text, webhook_url: Optional[Text], choices: NumberedChoices
    ) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.channel_id = channel_id
        self.webhook_url = webhook_url
        self.choices = choices

    async def _post(self, data: Dict[Text, Any]) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            async with session.post(f"{self.url}/posts", json=data, headers=headers) as reply:
                if reply.status >= 300:
                    logger.error("Mattermost refused a post (%s): %s", reply.status, await reply.text())

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_message(text, MATTERMOST_MAX_CHARS):
            await self._post({"channel_id": self.channel_id, "message": part})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        if not self.webhook_url:
            self.choices.offer(self.channel_id, buttons)
            await self.send_text_message(recipient_id, numbered_buttons(text, buttons))
            return
        actions = [
            {"name": b["title"], "integration": {"url": self.webhook_url, "context": {"action": b["payload"]}}}
            for b in buttons
        ]
        parts = split_message(text, MATTERMOST_MAX_CHARS) or [""]
        for part in parts[:-1]:
            await self._post({"channel_id": self.channel_id, "message": part})
        await self._post(
            {"channel_id": self.channel_id, "message": parts[-1], "props": {"attachments": [{"actions": actions}]}}
        )

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._post({"channel_id": self.channel_id, "props": {"attachments": [{"image_url": image}]}})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._post({"channel_id": self.channel_id, "message": "", **json_message})


class MattermostInput(rasa_mattermost.MattermostInput):
    """Receives Mattermost outgoing webhooks on /webhooks/mattermost/webhook."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "MattermostInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the call above raises
        return cls(
            credentials.get("url") or "",
            credentials.get("token") or "",
            credentials.get("webhook_url"),
            outgoing_token=credentials.get("outgoing_token"),
        )

    def __init__(
        self, url: Text, token: Text, webhook_url: Optional[Text], outgoing_token: Optional[Text] = None
    ) -> None:
        super().__init__(url, token, webhook_url)
        self.outgoing_token = outgoing_token
        self.choices = NumberedChoices()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("mattermost_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            payload = request.json if request.json is not None else dict(request.form or {})
            payload = {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in payload.items()}
            if self.outgoing_token and not hmac.compare_digest(
                str(payload.get("token", "")), str(self.outgoing_token)
            ):
                return response.text("forbidden", status=403)
            channel_id, user_id = payload.get("channel_id"), payload.get("user_id")
            if not channel_id or not user_id:
                return response.text("")
            if "context" in payload:  # an interactive button was clicked
                text = str(payload["context"].get("action", ""))
            else:
                text = str(payload.get("text", ""))
                trigger = payload.get("trigger_word")
                if trigger and text.startswith(trigger):
                    text = text[len(trigger):].strip()
                text = self.choices.resolve(channel_id, text)
            if not text:
                return response.text("")
            out = MattermostOutput(self.url, self.token, channel_id, self.webhook_url, self.choices)
            try:
                await on_new_message(
                    UserMessage(text, out, user_id, input_channel=self.name(), metadata=self.get_metadata(request))
                )
            except Exception as error:
                logger.error("Exception when handling a Mattermost message: %s", error)
                logger.debug(error, exc_info=True)
            return response.text("success")

        return webhook
