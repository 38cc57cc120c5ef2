// The observations' text: a small formatting editor (bold, italic, list, paragraphs) over the textarea,
// which keeps the HTML that is posted. References such as {{ count code:dedicated }} are typed as text.
(function () {
  "use strict";
  const gettext = window.gettext || ((text) => text);
  document.querySelectorAll("textarea.observations-text").forEach((textarea) => {
    const toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar btn-group btn-group-sm mb-1";
    const editor = document.createElement("div");
    editor.className = "rich-editor form-control observations-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-label", gettext("Observations"));
    editor.setAttribute("aria-describedby", "text-help");
    editor.innerHTML = textarea.value || "<p><br></p>";
    for (const [command, label] of [["bold", gettext("Bold")], ["italic", gettext("Italic")],
      ["insertUnorderedList", gettext("List")]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = label;
      button.addEventListener("click", () => { editor.focus(); document.execCommand(command); });
      toolbar.append(button);
    }
    document.execCommand("defaultParagraphSeparator", false, "p");
    textarea.hidden = true;
    textarea.before(toolbar, editor);
    textarea.form.addEventListener("submit", () => { textarea.value = editor.innerHTML; });
  });
})();
