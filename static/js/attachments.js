/* Reference texts attached in place, inside their files item, without leaving the question page.
 *
 * - Attaching sends the item's own form with XMLHttpRequest (whose upload reports progress), shows the
 *   progress, then replaces the item's list with the server's; a refusal is shown beside the field
 *   concerned and the chosen file stays chosen.
 * - Removing likewise replaces the list in place.
 * - The answer form is untouched, so its unsaved text stays, and the page never navigates (no "Leave
 *   site?" prompt). Without JavaScript the same forms post normally.
 */
(function () {
  "use strict";
  const removeForm = document.getElementById("attachment-remove");

  function failure(xhrOrResponse, payload) {
    if (payload && payload.error) return payload.error;
    if (xhrOrResponse && String(xhrOrResponse.responseURL || xhrOrResponse.url || "").includes("/accounts/login/")) {
      return gettext("You have been signed out. Sign in again in another tab, then try again.");
    }
    if (!xhrOrResponse || !xhrOrResponse.status) return gettext("No connection: try again.");
    return interpolate(gettext("The server answered %s: try again."), [xhrOrResponse.status]);
  }

  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  // Attaching and removing make a new revision of the answer; a page still on the revision that came
  // before moves on with it, so that its next autosave is not refused as someone else's edit.
  function followRevision(payload) {
    const revision = document.querySelector("#answer-form input[name=revision]");
    if (revision && Number(revision.value) === payload.based_on) revision.value = payload.revision;
  }

  function replaceList(itemPk, html) {
    const list = document.getElementById(`attachments-${itemPk}`);
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    if (list && template.content.firstElementChild) list.replaceWith(template.content.firstElementChild);
  }

  function setup(box) {
    const attachForm = document.getElementById(box.dataset.attachForm);
    if (!attachForm) return;
    const progress = box.querySelector(".attach-progress");
    const status = box.querySelector(".attach-status");
    const general = box.querySelector(".attach-errors");
    const button = box.querySelector("button[form]");

    function say(text, kind) {
      status.textContent = text;
      status.className = "attach-status small " + (kind === "error" ? "text-danger fw-semibold" : "text-success");
    }

    function clearErrors() {
      general.hidden = true;
      general.textContent = "";
      box.querySelectorAll(".is-invalid").forEach((element) => {
        element.classList.remove("is-invalid");
        element.removeAttribute("aria-invalid");
      });
      box.querySelectorAll(".invalid-feedback").forEach((element) => element.remove());
    }

    function showErrors(fields) {
      Object.entries(fields || {}).forEach(([name, messages]) => {
        const input = Array.from(attachForm.elements).find((element) => element.name === name && element.type !== "hidden");
        if (!input) {
          messages.forEach((message) => {
            const line = document.createElement("p");
            line.className = "mb-1 fw-semibold";
            line.textContent = message;
            general.append(line);
          });
          general.hidden = false;
          return;
        }
        const feedback = document.createElement("div");
        feedback.id = `${input.id}_error`;
        feedback.className = "invalid-feedback d-block";
        feedback.textContent = messages.join(" ");
        input.classList.add("is-invalid");
        input.setAttribute("aria-invalid", "true");
        const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== feedback.id);
        input.setAttribute("aria-describedby", [...described, feedback.id].join(" "));
        input.after(feedback);
      });
    }

    attachForm.addEventListener("submit", (event) => {
      event.preventDefault();
      clearErrors();
      const request = new XMLHttpRequest();
      request.open("POST", attachForm.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", (progressEvent) => {
        if (progressEvent.lengthComputable) {
          progress.value = Math.round((progressEvent.loaded / progressEvent.total) * 100);
          say(interpolate(gettext("Uploading… %s%"), [progress.value]), "ok");
        }
      });
      request.addEventListener("loadend", () => {
        progress.hidden = true;
        button.disabled = false;
        const payload = parse(request.responseText);
        if (request.status === 201 && payload && payload.html) {
          replaceList(box.dataset.itemPk, payload.html);
          followRevision(payload);
          box.querySelectorAll("input[type=text], input[type=url], input[type=file]").forEach((input) => { input.value = ""; });
          say(payload.message, "ok");
          return;
        }
        if (request.status === 400 && payload && payload.fields) showErrors(payload.fields);
        say(failure(request, payload), "error");
      });
      progress.value = 0;
      progress.hidden = false;
      button.disabled = true;
      say(gettext("Uploading…"), "ok");
      request.send(new FormData(attachForm));
    });
  }

  document.querySelectorAll(".attach-box[data-attach-form]").forEach(setup);

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-remove-attachment]");
    if (!button || !removeForm) return;
    event.preventDefault();
    const box = button.closest("[id^='item-']") && button.closest("[id^='item-']").querySelector(".attach-box");
    const status = box && box.querySelector(".attach-status");
    const itemPk = box && box.dataset.itemPk;
    button.disabled = true;
    let response = null;
    let payload = null;
    try {
      response = await fetch(button.formAction, {
        method: "POST", body: new FormData(removeForm), credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      payload = await response.json().catch(() => null);
    } catch (e) {
      response = null;
    }
    if (response && response.ok && payload && payload.html) {
      replaceList(itemPk, payload.html);
      followRevision(payload);
      if (status) { status.textContent = payload.message; status.className = "attach-status small text-success"; }
      return;
    }
    button.disabled = false;
    if (status) { status.textContent = failure(response, payload); status.className = "attach-status small text-danger fw-semibold"; }
  });
})();
