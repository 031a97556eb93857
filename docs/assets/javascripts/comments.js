// The comment and poll widget: results, comments and posting on top of the server-rendered section.
// No globals, no dependencies; mounted through Material's document$ so instant navigation works, and
// safe to mount twice.
import { getJSON, postJSON, withdraw } from "./comments/api.js";
import { attachCounter, attachForm } from "./comments/form.js";
import { applyFilter, renderComment } from "./comments/list.js";
import { count, markChosen, onChoose, renderPoll } from "./comments/poll.js";
import { forgetOwn, ownChoice, ownPending, rememberOwn, saveIdentity, savedIdentity } from "./comments/storage.js";

const mounted = new WeakSet();

function mount(section) {
  if (mounted.has(section)) return;
  mounted.add(section);
  const thread = section.dataset.thread;
  const base = `${section.dataset.api}/threads/${encodeURIComponent(thread)}`;
  const poll = section.querySelector("[data-poll]");
  const list = section.querySelector("[data-list]");
  const template = section.querySelector('[data-template="comment"]');
  const listStatus = section.querySelector("[data-list-status]");
  const filterBar = section.querySelector("[data-filter]");
  let filter = null;

  const showOwn = (entry) => {
    const item = renderComment(template, entry.comment, { pending: true, reply: Boolean(entry.comment.parent_id) });
    const button = item.querySelector("[data-withdraw]");
    button.hidden = Date.now() > entry.until;
    button.addEventListener("click", async () => {
      const result = await withdraw(`${section.dataset.api}/comments/${entry.comment.id}`, entry.token);
      if (result.status === 204 || result.status === 404) {
        forgetOwn(thread, entry.comment.id);
        item.remove();
      } else {
        button.hidden = true;
        item.querySelector(".comment__pending").textContent = result.body?.error?.message ?? "Intrekken lukte niet.";
      }
    });
    const parent = entry.comment.parent_id && list.querySelector(`#reactie-${entry.comment.parent_id} .comment__replies`);
    (parent || list).append(item);
    return item;
  };

  const setFilter = (optionId, label) => {
    filter = filter === optionId ? null : optionId;
    markChosen(poll, filter);
    const shown = applyFilter(list, filter);
    filterBar.hidden = filter === null;
    section.querySelector("[data-filter-label]").textContent =
      filter === null ? "" : `${count(shown)} met de aanpak “${label}”.`;
  };
  onChoose(poll, setFilter);
  section.querySelector("[data-filter-reset]").addEventListener("click", () => setFilter(filter));

  const refreshPoll = async () => {
    const result = await getJSON(`${base}/poll`);
    if (result.status === 200 && Array.isArray(result.body?.options)) renderPoll(poll, result.body, ownChoice(thread));
    else section.querySelector("[data-total]").textContent = "De uitslag kon niet worden geladen.";
  };

  const load = async () => {
    const [, result] = await Promise.all([refreshPoll(), getJSON(`${base}/comments`)]);
    if (result.status !== 200 || !Array.isArray(result.body)) {
      listStatus.textContent = "De reacties konden niet worden geladen. Probeer het later opnieuw.";
      return;
    }
    list.replaceChildren(...result.body.map((comment) => renderComment(template, comment)));
    const approvedIds = new Set(result.body.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]));
    ownPending(thread, approvedIds).forEach(showOwn);
    listStatus.textContent = result.body.length ? "" : "Er zijn nog geen gepubliceerde reacties.";
    if (filter !== null) applyFilter(list, filter);
    if (location.hash.startsWith("#reactie-")) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  };

  const posted = (created) => {
    const entry = rememberOwn(thread, created);
    showOwn(entry).scrollIntoView({ block: "nearest" });
    listStatus.textContent = "";
    refreshPoll();
  };

  const form = section.querySelector("[data-form]");
  if (form) wireMainForm(form, base, posted);
  wireReplies(section, list, base, posted);
  load();
  const onVisible = () => {
    if (!section.isConnected) document.removeEventListener("visibilitychange", onVisible);
    else if (document.visibilityState === "visible") refreshPoll();
  };
  document.addEventListener("visibilitychange", onVisible);
}

function wireMainForm(form, base, posted) {
  const remember = form.querySelector("[data-remember]");
  const box = remember.querySelector("input");
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

function wireReplies(section, list, base, posted) {
  const template = section.querySelector('[data-template="reply-form"]');
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
    form.querySelector("[data-cancel]").addEventListener("click", () => form.remove());
    attachForm(form, (data, key) => postJSON(`${base}/comments`, { ...data, parent_id: parentId }, key), (created) => {
      form.remove();
      posted(created);
    });
    card.append(form);
    form.querySelector("textarea").focus();
  });
}

const mountAll = () => document.querySelectorAll("[data-comments]").forEach(mount);
if (window.document$) window.document$.subscribe(mountAll);
else mountAll();
