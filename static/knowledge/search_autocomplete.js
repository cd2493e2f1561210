// Title suggestions while typing in the library search box: an enhancement only, the
// form works the same without it. Suggestions come from /api/library/autocomplete,
// which only returns titles the reader may see. Choosing one opens that publication.
(function () {
  "use strict";
  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var asked = "";
  var urls = {};
  input.addEventListener("input", function (event) {
    // A suggestion chosen from the list (not typed): go to the publication itself.
    var chosen = !event.inputType || event.inputType === "insertReplacementText";
    if (chosen && urls[input.value]) {
      window.location.assign(urls[input.value]);
      return;
    }
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2 || text === asked) return;
    timer = setTimeout(function () {
      asked = text;
      fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (asked !== text) return;
          urls = {};
          data.results.forEach(function (item) { if (item.url) urls[item.title] = item.url; });
          list.replaceChildren.apply(list, data.results.map(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            return option;
          }));
        })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
})();
