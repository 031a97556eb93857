// "Dit zou ik ook doen": the button's form posts without JavaScript (the service keeps a cookie key); the widget
// renders it as a plain button (list.js) that sends this device's reader key instead, toggles, and says the count
// and the pressed state.
import { request } from "./api.js";
import { endorsedIds, readerKey, setEndorsed } from "./storage.js";

const idOf = (item) => Number(item.id.slice("reactie-".length));

// The count and whether this device stands behind the answer.
export function showEndorsement(box, count, on = endorsedIds().has(idOf(box.closest(".comment")))) {
  const button = box.querySelector("button");
  button.setAttribute("aria-pressed", String(on));
  button.querySelector("[data-endorsements]").textContent = `(${count})`;
}

// changed(category, step): an answer of that option gained (1) or lost (-1) a reader.
export function wireEndorsements(list, api, changed) {
  list.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-endorse] button");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    const box = button.closest("[data-endorse]");
    const item = box.closest(".comment");
    const on = button.getAttribute("aria-pressed") !== "true";
    const before = Number(/\d+/.exec(button.textContent)?.[0] ?? 0);
    button.setAttribute("aria-disabled", "true");
    const result = await request(`${api}/comments/${idOf(item)}/endorsements`, {
      method: on ? "POST" : "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reader: readerKey() }),
    });
    button.removeAttribute("aria-disabled");
    const status = box.querySelector("[data-endorse-status]");
    if (![200, 201, 204].includes(result.status)) {
      status.textContent = result.body?.error?.message ?? "Dat lukte niet. Probeer het opnieuw.";
      return;
    }
    status.textContent = "";
    setEndorsed(idOf(item), on);
    showEndorsement(box, on ? result.body.endorsements : Math.max(0, before - 1), on);
    if (result.status !== 200) changed(item.dataset.category, on ? 1 : -1);
  });
}
