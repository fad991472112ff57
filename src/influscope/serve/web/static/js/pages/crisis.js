// Crisis page: one incident at a time — its timeline, narratives, the attack's
// cascade, coordinated accounts, defenders (the crisis KPI) and riposte readiness.
import { api, post } from '../api.js';
import { actorLink, clear, el, fmt, notice, pct, t, table } from '../dom.js';

function section(id, title, children) {
  return el('section', { id }, [el('h2', { text: title }), ...children]);
}

function timeline(incident, reload) {
  const act = (verb) => el('button', {
    type: 'button', class: `btn-${verb}`, text: t(verb),
    on: { click: async (event) => {
      event.target.disabled = true;
      try { await post(`/api/incidents/${encodeURIComponent(incident.incident_id)}/${verb}`); await reload(); }
      catch (error) { notice(event.target.parentElement, error); }
    } },
  });
  return section('incident-timeline', t('timeline'), [
    el('p', {}, [
      el('strong', { class: `sev sev-${incident.severity}`, text: incident.severity }), ' ',
      el('span', { class: 'state', 'data-state': incident.state, text: t(`incident_${incident.state}`) }), ' ',
      el('span', { class: 'muted', text: `${fmt(incident.window_start)} → ${fmt(incident.window_end)}` }),
    ]),
    el('div', { class: 'actions' }, [
      incident.state === 'open' ? act('ack') : '',
      incident.state !== 'resolved' ? act('resolve') : '',
    ]),
    table(incident.timeline, [['at', t('when')], ['kind', t('event')], ['by_user', t('by')], ['detail', t('detail')]]),
    table(incident.alerts, [['rule', t('rule')], ['detector', t('detector')], ['window_start', t('when')], ['observed', t('observed')]]),
  ]);
}

function analysis(body) {
  const parts = [];
  parts.push(section('narratives', t('narratives'), [
    table(body.narratives, [
      ['label', t('narrative')], ['documents', t('documents_count')], ['accounts', t('accounts')],
      ['origin_author', t('origin'), (r) => actorLink(r.origin_author)], ['first_seen', t('first_seen')],
    ]),
  ]));
  if (body.cascade) {
    const c = body.cascade;
    parts.push(section('cascade', t('cascade'), [
      el('dl', { class: 'kpis' }, [
        el('dt', { text: t('origin') }), el('dd', {}, actorLink(c.origin_author)),
        el('dt', { text: t('size') }), el('dd', { text: fmt(c.size) }),
        el('dt', { text: t('depth') }), el('dd', { text: fmt(c.depth) }),
        el('dt', { text: t('breadth') }), el('dd', { text: fmt(c.breadth) }),
        el('dt', { text: t('structural_virality') }), el('dd', { text: fmt(c.structural_virality) }),
      ]),
      el('p', {}, [t('first_movers'), ': ', ...c.first_movers.flatMap((a) => [actorLink(a), ' '])]),
    ]));
  }
  if (body.defenders) {
    const d = body.defenders;
    parts.push(section('defenders', t('crisis_defenders'), [
      el('p', { class: 'kpi' }, [t('defender_share'), ': ', el('strong', { id: 'defender-share', text: pct(d.share_of_voice) })]),
      table(d.actors, [
        ['actor_id', t('actor'), (r) => actorLink(r.actor_id)], ['relation', t('relation')],
        ['first_at', t('when')], ['documents', t('documents_count')],
      ]),
    ]));
  }
  parts.push(section('coordination', t('coordination'), [
    table(body.coordination.groups, [['group', '#'], ['accounts', t('accounts'), (r) => String(r.accounts.length)], ['contents', t('contents')], ['score', t('score')]]),
  ]));
  parts.push(section('riposte', t('riposte'), [
    table(body.riposte.queries, [['query', t('query')], ['best_owned_rank', t('owned_rank'), (r) => r.best_owned_rank ?? t('absent')], ['owned_slots', t('owned_slots')]]),
  ]));
  return parts;
}

export default async function crisisPage() {
  const select = document.getElementById('incident');
  const target = document.getElementById('crisis');
  const page = await api('/api/incidents', { limit: 200 });
  clear(select);
  for (const incident of page.items) {
    select.append(el('option', { value: incident.incident_id, text: `${fmt(incident.window_start)} · ${incident.title || incident.incident_id}` }));
  }
  const reload = async () => {
    clear(target);
    if (!select.value) { target.append(el('p', { class: 'muted', text: t('empty') })); return; }
    try {
      const id = encodeURIComponent(select.value);
      const [incident, body] = await Promise.all([api(`/api/incidents/${id}`), api(`/api/incidents/${id}/crisis`)]);
      target.append(timeline(incident, reload), ...analysis(body));
    } catch (error) {
      notice(target, error);
    }
  };
  select.addEventListener('change', reload);
  await reload();
}
