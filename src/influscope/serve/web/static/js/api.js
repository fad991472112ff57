// The JSON API client: same-origin cookies, CSRF header on writes, one error shape.
export class ApiError extends Error {
  constructor(body) {
    super(body.error || 'error');
    Object.assign(this, body);
  }
}

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

export async function api(path, params = {}, options = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options };
  if (init.method && init.method !== 'GET') init.headers['X-CSRF-Token'] = csrf();
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({ ok: false, error: response.statusText, status: response.status }));
  if (!response.ok) throw new ApiError({ status: response.status, ...body });
  return body;
}

export const post = (path, params = {}) => api(path, params, { method: 'POST' });
