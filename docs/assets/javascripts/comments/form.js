// Posting a form with fetch: the button marked busy while sending, the API's Dutch errors at their
// fields (each cleared as soon as its field changes), the typed text kept and a retry offered when the
// network fails. Focus stays on the form: on the button, or on the first field with an error.

import { newKey } from "./api.js";

const OFFLINE = "Versturen lukte niet. Je tekst staat er nog: controleer je verbinding en probeer het opnieuw.";
export const THANKS = "Bedankt! Je reactie is ontvangen en verschijnt na goedkeuring.";

// One field's error in its slot, and aria-invalid on the field (the first radio button for the options).
function setError(form, slot, message) {
  slot.textContent = message;
  const field = form.elements[slot.dataset.error];
  const target = field instanceof RadioNodeList ? field[0] : field;
  if (message) target?.setAttribute?.("aria-invalid", "true");
  else target?.removeAttribute?.("aria-invalid");
  return target?.focus ? target : slot;
}

function showErrors(form, fields) {
  let first = null;
  for (const slot of form.querySelectorAll("[data-error]")) {
    const message = fields[slot.dataset.error] ?? "";
    const target = setError(form, slot, message);
    if (message && !first) first = target;
  }
  first?.focus?.();
}

function fields(form) {
  const data = Object.fromEntries(new FormData(form));
  delete data.return_to;
  delete data.remember;
  return data;
}

export function attachForm(form, send, onSuccess) {
  const status = form.querySelector("[data-form-status]");
  const submit = form.querySelector("[data-submit]");
  const retry = form.querySelector("[data-retry]");
  let key = null; // one per comment: kept for retries, dropped once it is stored
  form.addEventListener("input", (event) => {
    const slot = event.target.name && form.querySelector(`[data-error="${CSS.escape(event.target.name)}"]`);
    if (slot?.textContent) setError(form, slot, "");
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // aria-disabled, not disabled: a disabled button drops the keyboard focus to the top of the page.
    if (submit.getAttribute("aria-disabled") === "true") return;
    submit.setAttribute("aria-disabled", "true");
    retry.hidden = true;
    status.textContent = "Bezig met versturen…";
    key ??= newKey();
    const result = await send(fields(form), key);
    submit.removeAttribute("aria-disabled");
    if (result.status === 201) {
      key = null;
      showErrors(form, {});
      status.textContent = THANKS;
      onSuccess(result.body, form);
      return;
    }
    const error = result.body?.error;
    showErrors(form, error?.fields ?? {});
    status.textContent = error?.message ?? OFFLINE;
    retry.hidden = !(result.status === 0 || result.status >= 500);
  });
}

export function attachCounter(form) {
  const body = form.elements.body;
  const counter = form.querySelector("[data-counter]");
  if (!body || !counter) return;
  const update = () => { counter.textContent = `${body.value.length} / ${body.maxLength} tekens`; };
  body.addEventListener("input", update);
  update();
}
