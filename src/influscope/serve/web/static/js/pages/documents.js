// Documents: newest first, or a query of the boolean language; paged.
import { api } from '../api.js';
import { actorLink, clear, el, notice, t, table } from '../dom.js';

export default async function documentsPage() {
  const target = document.getElementById('documents');
  const form = document.getElementById('doc-search');
  const input = document.getElementById('doc-q');
  let offset = 0;
  const load = async () => {
    try {
      const page = await api('/api/documents', { q: input.value, limit: 50, offset });
      clear(target).append(
        el('p', { class: 'muted', text: `${page.total} ${t('total')}` }),
        table(page.items, [
          ['published_at', 'date'],
          ['author_id', t('actor'), (r) => (r.author_id ? actorLink(r.author_id) : '')],
          ['text', t('documents'), (r) => el('span', { class: 'doc-text', text: r.text || r.title || '' })],
          ['url', 'url', (r) => (r.url ? el('a', { href: r.url, text: r.url }) : '')],
        ]),
        el('button', { type: 'button', text: t('previous'), on: { click: () => { offset = Math.max(0, offset - 50); load(); } } }),
        el('button', { type: 'button', text: t('next'), on: { click: () => { if (offset + 50 < page.total) { offset += 50; load(); } } } }),
      );
    } catch (error) {
      notice(target, error);
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); offset = 0; load(); });
  await load();
}
