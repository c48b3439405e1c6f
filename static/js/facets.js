// Progressive enhancement for the facet form. Without JavaScript the form is
// an ordinary GET form; with it, a change refreshes the results in place,
// keeps the URL shareable, and long facets get a filter box.
(function () {
  "use strict";

  function addFilterBoxes(root) {
    root.querySelectorAll(".facet").forEach(function (facet) {
      var labels = facet.querySelectorAll("label");
      if (labels.length <= 10 || facet.querySelector(".facet__filter")) return;
      var legend = facet.querySelector("legend").textContent;
      var id = facet.id + "-filter";
      var wrap = document.createElement("p");
      wrap.className = "facet__filter";
      wrap.innerHTML = '<label for="' + id + '">' + legend + 'を絞り込む</label><input type="text" id="' + id + '" autocomplete="off">';
      facet.insertBefore(wrap, facet.querySelector("ul"));
      var details = facet.querySelector("details");
      wrap.querySelector("input").addEventListener("input", function (event) {
        var text = event.target.value.trim().normalize("NFKC").toLowerCase();
        if (details && text) details.open = true;
        labels.forEach(function (label) {
          if (label.closest(".facet__filter")) return;
          var match = label.textContent.normalize("NFKC").toLowerCase().indexOf(text) !== -1;
          label.parentElement.hidden = !match;
        });
      });
    });
  }

  function refresh(form, url, push) {
    var listing = form.closest(".listing");
    listing.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".listing");
        if (!fresh) { window.location.href = url; return; }
        var focusedName = document.activeElement && document.activeElement.name;
        var focusedValue = document.activeElement && document.activeElement.value;
        listing.replaceWith(fresh);
        var status = document.querySelector("[data-listing-status]");
        if (status) status.textContent = fresh.querySelector("#results-heading").textContent;
        if (push) history.pushState({}, "", url);
        shown = url;
        init(fresh);
        if (focusedName) {
          var again = fresh.querySelector('[name="' + focusedName + '"][value="' + CSS.escape(focusedValue) + '"]');
          if (again) again.focus();
        }
      })
      .catch(function () { window.location.href = url; });
  }

  function init(root) {
    var form = root.querySelector("[data-facet-form]");
    if (!form) return;
    addFilterBoxes(root);
    form.addEventListener("change", function (event) {
      if (event.target.matches('input[type="checkbox"], select')) {
        // action="" resolves to the current URL, fragment included (#main after the skip link).
        var url = form.action.split(/[?#]/)[0] + "?" + new URLSearchParams(new FormData(form)).toString();
        refresh(form, url, true);
      }
    });
  }

  function withoutFragment(href) { return href.split("#")[0]; }

  // Following an in-page link (the skip link to #main) also fires popstate;
  // only a change of the query means other results.
  var shown = withoutFragment(window.location.href);
  document.querySelectorAll(".listing").forEach(init);
  window.addEventListener("popstate", function () {
    var form = document.querySelector("[data-facet-form]");
    var url = withoutFragment(window.location.href);
    if (!form || url === shown) return;
    shown = url;
    refresh(form, url, false);
  });
})();
