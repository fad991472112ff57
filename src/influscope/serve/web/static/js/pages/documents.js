// Documents: newest first, or a query of the boolean language; paged.
import { api } from '../api.js';
import { actorLink, clear, el, label, moment, notice, t } from '../dom.js';

const PAGE = 50;

// One document as a card: who and when, the text, its link. Cards wrap on any
// width (no table wider than the screen at 390 px or 1440 px).
function card(doc) {
  // What is known, joined by dots: a document without author or time shows no empty slot.
  const known = [doc.published_at ? moment(doc.published_at) : t('no publication date'), label('platform', doc.platform)];
  return el('article', { class: 'doc' }, [
    el('header', { class: 'doc-meta' }, [
      doc.author_id ? actorLink(doc.author_id) : '',
      el('span', { class: 'muted', text: `${doc.author_id ? ' · ' : ''}${known.join(' · ')}` }),
    ]),
    doc.title ? el('h3', { class: 'doc-title', text: doc.title }) : '',
    el('p', { class: 'doc-text', text: doc.text || '' }),
    doc.url ? el('a', { class: 'doc-url', href: doc.url, text: doc.url }) : '',
  ]);
}

export default async function documentsPage() {
  const target = document.getElementById('documents');
  const form = document.getElementById('doc-search');
  const input = document.getElementById('doc-q');
  let offset = 0;
  const load = async () => {
    try {
      const page = await api('/api/documents', { q: input.value, limit: PAGE, offset });
      const last = Math.min(offset + PAGE, page.total);
      clear(target).append(
        el('p', { class: 'muted', text: t('{first}–{last} of {total} documents', { first: page.total ? offset + 1 : 0, last, total: page.total }) }),
        page.items.length ? el('div', { class: 'doc-list' }, page.items.map(card)) : el('p', { class: 'muted', text: t('Nothing to show.') }),
        el('nav', { class: 'pager' }, [
          el('button', { type: 'button', text: t('Previous'), on: { click: () => { offset = Math.max(0, offset - PAGE); load(); } } }),
          el('button', { type: 'button', text: t('Next'), on: { click: () => { if (offset + PAGE < page.total) { offset += PAGE; load(); } } } }),
        ]),
      );
    } catch (error) {
      notice(target, error);
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); offset = 0; load(); });
  await load();
}
