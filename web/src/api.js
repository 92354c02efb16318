// Calls to the server's own APIs (same origin): the REST API under /api and SPARQL at /query.

/** An error answered by the server, with its RFC 9457 detail when there is one. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  const type = response.headers.get('content-type') || '';
  try {
    if (type.includes('json')) {
      const problem = await response.json();
      message = problem.detail || problem.title || problem.error || message;
    } else {
      const text = await response.text();
      if (text) message = text.trim();
    }
  } catch {
    // Keep the status line.
  }
  return new ApiError(response.status, message);
}

/** GET a JSON resource under /api; `params` become the query string (empty values left out). */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** POST a body; `token` goes in the Authorization header. Answers {status, body}. */
export async function post(path, body, { token, contentType = 'text/plain; charset=utf-8' } = {}) {
  const headers = { Accept: 'application/json', 'Content-Type': contentType };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body });
  if (!response.ok) throw await failure(response);
  return { status: response.status, body: await response.json() };
}

/** Runs a SPARQL query; `accept` picks the results format. Answers the raw response. */
export async function sparql(query, accept) {
  const response = await fetch('/query', {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) throw await failure(response);
  return response;
}

const placeCache = new Map();

/** A place with its coordinates, fetched once per page load. */
export function place(id) {
  if (!placeCache.has(id)) {
    placeCache.set(
      id,
      get(`/api/places/${encodeURIComponent(id)}`).catch(() => null),
    );
  }
  return placeCache.get(id);
}
