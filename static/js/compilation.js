/* Follows a compilation until it is done or failed, without reloading the page. */
(function () {
  "use strict";
  const box = document.getElementById("compilation-status");
  if (!box || box.dataset.finished === "1") return;
  const label = document.getElementById("status-label");
  const bar = document.getElementById("status-bar");
  const error = document.getElementById("status-error");
  async function poll() {
    let data = null;
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
      data = response.ok ? await response.json() : null;
    } catch (e) { data = null; }
    if (data) {
      label.textContent = data.status_label;
      bar.style.width = `${data.progress}%`;
      bar.textContent = `${data.progress}%`;
      bar.parentElement.setAttribute("aria-valuenow", data.progress);
      error.textContent = data.error;
      error.classList.toggle("d-none", !data.error);
      if (data.finished) { window.location.reload(); return; }
    }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 1000);
})();
