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
    var data = payload();
    try { localStorage.setItem(storageKey, JSON.stringify(data)); } catch (e) { /* private mode */ }
    say(form.getAttribute("data-saving") || "…");
    fetch(url, {
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
    });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
})();
