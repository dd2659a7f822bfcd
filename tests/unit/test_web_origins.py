"""The web chat's allowed origins (channels/socketio.py)."""

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
