"""Rasa's socket.io channel, open only to the web page's own origins
(credentials.yml: `channels.socketio.WebChatInput`).

Rasa's channel turns python-engineio's origin check off
(``cors_allowed_origins=[]``) and leaves CORS to ``rasa run --cors``. That
check only covers the HTTP long-polling transport: a WebSocket connection
from any other site was accepted. This channel gives engine.io the list of
allowed origins instead, so one list governs both transports:

- long-polling gets CORS headers for those origins only;
- a WebSocket handshake whose ``Origin`` is not on the list is refused (400).

A client that sends no ``Origin`` at all is not a browser, so a page on
another site can't be behind it; engine.io lets it through.

The list is the page's origin at ``localhost`` and at ``127.0.0.1`` on
``WEB_PORT`` (8080), plus the origins in ``WEB_ORIGINS`` (space or comma
separated) and in ``allowed_origins`` under this channel in credentials.yml.
Do not also pass ``--cors`` for these origins: the headers would be sent twice.

The care list (``Reply.shows_care_list``) goes out as one ``bot_uttered``
marked ``"care_list": true``, not split at blank lines: the page fills its
dialog with that message only. A reply to an earlier question can still be
on its way when the button is pressed.

A message that the replica is too busy to take (runtime/admission.py) gets
a ``bot_uttered`` with the BUSY text, ``"busy": true`` and ``retry_after``
(seconds): the page shows a short note and sends the message again by
itself. Nothing was done with it, so sending it again is safe.
"""

from __future__ import annotations

import os
import re
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Text

from sanic import Blueprint

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from assistant.reply import CARE_LIST_MARK
from channels.rest import BUSY
from runtime.admission import Busy

DEFAULT_WEB_PORT = "8080"


def allowed_origins(env: Mapping[str, str], configured: Sequence[str] = ()) -> List[str]:
    """The web page's origins: local ones on WEB_PORT, then WEB_ORIGINS, then `configured`."""
    port = env.get("WEB_PORT") or DEFAULT_WEB_PORT
    extra = re.split(r"[\s,]+", env.get("WEB_ORIGINS", "").strip())
    origins = [f"http://localhost:{port}", f"http://127.0.0.1:{port}", *extra, *configured]
    return list(dict.fromkeys(o.rstrip("/") for o in origins if o))


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output, with the care list sent whole and marked."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        if kwargs.get(CARE_LIST_MARK):
            await self._send_message(recipient_id, {"text": text.strip(), CARE_LIST_MARK: True})
            return
        await super().send_text_message(recipient_id, text, **kwargs)


class WebChatInput(SocketIOInput):
    """Rasa's socket.io channel with one origin list for polling and WebSocket."""

    @classmethod
    def name(cls) -> Text:
        # Same name as Rasa's channel: trackers and output channels stay "socketio".
        return "socketio"

    # Extra origins from credentials.yml (`allowed_origins`).
    configured_origins: Sequence[str] = ()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = dict(credentials or {})
        configured = tuple(credentials.pop("allowed_origins", None) or ())
        channel = super().from_credentials(credentials)
        assert isinstance(channel, WebChatInput)
        channel.configured_origins = configured
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def saying_when_busy(message: UserMessage) -> Any:
            # Rasa's handler builds a plain SocketIOOutput for each message.
            assert self.sio is not None
            message.output_channel = WebChatOutput(self.sio, self.bot_message_evt)
            try:
                return await on_new_message(message)
            except Busy as busy:
                # The room of the conversation: the page joined it with its session id.
                await self.sio.emit(self.bot_message_evt, {"text": BUSY, "busy": True,
                                                           "retry_after": busy.retry_after},
                                    room=message.sender_id)
                return None

        blueprint = super().blueprint(saying_when_busy)
        assert self.sio is not None
        # Rasa built the server with the check off ([]); engine.io reads this
        # attribute on every request, for polling and WebSocket alike.
        self.sio.eio.cors_allowed_origins = allowed_origins(os.environ, self.configured_origins)
        return blueprint
