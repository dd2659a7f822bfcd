"""The web chat's socket.io channel (channels/socketio.py): allowed origins, and the care list sent whole and marked."""

from channels.socketio import WebChatInput, allowed_origins


def test_both_local_origins_of_the_page_by_default():
    assert allowed_origins({}) == ["http://localhost:8080", "http://127.0.0.1:8080"]


def test_web_port_and_configured_sites_are_added():
    env = {"WEB_PORT": "9000", "WEB_ORIGINS": "https://www.example.org, https://chat.example.org/"}
    assert allowed_origins(env, ["https://third.example.org", "https://www.example.org"]) == [
        "http://localhost:9000", "http://127.0.0.1:9000",
        "https://www.example.org", "https://chat.example.org", "https://third.example.org",
    ]


def test_the_channel_keeps_rasas_name_and_reads_its_list_from_credentials():
    channel = WebChatInput.from_credentials({"session_persistence": True, "allowed_origins": ["https://a.example"]})
    assert isinstance(channel, WebChatInput) and channel.name() == "socketio"
    assert channel.session_persistence is True
    assert channel.configured_origins == ("https://a.example",)


class _Recording:
    """Stands in for the socket.io server: keeps what would be emitted."""

    def __init__(self) -> None:
        self.emitted: list = []

    async def emit(self, event, data=None, room=None, **kwargs) -> None:
        self.emitted.append((event, data, room))


def _sent(message: dict) -> list:
    import asyncio

    from channels.socketio import WebChatOutput

    server = _Recording()
    asyncio.run(WebChatOutput(server, "bot_uttered").send_response("room-1", message))
    return [data for _, data, _ in server.emitted]


def test_the_care_list_goes_to_the_page_whole_and_marked():
    from assistant.care_questions import CareQuestion
    from assistant.wording.care_list import care_list

    shown = care_list((CareQuestion("Can I drink coffee?"), CareQuestion("Can I drive?"))).message()
    (sent,) = _sent({**shown, "text": shown["text"].replace("\n", "\n\n", 1)})
    assert sent["care_list"] is True and "1. Can I drink coffee?" in sent["text"]


def test_other_replies_are_split_at_blank_lines_and_not_marked():
    from assistant.wording.care_list import not_added

    sent = _sent({"text": "First part.\n\nSecond part."})
    assert sent == [{"text": "First part."}, {"text": "Second part."}]
    assert "care_list" not in not_added().message()
