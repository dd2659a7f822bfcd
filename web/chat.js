// The chat on the landing page: a small, accessible client of Rasa's socketio
// channel, over socket.io-client (node_modules, pinned by package-lock.json).
//
// Protocol (rasa/core/channels/socketio.py, session_persistence: true):
//   emit "session_request" {session_id}  ->  "session_confirm" session_id
//   emit "user_uttered" {message, session_id}
//   on   "bot_uttered" {text, quick_replies?: [{title, payload}]}
//        or {text, busy: true, retry_after}: the assistant was too busy to
//        take the message and did nothing with it; it is sent again by itself
//        (up to MAX_BUSY_RETRIES times) after retry_after seconds.
// The session id and the messages are kept in localStorage, so a reload
// shows the conversation and Rasa continues it.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("chat-config").textContent);
  var STORE_KEY = "sarcoma-chat-v1";
  var KEEP_MESSAGES = 200;
  var TYPING_TIMEOUT_MS = 35000;
  var MAX_BUSY_RETRIES = 4;

  var el = {
    launcher: document.getElementById("chat-launcher"),
    panel: document.getElementById("chat-panel"),
    close: document.getElementById("chat-close"),
    log: document.getElementById("chat-log"),
    typing: document.getElementById("chat-typing"),
    form: document.getElementById("chat-form"),
    input: document.getElementById("chat-input"),
    unavailable: document.getElementById("chat-unavailable"),
    busy: document.getElementById("chat-busy"),
    careButton: document.getElementById("chat-care-list"),
    careList: document.getElementById("care-list"),
    careBody: document.getElementById("care-list-body"),
    careStatus: document.getElementById("care-list-status")
  };

  // --- Stored conversation -------------------------------------------------

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_KEY) || "null");
      if (saved && Array.isArray(saved.messages)) { return saved; }
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { sessionId: null, messages: [], open: false };
  }

  var state = load();

  function save() {
    state.messages = state.messages.slice(-KEEP_MESSAGES);
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // --- Rendering (text only: nothing from the server becomes HTML) --------

  function visuallyHidden(text) {
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  // Lines starting with "• " become a real list, and lines starting "1. ",
  // "2. " a numbered one, so screen readers say "list, 4 items"; other
  // lines are paragraphs.
  function renderText(text, into) {
    var list = null;
    text.split("\n").forEach(function (line) {
      var bullet = /^\s*•\s*/.exec(line);
      var number = /^\s*\d+\.\s+/.exec(line);
      var kind = bullet ? "ul" : number ? "ol" : null;
      if (kind) {
        if (!list || list.tagName.toLowerCase() !== kind) {
          list = into.appendChild(document.createElement(kind));
        }
        list.appendChild(document.createElement("li")).textContent = line.slice((bullet || number)[0].length);
      } else if (line.trim()) {
        list = null;
        into.appendChild(document.createElement("p")).textContent = line;
      }
    });
  }

  function renderSuggestions(buttons, into) {
    var group = document.createElement("div");
    group.className = "chat-suggestions";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested questions");
    buttons.forEach(function (button) {
      var b = group.appendChild(document.createElement("button"));
      b.type = "button";
      b.className = "chat-suggestion";
      b.textContent = button.title;
      b.addEventListener("click", function () {
        if (button.payload === config.careListPayload) { openCareList(); return; }
        send(button.payload, button.title);
        el.input.focus();
      });
    });
    into.appendChild(group);
  }

  function renderMessage(message) {
    var item = document.createElement("div");
    item.className = "chat-message chat-message-" + message.from;
    item.appendChild(visuallyHidden(message.from === "bot" ? "Assistant: " : "You: "));
    var body = item.appendChild(document.createElement("div"));
    body.className = "chat-bubble";
    renderText(message.text || "", body);
    if (message.buttons && message.buttons.length) { renderSuggestions(message.buttons, item); }
    el.log.appendChild(item);
    el.log.scrollTop = el.log.scrollHeight;
  }

  function addMessage(message) {
    state.messages.push(message);
    save();
    renderMessage(message);
  }

  var typingTimer = null;
  function showTyping(on) {
    el.typing.hidden = !on;
    window.clearTimeout(typingTimer);
    if (on) { typingTimer = window.setTimeout(function () { showTyping(false); }, TYPING_TIMEOUT_MS); }
  }

  // --- Open and close (a non-modal dialog) ---------------------------------

  function setOpen(open, moveFocus) {
    el.panel.hidden = !open;
    el.launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) {
      el.log.scrollTop = el.log.scrollHeight;
      if (moveFocus) { el.input.focus(); }
    } else if (moveFocus) {
      el.launcher.focus();
    }
  }

  el.launcher.addEventListener("click", function () { setOpen(el.panel.hidden, true); });
  el.close.addEventListener("click", function () { setOpen(false, true); });
  el.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false, true);
    }
  });

  // --- The questions for the care team (a modal dialog) ------------------
  // The button asks the assistant for the list (the conversation keeps it,
  // not the page); its reply fills the dialog as well as the log.

  var awaitingCareList = false;

  function careListStatus(text) { el.careStatus.textContent = text; }

  function openCareList() {
    el.careBody.textContent = "";
    el.careBody.appendChild(document.createElement("p")).textContent = "Getting your questions…";
    careListStatus("");
    if (!el.careList.open) { el.careList.showModal(); }
    awaitingCareList = true;
    send(config.careListPayload, el.careButton.textContent.trim());
  }

  function fillCareList(text) {
    awaitingCareList = false;
    el.careBody.textContent = "";
    renderText(text, el.careBody);
    // How to edit the list is for the screen, not for paper.
    Array.prototype.forEach.call(el.careBody.querySelectorAll("p"), function (p) {
      if (p.textContent === config.careListEditHint) { p.className = "care-list-edit-hint"; }
    });
  }

  function copyCareList() {
    var text = el.careBody.innerText;
    function done() { careListStatus("Copied. You can paste the list into an email or a note."); }
    function byHand() {
      // No clipboard permission: select the list so Ctrl+C copies it.
      var range = document.createRange();
      range.selectNodeContents(el.careBody);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      careListStatus(document.execCommand("copy") ? "Copied." : "The list is selected: press Ctrl+C to copy it.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  }

  el.careButton.addEventListener("click", openCareList);
  document.getElementById("care-list-print").addEventListener("click", function () { window.print(); });
  document.getElementById("care-list-copy").addEventListener("click", copyCareList);
  document.getElementById("care-list-close").addEventListener("click", function () { el.careList.close(); });
  // Escape closes it too (the dialog's own "cancel"); focus goes back to the button.
  el.careList.addEventListener("close", function () { el.careButton.focus(); });

  // --- Connection -----------------------------------------------------------

  var socket = window.io(config.socketUrl, {
    path: config.socketPath,
    // WebSocket first: one connection, so a balancer in front of several
    // Rasa replicas needs no sticky sessions. Long-polling is the fallback
    // where WebSockets are blocked (the cluster's balancer then keeps the
    // page on one replica with a cookie).
    transports: ["websocket", "polling"],
    // Try again every 1-5 s for as long as the page is open.
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000
  });

  function setAvailable(available) {
    el.unavailable.hidden = available;
    el.launcher.classList.toggle("chat-launcher-offline", !available);
    if (!available) { showTyping(false); }
  }

  // The message last sent, kept until an answer comes, so that a "busy"
  // answer can send it again.
  var pending = null;
  var busyTimer = null;

  function emitPending() {
    showTyping(true);
    // socket.io buffers this while disconnected and sends it on reconnect.
    socket.emit("user_uttered", { message: pending.message, session_id: state.sessionId });
  }

  function send(message, shown) {
    window.clearTimeout(busyTimer);
    addMessage({ from: "user", text: shown || message });
    pending = { message: message, retries: 0 };
    emitPending();
  }

  function onBusy(data) {
    if (!pending || pending.retries >= MAX_BUSY_RETRIES) {
      el.busy.hidden = true;
      addMessage({ from: "bot", text: data.text || "", buttons: [] });
      pending = null;
      return;
    }
    pending.retries += 1;
    el.busy.hidden = false;
    window.clearTimeout(busyTimer);
    // A little later than asked, by chance: pages told "busy" at the same
    // moment don't all come back at the same moment.
    busyTimer = window.setTimeout(emitPending, 1000 * (Number(data.retry_after) || 2) * (1 + Math.random() / 2));
  }

  socket.on("connect", function () {
    setAvailable(true);
    // Every (re)connection joins the conversation's room again.
    socket.emit("session_request", { session_id: state.sessionId });
  });
  socket.on("session_confirm", function (sessionId) {
    var isNew = state.sessionId !== sessionId;
    state.sessionId = sessionId;
    save();
    // The first message of a new conversation makes Rasa send the welcome,
    // the disclaimer and suggested questions (action_session_start).
    if (isNew && state.messages.length === 0) {
      pending = { message: config.initPayload, retries: 0 };
      emitPending();
    }
  });
  socket.on("bot_uttered", function (data) {
    showTyping(false);
    if (data.busy) { onBusy(data); return; }
    pending = null;
    el.busy.hidden = true;
    // Only the list itself fills the dialog: the rest of a reply to an
    // earlier question may still arrive after the button was pressed.
    if (awaitingCareList && data.care_list) { fillCareList(data.text || ""); }
    var buttons = data.quick_replies || data.buttons || [];
    addMessage({
      from: "bot",
      text: data.text || "",
      buttons: buttons.map(function (b) { return { title: b.title, payload: b.payload }; })
    });
  });
  socket.on("connect_error", function () { setAvailable(false); });
  socket.on("disconnect", function (reason) {
    setAvailable(false);
    // The server closed the connection on purpose: socket.io won't retry.
    if (reason === "io server disconnect") { socket.connect(); }
  });

  el.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el.input.value.trim();
    if (!text) { return; }
    el.input.value = "";
    send(text);
  });

  // Show the stored conversation, and reopen the chat if it was open.
  state.messages.forEach(renderMessage);
  setOpen(Boolean(state.open), false);
})();
