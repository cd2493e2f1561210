// Live agenda on a meeting page. The page is correct without this (it shows the state
// when loaded); this only marks the current item and updates outcome notes as the
// secretariat changes them, reconnecting after a dropped connection.
(function () {
  "use strict";
  var agenda = document.querySelector("[data-live-agenda]");
  if (!agenda || !agenda.dataset.liveAgenda || !window.WebSocket) return;
  var retryDelay = 1000;

  function setText(element, text) {
    // Outcome notes are plain text: lines become <br>, nothing is parsed as HTML.
    element.textContent = "";
    text.split("\n").forEach(function (line, index) {
      if (index) element.appendChild(document.createElement("br"));
      element.appendChild(document.createTextNode(line));
    });
  }

  function apply(state) {
    (state.items || []).forEach(function (item) {
      var row = agenda.querySelector('[data-agenda-item="' + item.id + '"]');
      if (!row) return;
      var current = item.id === state.current_item;
      row.classList.toggle("agenda__item--current", current);
      if (current) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
      var now = row.querySelector("[data-agenda-now]");
      if (now) now.hidden = !current;
      var outcome = row.querySelector("[data-agenda-outcome]");
      var outcomeText = row.querySelector("[data-agenda-outcome-text]");
      if (outcome && outcomeText) {
        setText(outcomeText, item.outcome || "");
        outcome.hidden = !item.outcome;
      }
    });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + agenda.dataset.liveAgenda);
    socket.onopen = function () { retryDelay = 1000; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "agenda") apply(message);
    };
    socket.onclose = function (event) {
      // 4403/4404: not allowed (any more); reloading shows the visitor why.
      if (event.code === 4403 || event.code === 4404) return;
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    };
  }

  connect();
})();
