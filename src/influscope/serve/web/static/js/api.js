// The JSON API client: same-origin cookies, CSRF header on writes, one error shape.
//
// Heavy answers (a map, a journey, a report, aggregates) are computed by a job on
// the server: the API answers 202 with the job, this client shows its progress in
// the page (#jobs, "Computing 3/8") while polling /api/jobs/{id}, then asks again.
// No request ever waits on the server's work.
import { el, t } from './dom.js';

export class ApiError extends Error {
  constructor(body) {
    super(body.error || 'error');
    Object.assign(this, body);
  }
}

const POLL_MS = 500;

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

function jobsBox() {
  let box = document.getElementById('jobs');
  if (!box) {
    box = el('div', { id: 'jobs', role: 'status', class: 'jobs' });
    document.body.append(box);
  }
  return box;
}

function showJob(job) {
  const id = `job-${job.id}`;
  let line = document.getElementById(id);
  if (!line) {
    line = el('div', { id, class: 'job', 'data-job': job.id });
    jobsBox().append(line);
  }
  const steps = job.total ? ` ${job.done}/${job.total}` : '';
  const bar = job.total ? el('progress', { value: job.done }) : el('progress');
  if (job.total) bar.max = job.total;
  line.replaceChildren(`${t(job.state === 'queued' ? 'job_queued' : 'job_running')}${steps} · ${Math.round(job.seconds)} s `, bar);
  line.dataset.state = job.state;
  return line;
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function follow(job) {
  let line = showJob(job);
  try {
    for (;;) {
      await sleep(POLL_MS);
      const response = await fetch(`/api/jobs/${job.id}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (!response.ok) throw new ApiError({ status: response.status, ...body });
      line = showJob(body);
      if (body.state === 'failed') throw new ApiError({ status: 500, error: body.error || t('job_failed'), hint: body.hint || '' });
      if (body.state === 'done') return;
    }
  } finally {
    line.remove();
  }
}

export async function api(path, params = {}, options = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options };
  if (init.method && init.method !== 'GET') init.headers['X-CSRF-Token'] = csrf();
  for (;;) {
    const response = await fetch(url, init);
    const body = await response.json().catch(() => ({ ok: false, error: response.statusText, status: response.status }));
    if (response.status === 202 && body.job) {
      await follow(body.job);
      continue;
    }
    if (!response.ok) throw new ApiError({ status: response.status, ...body });
    return body;
  }
}

export const post = (path, params = {}) => api(path, params, { method: 'POST' });
