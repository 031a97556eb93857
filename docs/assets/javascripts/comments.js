// The comment and poll widget: results, comments and posting on top of the server-rendered section.
// No globals, no dependencies; mounted through Material's document$ so instant navigation works, and
// safe to mount twice.
import { showAdvice } from "./comments/advice.js";
import { getJSON } from "./comments/api.js";
import { wireMainForm, wireReplies } from "./comments/compose.js";
import { wireEndorsements } from "./comments/endorse.js";
import { addOwn } from "./comments/own.js";
import { pages } from "./comments/pages.js";
import { count, markChosen, onChoose, renderPoll } from "./comments/poll.js";
import { forgetOwn, ownChoice, ownPending, rememberOwn } from "./comments/storage.js";

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
  const heading = section.querySelector("#reacties-lijst");
  const more = section.querySelector("[data-more]");
  const paging = pages({ base, list, template, more });
  // The view: an order, and one option or the page that opens with a linked comment (or neither).
  const view = { sort: "oldest", category: null, label: "", at: null };

  const templates = { comment: template, confirm: section.querySelector('[data-template="withdraw-confirm"]') };
  const showOwn = (entry) => addOwn({ api: section.dataset.api, thread, list, templates, entry });

  // One's own pending comments, under the unfiltered list; one that was published meanwhile is forgotten.
  const showOwnPending = async (shownIds) => {
    for (const entry of ownPending(thread, shownIds)) {
      if (await paging.published(entry.comment.id)) forgetOwn(thread, entry.comment.id);
      else if (!document.getElementById(`reactie-${entry.comment.id}`)) showOwn(entry);
    }
  };

  const load = async () => {
    const query = new URLSearchParams();
    if (view.sort !== "oldest") query.set("sort", view.sort);
    if (view.category) query.set("category", view.category);
    if (view.at) query.set("at", view.at);
    query.set("limit", section.dataset.page); // last: the read cache's order
    const page = await paging.first(query);
    if (page === null) return null;
    if (page.failed) {
      listStatus.textContent = "De reacties konden niet worden geladen. Probeer het later opnieuw.";
      return null;
    }
    const filtered = Boolean(view.category || view.at);
    filterBar.querySelector("[data-filter-reset]").hidden = !filtered;
    filterBar.querySelector("[data-filter-label]").textContent = view.category
      ? `${count(page.total)} met de aanpak “${view.label}”.`
      : view.at ? "Je ziet de reacties vanaf de gelinkte reactie." : "";
    listStatus.textContent = page.total || filtered ? "" : "Er zijn nog geen gepubliceerde reacties.";
    if (!filtered) await showOwnPending(new Set(page.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)])));
    return page;
  };

  const toList = () => {
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  };

  const setFilter = async (optionId, label) => {
    Object.assign(view, { category: view.category === optionId ? null : optionId, label, at: null });
    markChosen(poll, view.category);
    if ((await load()) !== null) toList();
  };
  onChoose(poll, setFilter);
  section.querySelector("[data-filter-reset]").addEventListener("click", async () => {
    Object.assign(view, { category: null, at: null });
    markChosen(poll, null);
    if ((await load()) !== null) toList();
  });
  section.querySelectorAll("[data-sort]").forEach((button) => button.addEventListener("click", async () => {
    view.sort = button.dataset.sort;
    view.at = null;
    section.querySelectorAll("[data-sort]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    await load();
  }));
  more.addEventListener("click", async (event) => {
    event.preventDefault();
    const added = await paging.more();
    listStatus.textContent = added < 0 ? "Meer reacties laden lukte niet. Probeer het opnieuw." : `${count(added)} erbij.`;
  });

  let shownPoll = null;
  const refreshPoll = async () => {
    const result = await getJSON(`${base}/poll`);
    if (result.status === 200 && Array.isArray(result.body?.options)) {
      shownPoll = result.body;
      renderPoll(poll, result.body, ownChoice(thread));
      showAdvice(section, base, result.body.advice, ownChoice(thread));
    } else section.querySelector("[data-total]").textContent = "De uitslag kon niet worden geladen.";
  };

  // A link to a comment that is not on the first page opens the page that starts with it.
  const followLink = async () => {
    const wanted = /^#reactie-(\d+)$/.exec(location.hash)?.[1];
    if (!wanted) return;
    if (!document.getElementById(`reactie-${wanted}`)) {
      view.at = wanted;
      if ((await load()) === null) return;
    }
    list.querySelectorAll(".comment--linked").forEach((item) => item.classList.remove("comment--linked"));
    const linked = document.getElementById(`reactie-${wanted}`);
    linked?.classList.add("comment--linked"); // :target misses what the widget added
    linked?.scrollIntoView();
  };

  const posted = (created) => {
    const entry = rememberOwn(thread, created);
    const item = showOwn(entry);
    item.scrollIntoView({ block: "nearest" });
    listStatus.textContent = "";
    refreshPoll();
    return item;
  };

  const form = section.querySelector("[data-form]");
  if (form) wireMainForm(form, base, posted);
  wireReplies(list, section.querySelector('[data-template="reply-form"]'), base, posted);
  // An endorsement moves its option's figure at once (the service's cached tally follows within a second).
  wireEndorsements(list, section.dataset.api, (category, step) => {
    const option = shownPoll?.options.find((o) => o.id === category);
    if (!option) return;
    option.endorsements = Math.max(0, (option.endorsements ?? 0) + step);
    renderPoll(poll, shownPoll, ownChoice(thread));
  });
  refreshPoll();
  load().then((page) => {
    performance.mark?.("comments-rendered"); // for bench/long_conversation.py
    if (page) followLink();
  });
  window.addEventListener("hashchange", followLink);
  const onVisible = () => {
    if (!section.isConnected) document.removeEventListener("visibilitychange", onVisible);
    // Back on the tab: tally and list together, or neither (a reader down the list keeps their place).
    else if (document.visibilityState === "visible" && !view.category && !view.at && view.sort === "oldest" && !paging.grown) {
      refreshPoll();
      load();
    }
  };
  document.addEventListener("visibilitychange", onVisible);
}

const mountAll = () => document.querySelectorAll("[data-comments]").forEach(mount);
if (window.document$) window.document$.subscribe(mountAll);
else mountAll();
