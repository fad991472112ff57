// Safe DOM building: text goes through textContent, links only to http(s) or
// same-site paths, so posts, names and bios can never become markup or script.
//
// Words come from the server in the page (#words): the catalogue's sentences
// for this page's language, the labels of data values (stance, kind…), and the
// CLDR number and date symbols of the interface language (never the browser's).
let wordCache = null;

function words() {
  if (!wordCache) {
    const node = document.getElementById('words');
    wordCache = node ? JSON.parse(node.textContent) : { messages: {}, labels: {}, format: {} };
  }
  return wordCache;
}

// A sentence of the catalogue in the page's language, its {fields} filled
// (numbers formatted the language's way).
export function t(message, fields = {}) {
  const text = words().messages[message] ?? message;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in fields)) return whole;
    const value = fields[name];
    return typeof value === 'number' ? num(value) : String(value);
  });
}

// The word for a data value (family: stance, role, kind, sentiment, severity, state…).
export function label(family, value) {
  if (value === null || value === undefined || value === '') return '';
  const table = words().labels[family] || {};
  return table[value] ?? String(value);
}

function grouped(digits) {
  const { group } = words().format;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, group ?? ',');
}

// A number with the language's grouping and decimal signs (at most `decimals` decimals).
export function num(value, decimals = 3) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '';
  const number = Number(value);
  const fixed = Math.abs(number).toFixed(Number.isInteger(number) ? 0 : decimals);
  const [whole, fraction = ''] = fixed.split('.');
  const kept = fraction.replace(/0+$/, '');
  const { decimal } = words().format;
  return (number < 0 ? '-' : '') + grouped(whole) + (kept ? (decimal ?? '.') + kept : '');
}

// A share (0–1) as a percentage in the page's language: the one scale of journey
// weights and click shares everywhere (API values stay shares).
export function pct(value) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '';
  const share = Number(value);
  const digits = share !== 0 && Math.abs(share) < 0.001 ? 3 : 1;
  const [whole, fraction] = (Math.abs(share) * 100).toFixed(digits).split('.');
  const { decimal, percent_space: space } = words().format;
  return `${share < 0 ? '-' : ''}${grouped(whole)}${decimal ?? '.'}${fraction}${space ?? ''}%`;
}

function pad(value, width) {
  return String(value).padStart(width, '0');
}

// A CLDR date/time pattern (d, dd, M, MM, MMM, y, yy, H, HH, h, mm, a) applied to a Date (UTC).
function pattern(text, date) {
  const { months, periods } = words().format;
  const hours = date.getUTCHours();
  const tokens = {
    d: date.getUTCDate(), dd: pad(date.getUTCDate(), 2),
    M: date.getUTCMonth() + 1, MM: pad(date.getUTCMonth() + 1, 2), MMM: (months || [])[date.getUTCMonth()],
    y: date.getUTCFullYear(), yy: pad(date.getUTCFullYear() % 100, 2), yyyy: date.getUTCFullYear(),
    H: hours, HH: pad(hours, 2), h: hours % 12 || 12, hh: pad(hours % 12 || 12, 2),
    mm: pad(date.getUTCMinutes(), 2), a: (periods || ['AM', 'PM'])[hours < 12 ? 0 : 1],
  };
  return text.replace(/'([^']*)'|([a-zA-Z])\2*/g, (whole, quoted) => (quoted !== undefined ? quoted : tokens[whole] ?? whole));
}

function parsed(value) {
  if (!value) return null;
  const text = String(value);
  const date = new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

// A date (UTC) in the language's medium form: « 4 mars 2025 », "Mar 4, 2025".
export function day(value) {
  const date = parsed(value);
  return date ? pattern(words().format.date || 'y-MM-dd', date) : '';
}

// A date and time to the minute (UTC) in the language's form.
export function moment(value) {
  const date = parsed(value);
  if (!date) return '';
  const { datetime, date: datePattern, time } = words().format;
  return (datetime || '{1} {0}').replace('{1}', pattern(datePattern, date)).replace('{0}', pattern(time, date));
}

export function safeHref(value) {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'href') {
      const href = safeHref(String(value));
      if (href) node.setAttribute('href', href);
      if (href && !href.startsWith('/')) node.setAttribute('rel', 'noopener noreferrer nofollow');
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key.startsWith('data-') || ['id', 'title', 'type', 'value', 'name', 'role'].includes(key)) {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// An actor's id as a reader knows it: @handle on a network, the site's domain on the web.
export function handle(id) {
  const [platform, rest] = String(id ?? '').split(/:(.*)/s);
  if (rest === undefined) return platform;
  return platform === 'web' || rest.includes('.') ? rest : `@${rest}`;
}

export function actorLink(id, name) {
  return el('a', { href: `/actors/${encodeURIComponent(id)}`, class: 'actor', text: name || handle(id) });
}

// A value as text: numbers the language's way, lists joined; never raw JSON.
export function fmt(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return num(value);
  if (Array.isArray(value)) return value.map(fmt).filter(Boolean).join(', ');
  if (typeof value === 'object') return Object.values(value).map(fmt).filter(Boolean).join(' · ');
  return String(value);
}

// A table of rows; `columns` is [[key, label, render?]]; render returns a Node or text.
export function table(rows, columns) {
  if (!rows || !rows.length) return el('p', { class: 'muted', text: t('Nothing to show.') });
  const head = el('tr', {}, columns.map(([, label]) => el('th', { text: label })));
  const body = rows.map((row) =>
    el('tr', {}, columns.map(([key, , render]) => el('td', {}, render ? render(row) : fmt(row[key])))),
  );
  return el('table', { class: 'data' }, [el('thead', {}, head), el('tbody', {}, body)]);
}

export function notice(target, error) {
  clear(target);
  target.append(
    el('p', {
      class: 'error',
      'data-status': error ? error.status : '',
      text: (error && (error.error || String(error))) || t('Error'),
    }),
  );
}
