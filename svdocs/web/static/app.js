// svdocs web: the little script the pages need (upload, progress, findings, decisions).
// Plain JavaScript, no framework, nothing loaded from elsewhere.
"use strict";

(function () {
  const csrf = document.body.dataset.csrf || "";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.from((root || document).querySelectorAll(sel)); }

  // ------------------------------------------------------------------ upload
  const form = $("#upload-form");
  if (form) {
    const input = $("#file-input");
    const drop = $("#drop");
    const chosen = $("#chosen");
    const errors = $("#upload-errors");
    const busy = $("#busy");
    const bar = $("#upload-progress");
    let files = [];

    function show() {
      chosen.textContent = "";
      for (const f of files) {
        const li = document.createElement("li");
        const name = document.createElement("span");
        name.textContent = f.name;
        const size = document.createElement("span");
        size.className = "muted";
        size.textContent = f.size > 1048576 ? (f.size / 1048576).toFixed(1) + " MB"
          : Math.max(1, Math.round(f.size / 1024)) + " KB";
        li.append(name, size);
        chosen.append(li);
      }
    }
    input.addEventListener("change", () => { files = Array.from(input.files); show(); });
    ["dragenter", "dragover"].forEach((ev) => drop.addEventListener(ev, (e) => {
      e.preventDefault(); drop.classList.add("over");
    }));
    ["dragleave", "drop"].forEach((ev) => drop.addEventListener(ev, (e) => {
      e.preventDefault(); drop.classList.remove("over");
    }));
    drop.addEventListener("drop", (e) => {
      files = Array.from(e.dataTransfer.files); show();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!files.length) { showErrors(["Choose or drop at least one document."]); return; }
      const data = new FormData();
      for (const f of files) data.append("file", f, f.name);
      data.append("scope", $("#scope").value);
      data.append("csrf_token", csrf);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/reviews");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", (ev) => {
        if (ev.lengthComputable) { bar.max = ev.total; bar.value = ev.loaded; }
        if (ev.loaded === ev.total) { $("#busy-text").textContent = "Reading the documents…"; bar.removeAttribute("value"); }
      });
      xhr.addEventListener("load", () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
        if (xhr.status < 300 && body.url) { window.location.assign(body.url); return; }
        busy.hidden = true;
        $("#upload-button").disabled = false;
        showErrors(body.errors || [body.error || ("The server answered " + xhr.status)]);
      });
      xhr.addEventListener("error", () => {
        busy.hidden = true; $("#upload-button").disabled = false;
        showErrors(["The upload did not reach the server. Check the connection and try again."]);
      });
      errors.hidden = true;
      busy.hidden = false;
      $("#busy-text").textContent = "Uploading " + files.length + " document" + (files.length > 1 ? "s" : "") + "…";
      $("#upload-button").disabled = true;
      xhr.send(data);
    });
    function showErrors(lines) {
      const ul = $("ul", errors);
      ul.textContent = "";
      for (const line of lines) { const li = document.createElement("li"); li.textContent = line; ul.append(li); }
      errors.hidden = false;
    }
  }

  // ------------------------------------------------------------------ progress
  const progress = $("#progress");
  if (progress) {
    const url = progress.dataset.statusUrl;
    const poll = () => fetch(url, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((s) => {
        if (s.status === "done" || s.status === "failed") { window.location.reload(); return; }
        if (s.progress) {
          const bar = $("#progress-bar");
          bar.max = Math.max(1, s.progress.total); bar.value = s.progress.done;
          $("#progress-text").textContent = s.progress.done + " of " + s.progress.total +
            " documents done" + (s.progress.current ? " · now reading " + s.progress.current : "");
        }
        setTimeout(poll, 700);
      })
      .catch(() => setTimeout(poll, 2000));
    setTimeout(poll, 400);
  }

  // ------------------------------------------------------------------ findings
  const list = $("#findings");
  const grid = $(".review-grid");
  if (list && grid) {
    const reviewId = grid.dataset.review;
    const cards = $all(".card", list);
    const marks = $all("mark.f");

    function select(id, scroll) {
      cards.forEach((c) => c.classList.toggle("active", c.id === id));
      marks.forEach((m) => m.classList.toggle("active", m.dataset.f.split(" ").includes(id)));
      const mark = marks.find((m) => m.dataset.f.split(" ").includes(id));
      if (scroll && mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    cards.forEach((card) => card.addEventListener("click", (e) => {
      if (e.target.closest("form, button, a, textarea")) return;
      select(card.classList.contains("active") ? null : card.id, true);
    }));
    marks.forEach((m) => m.addEventListener("click", () => {
      const visible = m.dataset.f.split(" ").find((id) => !$("#" + id).hidden);
      if (!visible) return;
      select(visible, false);
      $("#" + visible).scrollIntoView({ block: "nearest", behavior: "smooth" });
    }));

    const filters = $all("[data-filter]");
    function applyFilters() {
      let shown = 0;
      cards.forEach((card) => {
        const ok = filters.every((f) => !f.value || card.dataset[f.dataset.filter] === f.value);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      marks.forEach((m) => {
        const ids = m.dataset.f.split(" ");
        const anyShown = ids.some((id) => !$("#" + id).hidden);
        const allDone = ids.every((id) => $("#" + id).dataset.state !== "open");
        m.classList.toggle("hidden", !anyShown);
        m.classList.toggle("done", allDone);
        const sev = ids.map((id) => $("#" + id).dataset.severity);
        m.classList.toggle("m-error", sev.includes("error"));
        m.classList.toggle("m-info", !sev.includes("error") && !sev.includes("warning"));
      });
      const none = $("#none-shown");
      if (none) none.hidden = shown > 0 || !cards.length;
    }
    filters.forEach((f) => f.addEventListener("change", applyFilters));
    applyFilters();

    // decisions
    function reviewer() {
      return new Promise((resolve) => {
        const known = window.localStorage.getItem("svdocs-reviewer");
        if (known) { resolve(known); return; }
        const dialog = $("#name-dialog");
        const field = $("#reviewer-name");
        dialog.addEventListener("close", function once() {
          dialog.removeEventListener("close", once);
          const name = field.value.trim();
          if (dialog.returnValue === "ok" && name) {
            window.localStorage.setItem("svdocs-reviewer", name);
            resolve(name);
          } else { resolve(null); }
        });
        dialog.showModal();
        field.focus();
      });
    }
    const labels = { open: "open", dismiss: "dismissed", accept: "accepted" };
    function count() {
      const n = { open: 0, dismiss: 0, accept: 0 };
      cards.forEach((c) => { n[c.dataset.state] += 1; });
      for (const k of Object.keys(n)) { const el = $("#count-" + k); if (el) el.textContent = n[k]; }
    }
    $all("[data-decision]").forEach((dform) => {
      const card = dform.closest(".card");
      const err = $("[data-error]", dform);
      $all("[data-action]", dform).forEach((btn) => btn.addEventListener("click", async () => {
        const action = btn.dataset.action;
        const reason = $("textarea", dform).value.trim();
        err.hidden = true;
        if (action === "dismiss" && !reason) {
          err.textContent = "Give a reason for dismissing this finding."; err.hidden = false;
          $("textarea", dform).focus();
          return;
        }
        const name = await reviewer();
        if (!name) return;
        const body = new FormData();
        body.append("document_id", card.dataset.doc);
        body.append("fingerprint", card.dataset.fingerprint);
        body.append("action", action);
        body.append("reason", reason);
        body.append("reviewer", name);
        body.append("csrf_token", csrf);
        const r = await fetch("/reviews/" + reviewId + "/decisions", {
          method: "POST", body: body, headers: { Accept: "application/json", "X-CSRF-Token": csrf },
        });
        const data = await r.json().catch(() => ({}));
        if (!r.ok) { err.textContent = data.error || ("The server answered " + r.status); err.hidden = false; return; }
        const state = data.action === "reopen" ? "open" : data.action;
        card.dataset.state = state;
        card.classList.remove("st-open", "st-dismiss", "st-accept");
        card.classList.add("st-" + state);
        const badge = $("[data-state-badge]", card);
        badge.className = "badge state-" + state;
        badge.textContent = labels[state];
        const decided = $("[data-decided]", card);
        decided.textContent = "";
        if (state !== "open") {
          const b = document.createElement("b");
          b.textContent = state === "dismiss" ? "Dismissed" : "Accepted";
          decided.append(b, " by " + data.reviewer + " just now" + (data.reason ? ": \u201c" + data.reason + "\u201d" : ""));
        }
        count();
        applyFilters();
      }));
    });
  }

  // ------------------------------------------------------------------ small things
  $all("[data-copy]").forEach((btn) => btn.addEventListener("click", () => {
    const text = $("#" + btn.dataset.copy).textContent;
    const done = () => { const old = btn.textContent; btn.textContent = "Copied"; setTimeout(() => { btn.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallback(text, done));
    } else { fallback(text, done); }
  }));
  function fallback(text, done) {
    const area = document.createElement("textarea");
    area.value = text; document.body.append(area); area.select();
    try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }
  $all("form[data-confirm]").forEach((f) => f.addEventListener("submit", (e) => {
    if (!window.confirm(f.dataset.confirm)) e.preventDefault();
  }));
  $all("input.auto-submit").forEach((i) => i.addEventListener("change", () => {
    if (i.files.length) i.form.submit();
  }));
  $all("[data-tab]").forEach((tab) => tab.addEventListener("click", () => {
    $all("[data-tab]").forEach((t) => t.classList.toggle("current", t === tab));
  }));
})();
