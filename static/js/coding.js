/* Coding a Party's answer: "Use selected text" copies the passage selected in that Party's answer into
 * the category's passage box, with the item it comes from and where it starts, so that the server
 * stores the quote and its position. Without JavaScript the passage can be pasted by hand. */
(function () {
  "use strict";
  document.querySelectorAll(".use-selection").forEach((button) => {
    button.addEventListener("click", () => {
      const card = button.closest(".party");
      const selection = window.getSelection();
      const fieldset = button.closest("fieldset");
      const quote = fieldset.querySelector("textarea.quote");
      if (!selection || selection.isCollapsed) {
        quote.focus();
        return;
      }
      const text = card.querySelector(".answer-text") && selection.anchorNode
        ? (selection.anchorNode.nodeType === Node.ELEMENT_NODE ? selection.anchorNode : selection.anchorNode.parentElement).closest(".answer-text")
        : null;
      if (!text || !card.contains(text)) {
        quote.focus();
        return;
      }
      const range = selection.getRangeAt(0);
      const before = document.createRange();
      before.selectNodeContents(text);
      before.setEnd(range.startContainer, range.startOffset);
      quote.value = selection.toString().replace(/\s+/g, " ").trim();
      fieldset.querySelector('input[name$="item_' + button.dataset.category + '"]').value = text.dataset.item;
      fieldset.querySelector('input[name$="near_' + button.dataset.category + '"]').value = before.toString().length;
      fieldset.querySelector('input[type="checkbox"]').checked = true;
      quote.focus();
    });
  });
  const error = document.querySelector(".coding-form .alert-danger");
  if (error) {
    error.closest(".party").scrollIntoView();
    error.focus();
  }
})();
