// What the widget remembers on this device: the reader's pending comments (30 days at most, until
// approved or withdrawn), their last choice per thread, and, if they opt in, their name and e-mail; the random
// reader key that endorses answers and the answers it stands behind (ids are the service's, across threads).

const KEEP_MS = 30 * 864e5;

function load(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

function save(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the widget works on without remembering.
  }
}

const ownKey = (thread) => `comments:${thread}:own`;

export function ownPending(thread, approvedIds, now = Date.now()) {
  const kept = load(ownKey(thread), []).filter(
    (entry) => now - entry.savedAt < KEEP_MS && !approvedIds.has(entry.comment.id),
  );
  save(ownKey(thread), kept);
  return kept;
}

export function rememberOwn(thread, created, now = Date.now()) {
  const entry = { savedAt: now, token: created.token, until: Date.parse(created.withdraw_until), comment: created };
  save(ownKey(thread), [...load(ownKey(thread), []), entry]);
  if (created.category) save(`comments:${thread}:choice`, created.category.id);
  return entry;
}

export function forgetOwn(thread, id) {
  save(ownKey(thread), load(ownKey(thread), []).filter((entry) => entry.comment.id !== id));
}

export const ownChoice = (thread) => load(`comments:${thread}:choice`, null);

export const savedIdentity = () => load("comments:identity", null);

export const saveIdentity = (identity) => save("comments:identity", identity);

let reader = null;
// 128 random bits; kept for the page even when storage is blocked, so an endorsement can be taken back.
export const readerKey = () => {
  reader ??= load("comments:reader", null);
  if (!/^[\w-]{22,64}$/.test(reader ?? "")) {
    reader = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    save("comments:reader", reader);
  }
  return reader;
};

export const endorsedIds = () => new Set(load("comments:endorsed", []));

export const setEndorsed = (id, on) => {
  const ids = endorsedIds();
  ids[on ? "add" : "delete"](id);
  save("comments:endorsed", [...ids]);
};
