// One's own comments while they wait: shown with "Wacht op goedkeuring" and, while the withdrawal token lasts,
// "Intrekken", which asks first. Focus stays where the reader is: on the question, then on what took its place.
import { withdraw } from "./api.js";
import { renderComment } from "./list.js";
import { forgetOwn } from "./storage.js";

function withdrawn(reply) {
  const notice = document.createElement("li");
  notice.className = "comment comment--withdrawn";
  notice.tabIndex = -1;
  notice.textContent = `Je ${reply ? "antwoord" : "reactie"} is ingetrokken.`;
  return notice;
}

export function addOwn({ api, thread, list, templates, entry }) {
  const item = renderComment(templates.comment, entry.comment, { pending: true, reply: Boolean(entry.comment.parent_id) });
  item.tabIndex = -1; // focus lands here after a reply form closes
  const button = item.querySelector("[data-withdraw]");
  const pending = item.querySelector(".comment__pending");
  const ask = templates.confirm.content.firstElementChild.cloneNode(true);
  button.after(ask);
  const [yes, no] = ask.querySelectorAll("button");
  const asking = (shown) => {
    ask.hidden = !shown;
    button.hidden = shown;
    (shown ? yes : button).focus();
  };
  button.hidden = Date.now() > entry.until;
  button.addEventListener("click", () => asking(true));
  no.addEventListener("click", () => asking(false));
  yes.addEventListener("click", async () => {
    const result = await withdraw(`${api}/comments/${entry.comment.id}`, entry.token);
    if (result.status === 204 || result.status === 404) {
      forgetOwn(thread, entry.comment.id);
      const notice = withdrawn(Boolean(entry.comment.parent_id));
      item.replaceWith(notice);
      notice.focus();
    } else {
      ask.hidden = true;
      pending.textContent = result.body?.error?.message ?? "Intrekken lukte niet. Probeer het later opnieuw.";
      pending.tabIndex = -1;
      pending.focus();
    }
  });
  const parent = entry.comment.parent_id && list.querySelector(`#reactie-${entry.comment.parent_id} .comment__replies`);
  (parent || list).append(item);
  return item;
}
