// The conversation a page at a time: the first page of the chosen view (an order, one option, or the page
// that opens with a linked comment), then "Meer reacties" for the next; the list API's Link header names it.
import { getJSON } from "./api.js";
import { renderComment } from "./list.js";

const nextOf = (link) => /<([^>]*)>\s*;\s*rel="next"/.exec(link ?? "")?.[1] ?? null;

export function pages({ base, list, template, more }) {
  let next = null;
  let latest = 0;
  let grown = false; // whether "Meer reacties" added to the first page of the view
  const setNext = (link) => {
    next = nextOf(link);
    more.hidden = next === null;
    // Opened in a new tab, the link shows the same page as the plain page for readers without JavaScript.
    if (next !== null) more.href = next.replace(/\/comments\?/, "/reacties?");
  };
  const fetchPage = async (url) => {
    const asked = ++latest;
    const result = await getJSON(url);
    if (asked !== latest) return null; // the reader chose another view meanwhile: this answer is stale
    return result.status === 200 && Array.isArray(result.body) ? result : { failed: true };
  };
  return {
    // The first page of a view (query: URLSearchParams); null while a newer view loads, {failed} on an error.
    async first(query) {
      const result = await fetchPage(`${base}/comments${query.size ? `?${query}` : ""}`);
      if (!result || result.failed) return result;
      list.replaceChildren(...result.body.map((comment) => renderComment(template, comment)));
      grown = false;
      setNext(result.link);
      return { comments: result.body, total: Number(result.total ?? result.body.length) };
    },
    // The next page, appended (a comment already shown, say one's own, is not shown twice); how many were added.
    async more() {
      if (next === null) return 0;
      const result = await fetchPage(next);
      if (!result || result.failed) return result?.failed ? -1 : 0;
      const fresh = result.body.filter((comment) => !document.getElementById(`reactie-${comment.id}`));
      list.append(...fresh.map((comment) => renderComment(template, comment)));
      grown = true;
      setNext(result.link);
      return fresh.length;
    },
    get grown() {
      return grown;
    },
    // Whether a comment is published: its page answers (used for one's own comments that are not in view).
    async published(id) {
      const result = await getJSON(`${base}/comments?at=${encodeURIComponent(id)}&limit=1`);
      return result.status === 200;
    },
  };
}
