// Alerts inbox: each alert with its explanation and evidence; ack/close for writers.
import { api, post } from '../api.js';
import { actorLink, clear, el, fmt, notice, t } from '../dom.js';

function evidenceOf(alert) {
  let evidence = alert.evidence;
  if (typeof evidence === 'string') {
    try { evidence = JSON.parse(evidence); } catch { return el('p', { text: evidence }); }
  }
  if (!evidence || typeof evidence !== 'object') return el('p', { class: 'muted', text: t('empty') });
  const parts = [];
  for (const [key, value] of Object.entries(evidence)) {
    const items = Array.isArray(value) ? value : [value];
    parts.push(el('h4', { text: key }), el('ul', {}, items.slice(0, 10).map((item) => {
      if (item && typeof item === 'object') {
        const text = item.text || item.title || item.name || item.term || JSON.stringify(item);
        return el('li', {}, [item.actor_id ? actorLink(item.actor_id, item.actor_id) : '', ' ', el('span', { class: 'doc-text', text })]);
      }
      return el('li', { text: fmt(item) });
    })));
  }
  return el('div', { class: 'evidence' }, parts);
}

function row(alert, reload) {
  const id = alert.alert_id;
  const act = (verb) => el('button', {
    type: 'button', class: `btn-${verb}`, 'data-alert': id, text: t(verb),
    on: { click: async (event) => {
      event.target.disabled = true;
      try { await post(`/api/alerts/${encodeURIComponent(id)}/${verb}`); await reload(); }
      catch (error) { notice(event.target.parentElement, error); }
    } },
  });
  return el('article', { class: `alert state-${alert.state}`, 'data-alert': id }, [
    el('header', {}, [
      el('strong', { text: alert.rule }), ' ',
      el('span', { class: `sev sev-${alert.severity}`, text: alert.severity || '' }), ' ',
      el('span', { class: 'muted', text: `${fmt(alert.fired_at)} · ${alert.key || ''}` }), ' ',
      el('span', { class: 'state', text: alert.state }),
    ]),
    el('h3', { text: t('explanation') }),
    el('p', { class: 'explanation', text: alert.explanation || '' }),
    el('details', {}, [el('summary', { text: t('evidence') }), evidenceOf(alert)]),
    el('div', { class: 'actions' }, [
      alert.state === 'new' ? act('ack') : '',
      alert.state !== 'closed' ? act('close') : '',
    ]),
  ]);
}

export default async function alertsPage() {
  const target = document.getElementById('alerts');
  const state = document.getElementById('alert-state');
  const reload = async () => {
    try {
      const page = await api('/api/alerts', { state: state.value, limit: 100 });
      clear(target);
      if (!page.items.length) target.append(el('p', { class: 'muted', text: t('empty') }));
      for (const alert of page.items) target.append(row(alert, reload));
    } catch (error) {
      notice(target, error);
    }
  };
  state.addEventListener('change', reload);
  await reload();
}
