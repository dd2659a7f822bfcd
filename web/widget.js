// Starts the rasa-webchat widget (window.WebChat, from node_modules) against
// Rasa's socketio channel. The server fills in #widget-config.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("widget-config").textContent);
  window.WebChat.default({
    selector: "#webchat",
    socketUrl: config.socketUrl,
    socketPath: config.socketPath,
    // Sent (hidden) once per new conversation. Its first message makes Rasa
    // run action_session_start: the welcome, the full disclaimer and
    // suggested questions. ("/session_start" would run it twice on a new
    // conversation in Rasa 3.6, so the welcome would show twice.)
    initPayload: "/greet",
    customData: { language: "en" },
    // Keep the conversation (session id and messages) across page reloads;
    // credentials.yml has session_persistence: true for the socketio channel.
    params: { storage: "local" },
    title: "Targeted therapy questions",
    subtitle: "General information, not medical advice",
    inputTextFieldHint: "Ask a question, e.g. how is Votrient taken?",
    showMessageDate: false,
    hideWhenNotConnected: false,
    connectingText: "Connecting to the assistant…"
  }, null);
})();
