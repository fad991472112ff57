// Safe DOM building: text goes through textContent, links only to http(s) or
// same-site paths, so posts, names and bios can never become markup or script.
let labelCache = null;

export function labels() {
  if (!labelCache) {
    const node = document.getElementById('labels');
    labelCache = node ? JSON.parse(node.textContent) : {};
  }
  return labelCache;
}

export function t(key) {
  return labels()[`ui.${key}`] || key;
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

export function actorLink(id, name) {
  return el('a', { href: `/actors/${encodeURIComponent(id)}`, text: name || id });
}

// A share (0–1) as a percentage in the page's language: the one scale of journey
// weights and click shares everywhere (API values stay shares).
export function pct(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '';
  const share = Number(value);
  const digits = share !== 0 && Math.abs(share) < 0.001 ? 3 : 1;
  return new Intl.NumberFormat(document.documentElement.lang || undefined, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

export function fmt(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(3);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// A table of rows; `columns` is [[key, label, render?]]; render returns a Node or text.
export function table(rows, columns) {
  if (!rows || !rows.length) return el('p', { class: 'muted', text: t('empty') });
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
      text: (error && (error.error || String(error))) || t('error'),
    }),
  );
}
