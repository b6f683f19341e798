// Progressive additions: Markdown preview (rendered by the server) and a
// question before leaving a changed form. Without JavaScript every page
// still works; only the preview is missing.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("item");
  if (!form) return;
  const csrf = form.querySelector("input[name=csrf]").value;
  for (const button of form.querySelectorAll("button.preview")) {
    button.addEventListener("click", async () => {
      const name = button.dataset.for;
      const area = document.getElementById(name);
      const out = document.getElementById("preview-" + name);
      const body = new URLSearchParams({ text: area.value, csrf: csrf });
      const resp = await fetch("/preview", { method: "POST", body: body });
      out.innerHTML = resp.ok ? await resp.text() : "";
    });
  }
  let changed = false;
  form.addEventListener("input", () => { changed = true; });
  form.addEventListener("submit", () => { changed = false; });
  window.addEventListener("beforeunload", (e) => { if (changed) e.preventDefault(); });
});
