// The author's advice, once published: the section under the results filled in from the API, the recommended
// approaches marked in the bars, and for a reader whose own answer this device knows, "Jij koos (ook) voor ...".
// Before that, when a scheduled advice follows. The same sentences as the build (comments_service/site/advice_page.py).
import { getJSON } from "./api.js";
import { setBody } from "./list.js";

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const day = new Intl.DateTimeFormat("nl", { dateStyle: "long", timeZone: "Europe/Amsterdam" });

function follows(status) {
  if (status?.state !== "scheduled") return "";
  if (status.at) return `Ons advies verschijnt op ${day.format(new Date(status.at))}.`;
  return status.after ? `Ons advies verschijnt na ${plural(status.after, "reactie", "reacties")}.` : "";
}

const half = (name, split, options) => `${name}: ${plural(split.total, "reactie", "reacties")}, ${
  split.options.filter((option) => options.includes(option.id)).reduce((sum, option) => sum + option.count, 0)} met onze aanpak`;

function mark(section, options) {
  for (const row of section.querySelectorAll("[data-option]")) {
    const advised = options.includes(row.dataset.option);
    row.classList.toggle("poll__option--advised", advised);
    row.querySelector("[data-advised]").hidden = !advised;
  }
}

export async function showAdvice(section, base, status, mine) {
  const box = section.querySelector("[data-advice]");
  section.querySelector("[data-follows]").textContent = follows(status);
  if (status?.state !== "published") {
    box.hidden = true;
    return mark(section, []);
  }
  const result = await getJSON(`${base}/advice`);
  if (result.status !== 200) return;
  const { options, agreement: { count, total, percent }, before, after } = result.body;
  box.querySelector("[data-agreement]").textContent =
    `${count} van de ${plural(total, "lezer", "lezers")} (${percent}%) ${count === 1 ? "koos" : "kozen"} dezelfde aanpak als wij.`;
  const split = box.querySelector("[data-split]");
  split.hidden = !after.total; // both halves once answers came in after the reveal
  split.textContent = `${half("Voor het advies", before, options)}; ${half("na het advies", after, options)}.`;
  setBody(box.querySelector("[data-advice-body]"), result.body.body_html);
  const own = box.querySelector("[data-advice-mine]");
  const short = mine && section.querySelector(`[data-option="${CSS.escape(mine)}"]`)?.dataset.short;
  own.hidden = !short;
  if (short) own.textContent = `Jij koos ${options.includes(mine) ? "ook " : ""}voor “${short}”.`;
  mark(section, options);
  box.hidden = false;
}
