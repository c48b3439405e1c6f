// The finder's 市区町村 field as a WAI-ARIA combobox with a listbox popup
// (APG "editable combobox with list autocomplete"). Without JavaScript the
// field is a plain text input the server answers with candidates; this only
// offers them while typing, from /api/municipalities/lookup/.
(function () {
  "use strict";

  var DELAY_MS = 200;

  function setup(wrapper) {
    var input = wrapper.querySelector("input.js-municipality");
    var url = wrapper.getAttribute("data-lookup-url");
    if (!input || !url) return;
    var form = input.form;
    var kindSelect = form && form.querySelector('select[name="applicant_kind"]');
    var automatic = kindSelect && kindSelect.querySelector('option[value=""]');
    var automaticText = automatic ? automatic.textContent : "";

    var listbox = document.createElement("ul");
    listbox.id = input.id + "-listbox";
    listbox.className = "combobox__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "市区町村の候補");
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var chosen = document.createElement("p");
    chosen.id = input.id + "-chosen";
    chosen.className = "combobox__chosen";
    input.insertAdjacentElement("afterend", listbox);
    listbox.insertAdjacentElement("afterend", status);
    status.insertAdjacentElement("afterend", chosen);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    var describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + chosen.id);

    var results = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function open(isOpen) {
      listbox.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) setActive(-1);
    }

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        var option = listbox.children[index];
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    }

    function render(data) {
      results = data.results || [];
      listbox.textContent = "";
      results.forEach(function (body, i) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = body.label + "（" + body.kind_label + "・" + body.code + "）";
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        listbox.appendChild(option);
      });
      setActive(-1);
      var more = data.total > results.length ? "（全" + data.total + "件のうち" + results.length + "件を表示）" : "";
      status.textContent = results.length
        ? "候補" + data.total + "件" + more + "。上下の矢印キーで選び、Enterで決定します。"
        : data.message || "候補はありません。";
      open(results.length > 0);
    }

    function choose(index) {
      var body = results[index];
      input.value = body.label;
      chosen.textContent =
        "選択中：" + body.label + "（" + body.kind_label + "・" + body.block + "ブロック・地方公共団体コード" + body.code +
        "）。団体区分は2018年4月1日時点（総務省の中核市・施行時特例市の一覧による）。";
      if (automatic) automatic.textContent = "（市区町村から自動で設定：" + body.kind_label + "）";
      status.textContent = body.label + "を選びました。";
      open(false);
    }

    function lookup() {
      var text = input.value.trim();
      if (!text) { open(false); status.textContent = ""; return; }
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (request === latest) render(data); })
        .catch(function () { if (request === latest) open(false); });
    }

    input.addEventListener("input", function () {
      chosen.textContent = "";
      if (automatic) automatic.textContent = automaticText;
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = results.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (listbox.hidden) open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();
          open(false);
        }
      }
    });

    input.addEventListener("blur", function () { open(false); });
  }

  document.querySelectorAll(".municipality-field[data-lookup-url]").forEach(setup);
})();
