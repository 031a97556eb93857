// The comment service over fetch: every answer as {status, body, link, total} (a list page's Link and
// X-Total-Count headers); a network failure is status 0.

export async function request(url, { method = "GET", headers = {}, body } = {}) {
  try {
    const response = await fetch(url, { method, body, headers: { Accept: "application/json", ...headers } });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    const link = response.headers.get("Link");
    return { status: response.status, body: data, link, total: response.headers.get("X-Total-Count") };
  } catch {
    return { status: 0, body: null };
  }
}

export const getJSON = (url) => request(url);

// The same key on a retry lets the service return the comment it already stored instead of a second one.
export const postJSON = (url, data, key) =>
  request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
    body: JSON.stringify(data),
  });

export const newKey = () => self.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

export const withdraw = (url, token) =>
  request(url, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
