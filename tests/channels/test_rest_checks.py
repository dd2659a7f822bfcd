"""The REST channel's input checks, without a server."""

import json

import pytest

from channels.rest import MAX_MESSAGE_CHARS, Rejection, check_request


def body(payload) -> bytes:
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    "raw,status",
    [
        (b"{not json", 400),
        (b"\xff\xfe\x00garbage", 400),
        (body(["a", "list"]), 400),
        (body({"message": "hi"}), 400),
        (body({"sender": "", "message": "hi"}), 400),
        (body({"sender": "   ", "message": "hi"}), 400),
        (body({"sender": 42, "message": "hi"}), 400),
        (body({"sender": "u1"}), 400),
        (body({"sender": "u1", "message": 12}), 400),
        (body({"sender": "u1", "message": None}), 400),
        (body({"sender": "u1", "message": {"text": "hi"}}), 400),
        (body({"sender": "u1", "message": "   \n\t "}), 400),
        (body({"sender": "u1", "message": "\x00\x07\x1b"}), 400),
        (body({"sender": "u1", "message": "x" * (MAX_MESSAGE_CHARS + 1)}), 413),
    ],
)
def test_bad_requests_are_refused_with_a_clear_reason(raw, status):
    checked = check_request(raw)
    assert isinstance(checked, Rejection) and checked.status == status and checked.error


def test_good_request_is_cleaned():
    checked = check_request(body({"sender": " u1 ", "message": "how is\x00 votrient\x07 taken?\n", "metadata": {"a": 1}}))
    assert checked["sender"] == "u1" and checked["message"] == "how is votrient taken?"
    assert checked["metadata"] == {"a": 1}


def test_emoji_and_other_scripts_are_accepted():
    for text in ("😀😀", "что такое votrient 你好", "¿cómo se toma gleevec?"):
        assert check_request(body({"sender": "u1", "message": text}))["message"] == text
