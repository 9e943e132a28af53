// Calls to the sitrep REST API on the same origin.

export class ApiError extends Error {
  constructor(status, body) {
    const detail = body && body.error ? body.error : { code: String(status), message: "request failed" };
    super(detail.message);
    this.code = detail.code;
    this.parameter = detail.parameter;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}) {
  const response = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const api = {
  events: (filters, cursor) => getJSON("/events", { ...filters, limit: 500, cursor }),
  facets: (filters) => getJSON("/facets", { ...filters, size: 50 }),
  timeline: (filters) => getJSON("/timeline", filters),
  article: (id) => getJSON(`/articles/${encodeURIComponent(id)}`),
  event: (id) => getJSON(`/events/${encodeURIComponent(id)}`),
  stories: () => getJSON("/stories", { limit: 100 }),
  story: (id) => getJSON(`/stories/${encodeURIComponent(id)}`),
};
