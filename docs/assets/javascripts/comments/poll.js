// The results: one bar per option with its count and percent as text, most answers first (the leader
// marked), how many readers stand behind its answers once any do (never in the percentages), the total, and the filter.

// "1 reactie", "2 reacties": the widget's one plural (the service's and the build's is domain/dutch.py).
export const count = (n) => `${n} ${n === 1 ? "reactie" : "reacties"}`;
const readers = (n) => `${n} ${n === 1 ? "lezer" : "lezers"} eens`;

export function renderPoll(root, poll, mine) {
  root.closest("[data-comments]").classList.toggle("comments--empty", !poll.total);
  root.querySelector("[data-total]").textContent = poll.total
    ? `${count(poll.total)} met een aanpak`
    : "Nog geen reacties: wees de eerste";
  // Most answers first; Array.prototype.sort is stable, so equal counts keep the front matter's order.
  const ranked = [...poll.options].sort((a, b) => b.count - a.count);
  const most = Math.max(0, ...poll.options.map((option) => option.count));
  const rows = root.querySelector(".poll__options");
  const order = ranked.map((option) => option.id).filter((id) => rows.querySelector(`[data-option="${CSS.escape(id)}"]`));
  if (order.join("\n") !== [...rows.children].map((row) => row.dataset.option).join("\n")) {
    rows.append(...order.map((id) => rows.querySelector(`[data-option="${CSS.escape(id)}"]`)));
  }
  for (const option of poll.options) {
    const row = root.querySelector(`[data-option="${CSS.escape(option.id)}"]`);
    if (!row) continue;
    const leader = most > 0 && option.count === most;
    row.classList.toggle("poll__option--leader", leader);
    row.querySelector("[data-leader]").hidden = !leader;
    const chosen = option.id === mine;
    row.classList.toggle("poll__option--mine", chosen);
    row.querySelector("[data-figures]").textContent =
      `${count(option.count)}, ${option.percent}%${option.endorsements ? ` · ${readers(option.endorsements)}` : ""}${chosen ? " · jouw keuze" : ""}`;
    row.querySelector("[data-fill]").style.width = `${option.percent}%`;
    row.querySelector("button").disabled = false;
  }
}

export function onChoose(root, choose) {
  root.addEventListener("click", (event) => {
    const row = event.target.closest("[data-option]");
    if (row) choose(row.dataset.option, row.dataset.short);
  });
}

export function markChosen(root, optionId) {
  for (const row of root.querySelectorAll("[data-option]")) {
    row.querySelector("button").setAttribute("aria-pressed", String(row.dataset.option === optionId));
  }
}
