"""Telegram connector with a configurable Bot API URL.

Rasa 3.6's own ``rasa.core.channels.telegram`` always talks to
api.telegram.org, creates the bot's aiohttp session inside ``asyncio.run``
while the server starts (so the first webhook on Sanic's loop can fail with a
session bound to a closed loop), asks the Bot API ``getMe`` on every update,
splits only at blank lines and puts all buttons in one row.

This connector:
- takes ``api_url`` (default https://api.telegram.org), so a local Bot API
  server or a test fake can stand in;
- registers the webhook at start-up with a throw-away bot whose session is
  closed again, and creates the reply bot's session lazily on the loop that
  handles the webhook (a session from another loop is replaced);
- checks Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header when a
  ``secret_token`` is configured (sent with setWebhook);
- splits answers longer than 4096 characters at line breaks, and sends
  buttons as a one-per-row inline keyboard on the last part (as a numbered
  list when a payload is too long for Telegram's 64-byte callback data).

credentials.yml::

    channels.telegram.TelegramInput:
      access_token: "123456:ABC..."     # from @BotFather
      verify: "my_bot"                  # the bot's username
      webhook_url: "https://<host>/webhooks/telegram/webhook"
      secret_token: "<random string>"   # optional, recommended
      api_url: "https://api.telegram.org"  # optional
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, Methods, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from aiogram.utils.exceptions import TelegramAPIError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels import telegram as rasa_telegram
from rasa.core.channels.channel import UserMessage
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.core.constants import USER_INTENT_RESTART
from rasa.shared.exceptions import RasaException

from channels.formatting import (
    TELEGRAM_MAX_CHARS,
    NumberedChoices,
    fits_telegram_callback,
    numbered_buttons,
    split_message,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def api_server(api_url: Optional[Text]) -> TelegramAPIServer:
    return TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION


class TelegramOutput(rasa_telegram.TelegramOutput):
    """Sends replies through the Bot API at ``api_url``."""

    def __init__(
        self,
        access_token: Optional[Text],
        api_url: Optional[Text] = None,
        choices: Optional[NumberedChoices] = None,
    ) -> None:
        Bot.__init__(self, access_token, server=api_server(api_url))
        self.choices = choices or NumberedChoices()

    @property
    def session(self) -> aiohttp.ClientSession:
        """An aiohttp session bound to the running event loop.

        aiogram keeps one session for the bot's lifetime; one made on another
        (possibly closed) loop cannot be used here, so it is replaced.
        """
        running = asyncio.get_running_loop()
        current: Optional[aiohttp.ClientSession] = getattr(self, "_session", None)  # set by aiogram's Bot
        if current is None or current.closed or getattr(current, "_loop", running) is not running:
            self._session = aiohttp.ClientSession(json_serialize=self._json_dumps)
        return self._session

    @staticmethod
    def _json_dumps(value: Any) -> str:
        import json

        return json.dumps(value)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_message(text, TELEGRAM_MAX_CHARS):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = "vertical",
        **kwargs: Any,
    ) -> None:
        if not fits_telegram_callback(buttons):
            self.choices.offer(str(recipient_id), buttons)
            await self.send_text_message(recipient_id, numbered_buttons(text, buttons))
            return
        keyboard = InlineKeyboardMarkup()
        for button in buttons:  # one per row: the titles are whole questions
            keyboard.row(InlineKeyboardButton(button["title"], callback_data=button["payload"]))
        parts = split_message(text, TELEGRAM_MAX_CHARS) or [""]
        for part in parts[:-1]:
            await self.send_message(recipient_id, part)
        await self.send_message(recipient_id, parts[-1], reply_markup=keyboard)


class TelegramInput(rasa_telegram.TelegramInput):
    """Receives Telegram updates on /webhooks/telegram/webhook."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the call above raises
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url"),
            secret_token=credentials.get("secret_token"),
            set_webhook_on_start=credentials.get("set_webhook_on_start", True),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        debug_mode: bool = False,
        api_url: Optional[Text] = None,
        secret_token: Optional[Text] = None,
        set_webhook_on_start: bool = True,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self.set_webhook_on_start = set_webhook_on_start
        self.choices = NumberedChoices()

    async def _register_webhook(self) -> None:
        """setWebhook (and a getMe check of ``verify``) with a bot that is
        closed again, so no session outlives this loop."""
        bot = Bot(self.access_token, server=api_server(self.api_url))
        try:
            if self.verify:
                me = await bot.get_me()
                if me.username != self.verify:
                    raise RasaException(
                        f"Telegram bot is @{me.username}, but credentials say verify: {self.verify}"
                    )
            payload: Dict[str, Any] = {"url": self.webhook_url}
            if self.secret_token:
                payload["secret_token"] = self.secret_token
            await bot.request(Methods.SET_WEBHOOK, payload)
        finally:
            await bot.close()

    def get_output_channel(self) -> TelegramOutput:
        return TelegramOutput(self.access_token, self.api_url, self.choices)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if self.set_webhook_on_start and self.webhook_url:
            try:
                asyncio.run(self._register_webhook())
            except (TelegramAPIError, aiohttp.ClientError) as error:
                raise RasaException(f"Failed to set the Telegram webhook: {error}") from error

        webhook = Blueprint("telegram_webhook", __name__)
        out_channel = self.get_output_channel()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if self.secret_token and request.headers.get(SECRET_HEADER) != self.secret_token:
                return response.text("forbidden", status=403)
            body = request.json
            if not isinstance(body, dict):
                return response.text("bad request", status=400)
            update = Update(**body)
            if update.callback_query is not None:
                msg = update.callback_query.message
                text = update.callback_query.data
                try:  # stops the button's loading spinner in Telegram
                    await out_channel.answer_callback_query(update.callback_query.id)
                except TelegramAPIError as error:
                    logger.debug("answerCallbackQuery failed: %s", error)
            elif update.edited_message is not None:
                msg, text = update.edited_message, update.edited_message.text
            elif update.message is not None and update.message.text is not None:
                msg, text = update.message, update.message.text.replace("/bot", "")
            else:
                return response.text("success")  # stickers, joins, ...
            if msg is None or text is None:
                return response.text("success")
            sender_id = str(msg.chat.id)
            text = self.choices.resolve(sender_id, text)
            metadata = self.get_metadata(request)
            messages = [text]
            if text == INTENT_MESSAGE_PREFIX + USER_INTENT_RESTART:
                messages.append("/start")
            try:
                for item in messages:
                    await on_new_message(
                        UserMessage(item, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
                    )
            except Exception as error:  # answer 200 so Telegram does not retry forever
                logger.error("Exception when handling a Telegram message: %s", error)
                logger.debug(error, exc_info=True)
                if self.debug_mode:
                    raise
            return response.text("success")

        return webhook
