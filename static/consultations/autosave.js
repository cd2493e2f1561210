// Autosave for consultation input: posts the form as JSON a few seconds after typing
// stops, keeps a copy in localStorage for a dropped connection, and never overwrites
// a colleague's newer save (the server answers 409 and the page says so).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.JSON) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector(".autosave-status");
  var versionField = form.querySelector("input[name=version]");
  var storageKey = "consultation-draft:" + url;
  var timer = null;
  // The save in flight, if any. The form's own submit waits for it: otherwise the form
  // would post the version the page was loaded with and conflict with our own autosave.
  var inFlight = null;
  var submitting = false;

  function say(text) { if (status) { status.textContent = text; } }

  function payload() {
    var data = { version: parseInt(versionField.value, 10), comments: {}, answers: {} };
    var checked = form.querySelector("input[name=confidentiality]:checked");
    if (checked) { data.confidentiality = checked.value; }
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), function (field) {
      var name = field.name, dash = name.indexOf("-");
      var prefix = name.slice(0, dash), key = name.slice(dash + 1);
      if (prefix === "answer") { data.answers[key] = field.value; return; }
      data.comments[key] = data.comments[key] || { text: "", suggestion: "" };
      data.comments[key][prefix === "comment" ? "text" : "suggestion"] = field.value;
    });
    return data;
  }

  function save() {
    timer = null;
    var data = payload();
    try { localStorage.setItem(storageKey, JSON.stringify(data)); } catch (e) { /* private mode */ }
    say(form.getAttribute("data-saving") || "…");
    inFlight = fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value
      },
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 200) {
        versionField.value = result.body.version;
        try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
        say("✓ " + new Date(result.body.saved_at).toLocaleTimeString());
      } else {
        // Conflict, deadline or signed out: the text stays in the form; the reason is shown.
        say(result.body.reason || String(result.status));
      }
    }).catch(function () {
      say("⚠ offline: your text is kept in this browser");
    }).then(function () { inFlight = null; });
    return inFlight;
  }

  // A copy left behind by a save that never reached the server (connection dropped,
  // tab closed): put it back into the fields and save it. It carries the version it was
  // typed against, so a colleague's newer save still produces a conflict, not an overwrite.
  function restoreUnsavedCopy() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept !== "object") { return; }
    var restored = false;
    function put(name, value) {
      var field = form.querySelector("textarea[name='" + name + "']");
      if (field && typeof value === "string" && value && field.value !== value) {
        field.value = value;
        restored = true;
      }
    }
    Object.keys(kept.comments || {}).forEach(function (anchor) {
      put("comment-" + anchor, kept.comments[anchor].text);
      put("suggestion-" + anchor, kept.comments[anchor].suggestion);
    });
    Object.keys(kept.answers || {}).forEach(function (id) { put("answer-" + id, kept.answers[id]); });
    if (restored) {
      if (typeof kept.version === "number") { versionField.value = kept.version; }
      say(form.getAttribute("data-restored") || "");
      save();
    } else {
      try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
    }
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });

  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    timer = null;
    // The form post carries the text itself; a stale copy must not come back over it.
    try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
    if (!inFlight || submitting) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    inFlight.then(function () {
      submitting = true;
      if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
    });
  });

  restoreUnsavedCopy();
})();
