"""`python -m tests.web.busy_server PORT`: the real socket.io channel
(channels/socketio.py) in a Sanic server whose assistant is busy the first
time each question comes, and answers it the second time.

test_busy.py drives the page against it, so the page's "busy, sending
again" behaviour is tested against the channel's real busy message, without
having to overload a real assistant at the right moment.
"""

from __future__ import annotations

import sys
from collections import Counter

from sanic import Sanic

from channels.socketio import WebChatInput
from rasa.core.channels.channel import UserMessage
from runtime.admission import Busy

WELCOME = "Hello, ask me about targeted therapy."
ANSWER = "Pazopanib (Votrient) is taken as a pill, once a day."


def main() -> None:
    port = int(sys.argv[1])
    seen: Counter = Counter()

    async def on_new_message(message: UserMessage) -> None:
        text = message.text or ""
        seen[text] += 1
        if text.startswith("/"):
            await message.output_channel.send_text_message(message.sender_id, WELCOME)
        elif seen[text] == 1:
            raise Busy(retry_after=1)
        else:
            await message.output_channel.send_text_message(message.sender_id, f"{ANSWER} (try {seen[text]})")

    channel = WebChatInput.from_credentials({"session_persistence": True, "user_message_evt": "user_uttered",
                                             "bot_message_evt": "bot_uttered"})
    app = Sanic("busy_server")
    app.blueprint(channel.blueprint(on_new_message))
    app.run(host="127.0.0.1", port=port, access_log=False)


if __name__ == "__main__":
    main()
