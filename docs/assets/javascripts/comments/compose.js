// The two ways to write: the post's form (which may remember the name and e-mail on this device) and the reply
// form, cloned under the comment it answers. Both post through form.js; posted(created) shows the result.
import { postJSON } from "./api.js";
import { attachCounter, attachForm } from "./form.js";
import { saveIdentity, savedIdentity } from "./storage.js";

export function wireMainForm(form, base, posted) {
  const box = form.querySelector("[data-remember] input");
  const identity = savedIdentity();
  if (identity) {
    form.elements.author.value = identity.author ?? "";
    form.elements.email.value = identity.email ?? "";
    box.checked = true;
  }
  attachCounter(form);
  attachForm(form, (data, key) => postJSON(`${base}/comments`, data, key), (created) => {
    saveIdentity(box.checked ? { author: form.elements.author.value, email: form.elements.email.value } : null);
    form.elements.body.value = "";
    form.elements.body.dispatchEvent(new Event("input"));
    posted(created);
  });
}

export function wireReplies(list, template, base, posted) {
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-reply]");
    if (!button) return;
    const card = button.closest(".comment__card");
    if (card.querySelector("form")) return card.querySelector("textarea").focus();
    const form = template.content.firstElementChild.cloneNode(true);
    const identity = savedIdentity();
    form.elements.author.value = identity?.author ?? "";
    form.elements.email.value = identity?.email ?? "";
    const parentId = Number(button.closest(".comment").id.replace("reactie-", ""));
    form.querySelector("[data-cancel]").addEventListener("click", () => {
      form.remove();
      button.focus();
    });
    attachForm(form, (data, key) => postJSON(`${base}/comments`, { ...data, parent_id: parentId }, key), (created) => {
      form.remove();
      posted(created).focus(); // the reply, waiting for approval, where the form was
    });
    card.append(form);
    form.querySelector("textarea").focus();
  });
}
