/* Answering a question without ever losing work.
 *
 * - Long-text fields get a small formatting toolbar (bold, italic, lists, links); the HTML is kept in
 *   the original textarea, which is what the form sends (the server sanitises it).
 * - Every change is copied to this browser's localStorage at once, and saved to the server after a
 *   short pause ("autosave"); the copy is dropped only when the server has confirmed the save.
 * - A save from an outdated revision is refused by the server (409); the page then says so and keeps
 *   the text, and the Save button shows both versions.
 * - Values the server refuses (400) are named in the status and marked beside their field; autosave
 *   then waits until one of those fields changes instead of retrying the same values.
 * - After a Save with errors, the error summary at the top is focused; its links focus their field.
 * - Leaving the page with unsaved changes asks for confirmation.
 */
(function () {
  "use strict";
  const form = document.getElementById("answer-form");
  if (!form) return;

  const status = document.getElementById("save-status");
  const revisionInput = form.querySelector("input[name=revision]");
  const storageKey = form.dataset.storageKey;
  const AUTOSAVE_DELAY_MS = 1500;
  const RETRY_DELAY_MS = 20000;
  let dirty = false;
  let timer = null;
  let saving = false;
  let changedWhileSaving = false;
  let blocked = false; // after a conflict, autosave stops until the user saves with the button
  const invalid = new Map(); // field name → the value the server refused; autosave waits for one to change

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "small ms-2 " + (kind === "error" ? "text-danger fw-semibold" : kind === "warn" ? "text-warning-emphasis fw-semibold" : "text-success");
  }

  function fieldValues() {
    const values = {};
    for (const element of form.elements) {
      if (!element.name || element.name === "csrfmiddlewaretoken" || element.name === "revision") continue;
      if (element.type === "radio") {
        if (element.checked) values[element.name] = element.value;
        else if (!(element.name in values)) values[element.name] = "";
      } else if (element.type === "checkbox") {
        values[element.name] = values[element.name] || [];
        if (element.checked) values[element.name].push(element.value);
      } else if (element.tagName === "TEXTAREA" || element.tagName === "SELECT" || element.type === "text" || element.type === "number") {
        values[element.name] = element.value;
      }
    }
    return values;
  }

  function applyValues(values) {
    for (const [name, value] of Object.entries(values)) {
      const elements = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
      elements.forEach((element) => {
        if (element.type === "radio") element.checked = element.value === value;
        else if (element.type === "checkbox") element.checked = Array.isArray(value) && value.includes(element.value);
        else {
          element.value = value;
          if (element.richEditor) element.richEditor.innerHTML = value;
        }
      });
    }
  }

  function storeLocalCopy(submitted) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        revision: revisionInput.value, values: fieldValues(), at: Date.now(), submitted: Boolean(submitted),
      }));
    } catch (e) {
      setStatus(gettext("This browser cannot keep a copy; save often."), "warn");
    }
  }

  function dropLocalCopy() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* storage unavailable */ }
  }

  function controlsOf(name) {
    return Array.from(form.querySelectorAll(`[name="${CSS.escape(name)}"]`)).filter((element) => element.form === form);
  }

  // The element a user sees for a control: the formatting editor for a rich-text textarea.
  function visibleControl(element) {
    return element.richEditor || element;
  }

  function markInvalid(field) {
    const controls = controlsOf(field.field);
    if (!controls.length) return;
    const errorId = `${controls[0].id.replace(/_0$/, "")}_error`;
    controls.forEach((element) => {
      [element, visibleControl(element)].forEach((shown) => {
        shown.classList.add("is-invalid");
        shown.setAttribute("aria-invalid", "true");
        const described = (shown.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== errorId);
        shown.setAttribute("aria-describedby", [...described, errorId].join(" "));
      });
    });
    let feedback = document.getElementById(errorId);
    if (!feedback) {
      feedback = document.createElement("div");
      feedback.id = errorId;
      const last = visibleControl(controls[controls.length - 1]);
      (last.closest("fieldset") || last.parentElement).append(feedback);
    }
    feedback.className = "invalid-feedback d-block";
    feedback.textContent = field.messages.join(" ");
  }

  function clearInvalid(name) {
    const controls = controlsOf(name);
    if (!controls.length) return;
    const errorId = `${controls[0].id.replace(/_0$/, "")}_error`;
    controls.forEach((element) => {
      [element, visibleControl(element)].forEach((shown) => {
        shown.classList.remove("is-invalid");
        shown.removeAttribute("aria-invalid");
        const described = (shown.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== errorId);
        if (described.length) shown.setAttribute("aria-describedby", described.join(" "));
        else shown.removeAttribute("aria-describedby");
      });
    });
    const feedback = document.getElementById(errorId);
    if (feedback) feedback.remove();
  }

  function markDirty(element) {
    dirty = true;
    storeLocalCopy();
    if (blocked) return;
    const name = element && element.name;
    const changed = name && invalid.has(name) && JSON.stringify(fieldValues()[name]) !== invalid.get(name);
    if (changed || (name && !invalid.has(name) && element.classList.contains("is-invalid"))) {
      invalid.delete(name);
      clearInvalid(name);
    } else if (invalid.size) {
      return; // the refused values have not changed: saving them again would be refused again
    }
    setStatus(gettext("Unsaved changes…"), "warn");
    if (saving) { changedWhileSaving = true; return; }
    clearTimeout(timer);
    timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
  }

  async function autosave() {
    if (!dirty || saving || blocked) return;
    saving = true;
    changedWhileSaving = false;
    setStatus(gettext("Saving…"), "warn");
    let response = null;
    let payload = {};
    const sent = fieldValues();
    try {
      response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      payload = await response.json().catch(() => ({}));
    } catch (e) {
      response = null;
    }
    saving = false;
    if (response && response.ok && Number.isInteger(payload.revision)) {
      revisionInput.value = payload.revision;
      if (changedWhileSaving) {
        storeLocalCopy();
        timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
      } else {
        dirty = false;
        dropLocalCopy();
        setStatus(interpolate(gettext("Saved at %s"), [payload.saved_at]), "ok");
      }
      return;
    }
    if (response && response.status === 409) {
      blocked = true;
      setStatus(payload.error || gettext("Someone else saved this answer. Use Save to compare both versions."), "error");
      return;
    }
    if (response && response.status === 400 && Array.isArray(payload.fields) && payload.fields.length) {
      payload.fields.forEach((field) => { invalid.set(field.field, JSON.stringify(sent[field.field])); markInvalid(field); });
      setStatus(interpolate(gettext("Not saved. %s Correct it and saving resumes; your text is kept in this browser."), [payload.error]), "error");
      const link = document.createElement("a");
      link.href = `#${payload.fields[0].id}`;
      link.className = "ms-2 link-danger";
      link.textContent = gettext("Go to the field");
      link.addEventListener("click", (event) => { event.preventDefault(); focusField(payload.fields[0].id); });
      status.append(" ", link);
      return;
    }
    if (response && response.status === 401) {
      setStatus(payload.error, "error");
      timer = setTimeout(autosave, RETRY_DELAY_MS);
      return;
    }
    const reason = payload.error || (response ? interpolate(gettext("server answered %s"), [response.status]) : gettext("no connection"));
    setStatus(interpolate(gettext("Not saved (%s). Your text is kept in this browser; trying again shortly."), [reason]), "error");
    timer = setTimeout(autosave, RETRY_DELAY_MS);
  }

  function restoreLocalCopy() {
    let stored = null;
    try { stored = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { stored = null; }
    if (!stored) return;
    const sameValues = JSON.stringify(stored.values) === JSON.stringify(fieldValues());
    // Saved with the button and the server moved to a newer revision: that copy has arrived.
    const arrived = stored.submitted && Number(revisionInput.value) > Number(stored.revision);
    if (sameValues || arrived) { dropLocalCopy(); return; }
    const notice = document.createElement("div");
    notice.className = "alert alert-warning d-flex flex-wrap gap-2 align-items-center";
    notice.setAttribute("role", "alert");
    if (stored.revision === revisionInput.value) {
      applyValues(stored.values);
      notice.textContent = gettext("Restored changes from this browser that had not reached the server. They are being saved now.");
      form.prepend(notice);
      markDirty();
    } else {
      notice.append(gettext("This browser holds unsaved changes made before someone saved a newer revision.") + " ");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-warning";
      button.textContent = gettext("Restore my unsaved copy");
      button.addEventListener("click", () => { applyValues(stored.values); dirty = true; notice.remove(); setStatus(gettext("Restored: press Save to compare with the saved version."), "warn"); });
      notice.append(button);
      form.prepend(notice);
    }
  }

  function enhanceRichText(textarea) {
    const toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar btn-group btn-group-sm mb-1";
    toolbar.setAttribute("role", "toolbar");
    const editor = document.createElement("div");
    editor.className = "rich-editor form-control";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    const label = form.querySelector(`label[for="${textarea.id}"]`);
    if (label) { label.id = label.id || `${textarea.id}-label`; editor.setAttribute("aria-labelledby", label.id); }
    editor.innerHTML = textarea.value;
    [["bold", "B", gettext("Bold")], ["italic", "I", gettext("Italic")], ["insertUnorderedList", "• " + gettext("List"), gettext("Bulleted list")],
     ["insertOrderedList", "1. " + gettext("List"), gettext("Numbered list")], ["createLink", gettext("Link"), gettext("Link")]].forEach(([command, text, title]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = text;
      button.title = title;
      button.addEventListener("click", () => {
        editor.focus();
        if (command === "createLink") {
          const url = prompt(gettext("Link address (https://…)"));
          if (url) document.execCommand("createLink", false, url);
        } else {
          document.execCommand(command, false, null);
        }
        sync();
      });
      toolbar.append(button);
    });
    function sync() {
      textarea.value = editor.innerHTML;
      markDirty(textarea);
    }
    editor.addEventListener("input", sync);
    textarea.richEditor = editor;
    textarea.classList.add("d-none");
    textarea.after(toolbar, editor);
  }

  function focusField(id) {
    const target = document.getElementById(id);
    if (!target) return;
    const shown = visibleControl(target);
    const label = form.querySelector(`label[for="${CSS.escape(id)}"]`) || target.closest("fieldset");
    (label || shown).scrollIntoView({ block: "center" });
    shown.focus({ preventScroll: true });
  }

  form.querySelectorAll("textarea.rich-text").forEach(enhanceRichText);
  form.querySelectorAll("textarea.rich-text.is-invalid").forEach((textarea) => {
    textarea.richEditor.classList.add("is-invalid");
    textarea.richEditor.setAttribute("aria-invalid", "true");
    textarea.richEditor.setAttribute("aria-describedby", `${textarea.id}_error`);
  });
  restoreLocalCopy();
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-focus]");
      if (!link) return;
      event.preventDefault();
      focusField(link.dataset.focus);
    });
  }
  // Only the answer's own controls: the attachment inputs inside the items belong to their own forms.
  form.addEventListener("input", (event) => { if (event.target.form === form) markDirty(event.target); });
  form.addEventListener("change", (event) => { if (event.target.form === form) markDirty(event.target); });
  form.addEventListener("submit", () => { dirty = false; clearTimeout(timer); storeLocalCopy(true); });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
