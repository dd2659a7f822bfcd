from runtime.private_logs import RedactingLogger


class Recorder:
    def __init__(self):
        self.calls = []

    def error(self, event, **fields):
        self.calls.append((event, fields))


def test_message_text_is_withheld_but_the_event_kept():
    recorder = Recorder()
    RedactingLogger(recorder).error("rest.message.received.failure", text="my diagnosis is private", sender="x")
    event, fields = recorder.calls[0]
    assert event == "rest.message.received.failure"
    assert fields == {"text": "[23 characters withheld]", "sender": "x"}
