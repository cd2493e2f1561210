// Live updates for a thread page. The page works without this: it only inserts
// posts pushed over the websocket and resumes after a dropped connection.
(function () {
  "use strict";
  var posts = document.querySelector("[data-thread-socket]");
  if (!posts || !window.WebSocket) return;
  var lastEvent = parseInt(posts.getAttribute("data-last-event"), 10) || 0;
  var presence = document.querySelector("[data-presence]");
  var presenceAt = 0;
  var lockedNotice = document.querySelector("[data-thread-locked]");
  var retryDelay = 1000;

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function place(postId, html) {
    var existing = document.getElementById("post-" + postId);
    var element = fragment(html);
    if (existing) existing.replaceWith(element);
    else posts.appendChild(element);
  }

  function removePost(postId) {
    var existing = document.getElementById("post-" + postId);
    if (existing) existing.remove();
  }

  function handle(message) {
    if (message.event_id) lastEvent = Math.max(lastEvent, message.event_id);
    switch (message.type) {
      case "post.new":
      case "post.edited":
      case "post.restored":
        if (message.html) place(message.post_id, message.html);
        break;
      case "post.hidden":
        if (message.html) place(message.post_id, message.html);
        else removePost(message.post_id);
        break;
      case "post.deleted":
        removePost(message.post_id);
        break;
      case "thread.locked":
        if (lockedNotice) lockedNotice.hidden = false;
        break;
      case "thread.unlocked":
        if (lockedNotice) lockedNotice.hidden = true;
        break;
      case "presence":
        // Counts can cross on the way from two server processes: keep the newest read.
        if ((message.at || 0) < presenceAt) break;
        presenceAt = message.at || 0;
        if (presence) presence.textContent = presence.dataset.template
          ? presence.dataset.template.replace("%n", message.reading)
          : message.reading + " reading";
        break;
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + posts.getAttribute("data-thread-socket"));
    socket.onopen = function () {
      retryDelay = 1000;
      socket.send(JSON.stringify({ type: "resume", after: lastEvent }));
    };
    socket.onmessage = function (event) {
      try { handle(JSON.parse(event.data)); } catch (error) { /* ignore a bad frame */ }
    };
    socket.onclose = function (event) {
      // 4403/4404: no longer allowed, or gone; do not retry.
      if (event.code === 4403 || event.code === 4404) return;
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    };
  }
  connect();
})();
