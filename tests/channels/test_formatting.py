"""Splitting long answers and buttons as text (channels/formatting.py)."""

from channels.formatting import (
    TELEGRAM_MAX_CHARS,
    NumberedChoices,
    fits_telegram_callback,
    numbered_buttons,
    split_message,
)

BUTTONS = [{"title": "Side effects", "payload": "/ask_side_effects"},
           {"title": "Where is this from?", "payload": "/ask_source"}]


def test_short_text_is_one_part():
    assert split_message("one line\n• two", 4096) == ["one line\n• two"]
    assert split_message("   ", 10) == []


def test_long_text_splits_at_line_breaks_and_loses_nothing():
    lines = [f"• bullet number {i} about a side effect" for i in range(300)]
    text = "\n".join(lines)
    parts = split_message(text, TELEGRAM_MAX_CHARS)
    assert len(parts) > 1
    assert all(len(p) <= TELEGRAM_MAX_CHARS for p in parts)
    # every part ends at a line boundary: rejoining gives the original text
    assert "\n".join(parts) == text
    assert all(p.split("\n")[0].startswith("• ") for p in parts)


def test_a_line_longer_than_the_limit_splits_between_words():
    text = " ".join(["word"] * 50)  # 249 characters
    parts = split_message(text, 40)
    assert all(len(p) <= 40 for p in parts)
    assert " ".join(parts).split() == text.split()


def test_a_word_longer_than_the_limit_is_cut():
    parts = split_message("x" * 25, 10)
    assert parts == ["x" * 10, "x" * 10, "x" * 5]


def test_buttons_as_a_numbered_list_and_reply_by_number():
    text = numbered_buttons("Pick one:", BUTTONS)
    assert text.startswith("Pick one:\n1. Side effects\n2. Where is this from?")
    choices = NumberedChoices()
    choices.offer("chat-1", BUTTONS)
    assert choices.resolve("chat-1", "2") == "/ask_source"
    assert choices.resolve("chat-1", " 1. ") == "/ask_side_effects"
    assert choices.resolve("chat-1", "3") == "3"          # no such option
    assert choices.resolve("chat-2", "1") == "1"          # another conversation
    assert choices.resolve("chat-1", "side effects of votrient") == "side effects of votrient"


def test_choices_are_bounded():
    choices = NumberedChoices(max_conversations=2)
    for chat in ("a", "b", "c"):
        choices.offer(chat, BUTTONS)
    assert choices.resolve("a", "1") == "1"
    assert choices.resolve("c", "1") == "/ask_side_effects"


def test_telegram_callback_data_limit():
    assert fits_telegram_callback([{"title": "t", "payload": '/ask_drug_administration{"drug": "imatinib"}'}])
    assert not fits_telegram_callback([{"title": "t", "payload": "/" + "x" * 64}])
