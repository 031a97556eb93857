// The comments: cloned from the partial's template and filled with text; only the service's
// sanitised body_html is parsed as HTML, inertly, through a <template>.
import { showEndorsement } from "./endorse.js";

// As the clocks in the Netherlands show it: "23 november 2026 om 14:05".
const exact = new Intl.DateTimeFormat("nl", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" });
const relative = new Intl.RelativeTimeFormat("nl", { numeric: "auto" });
const UNITS = [["year", 31536e6], ["month", 2592e6], ["week", 6048e5], ["day", 864e5], ["hour", 36e5], ["minute", 6e4]];

export function ago(date, now = Date.now()) {
  const diff = date - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return "zojuist";
}

export function setBody(element, html) {
  const inert = document.createElement("template");
  inert.innerHTML = html;
  element.replaceChildren(inert.content);
}

// The button's form is for readers without JavaScript; here it is a plain toggle, so the comment holds no form but
// the reply form.
function unwrapped(form) {
  const box = document.createElement("div");
  box.className = form.className;
  box.dataset.endorse = "";
  box.append(...form.childNodes);
  box.querySelector("button").type = "button";
  form.replaceWith(box);
  return box;
}

export function renderComment(template, comment, { pending = false, reply = false } = {}) {
  const item = template.content.firstElementChild.cloneNode(true);
  item.id = `reactie-${comment.id}`;
  item.dataset.category = comment.category?.id ?? "";
  item.classList.toggle("comment--withdrawn", Boolean(comment.withdrawn));
  item.querySelector(".comment__author").textContent = comment.author;
  item.querySelector(".comment__badge--author").hidden = !comment.is_author;
  const link = item.querySelector(".comment__permalink");
  link.href = `#${item.id}`;
  const time = link.querySelector("time");
  const date = new Date(comment.created_at);
  time.dateTime = comment.created_at;
  time.title = exact.format(date);
  time.textContent = ago(date);
  item.querySelector(".comment__edited").hidden = !comment.edited_at;
  const category = item.querySelector(".comment__category");
  if (comment.category) category.firstElementChild.textContent = comment.category.short;
  else category.remove();
  item.querySelector(".comment__pending").hidden = !pending;
  item.querySelector("[data-reply]").hidden = pending || reply;
  const endorse = item.querySelector("[data-endorse]");
  if (endorse && (pending || reply || comment.withdrawn)) endorse.remove();
  else if (endorse) showEndorsement(unwrapped(endorse), comment.endorsements ?? 0);
  setBody(item.querySelector(".comment__body"), comment.body_html);
  const replies = item.querySelector(".comment__replies");
  for (const answer of comment.replies ?? []) replies.append(renderComment(template, answer, { reply: true }));
  return item;
}
