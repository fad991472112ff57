// Alerts inbox: each alert with its explanation (in the page's language) and its
// evidence under readable headings; acknowledge/close for writers.
import { api, post } from '../api.js';
import { actorLink, clear, el, label, moment, notice, num, t, table } from '../dom.js';

// Evidence keys in reading order; each item becomes words, never raw JSON.
const EVIDENCE = {
  documents: (d) => [
    d.author_id ? actorLink(d.author_id) : '',
    el('span', { class: 'muted', text: ` ${moment(d.published_at)} ` }),
    el('span', { class: 'doc-text', text: d.text || '' }),
  ],
  actors: (a) => [actorLink(a.actor_id), el('span', { class: 'muted', text: ' — ' + t('{count} documents', { count: a.documents }) })],
  terms: (x) => [el('span', { text: x.term }), el('span', { class: 'muted', text: x.count !== undefined ? ` (${num(x.count)})` : '' })],
  frequent_terms: (x) => [el('span', { text: x.term }), el('span', { class: 'muted', text: ` (${num(x.count)})` })],
  links: (x) => [el('a', { href: x.url, text: x.domain || x.url }), el('span', { class: 'muted', text: ' — ' + t('{count} documents', { count: x.documents }) })],
  communities: (c) => [el('span', { text: t('Community {number}', { number: c.community }) }), el('span', { class: 'muted', text: ' — ' + t('{count} actors', { count: c.actors }) })],
};

function evidenceOf(alert) {
  let evidence = alert.evidence;
  if (typeof evidence === 'string') {
    try { evidence = JSON.parse(evidence); } catch { evidence = {}; }
  }
  const parts = [];
  for (const [key, render] of Object.entries(EVIDENCE)) {
    const items = (evidence && evidence[key]) || [];
    if (!items.length) continue;
    // An item that is a plain string (an older store) is shown as it is.
    const shown = (item) => (item && typeof item === 'object' ? render(item) : el('span', { class: 'doc-text', text: String(item) }));
    parts.push(el('h4', { text: label('evidence', key) }), el('ul', {}, items.slice(0, 10).map((item) => el('li', {}, shown(item)))));
  }
  if (!parts.length) return el('p', { class: 'muted', text: t('Nothing to show.') });
  return el('div', { class: 'evidence' }, parts);
}

function row(alert, reload) {
  const id = alert.alert_id;
  const act = (verb, text) => el('button', {
    type: 'button', class: `btn-${verb}`, 'data-alert': id, text,
    on: { click: async (event) => {
      event.target.disabled = true;
      try { await post(`/api/alerts/${encodeURIComponent(id)}/${verb}`); await reload(); }
      catch (error) { notice(event.target.parentElement, error); }
    } },
  });
  return el('article', { class: `alert state-${alert.state}`, 'data-alert': id }, [
    el('header', {}, [
      el('strong', { text: alert.rule }), ' ',
      el('span', { class: `sev sev-${alert.severity}`, text: label('severity', alert.severity) }), ' ',
      el('span', { class: 'muted', text: moment(alert.fired_at) }), ' ',
      el('span', { class: 'state', text: label('state', alert.state) }),
    ]),
    el('h3', { text: t('Explanation') }),
    el('p', { class: 'explanation', text: alert.explanation || '' }),
    el('details', {}, [el('summary', { text: t('Evidence') }), evidenceOf(alert)]),
    el('div', { class: 'actions' }, [
      alert.state === 'new' ? act('ack', t('Acknowledge')) : '',
      alert.state !== 'closed' ? act('close', t('Close')) : '',
    ]),
  ]);
}

// A rule that fails raises nothing: the watch keeps its last error (GET /api/status), shown
// above the inbox so an empty inbox is never read as "nothing happened".
async function failingRules() {
  const section = document.getElementById('failing-rules');
  const target = document.getElementById('failing-rules-table');
  try {
    const status = await api('/api/status');
    const rules = status.failing_rules || [];
    section.hidden = rules.length === 0;
    clear(target).append(table(rules, [
      ['rule', t('Rule')],
      ['error', t('Error')],
      ['hint', t('Hint')],
      ['since', t('Since'), (r) => moment(r.since)],
    ]));
  } catch (error) {
    section.hidden = false;
    notice(target, error);
  }
}

export default async function alertsPage() {
  const target = document.getElementById('alerts');
  const state = document.getElementById('alert-state');
  const reload = async () => {
    try {
      const page = await api('/api/alerts', { state: state.value, limit: 100, lang: document.body.dataset.lang });
      clear(target);
      if (!page.items.length) target.append(el('p', { class: 'muted', text: t('Nothing to show.') }));
      for (const alert of page.items) target.append(row(alert, reload));
    } catch (error) {
      notice(target, error);
    }
  };
  state.addEventListener('change', reload);
  await Promise.all([reload(), failingRules()]);
}
