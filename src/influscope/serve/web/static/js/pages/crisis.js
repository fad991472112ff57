// Crisis page: one incident at a time — its timeline, narratives, the attack's
// cascade, coordinated accounts, defenders (the crisis KPI) and riposte readiness.
import { api, post } from '../api.js';
import { actorLink, clear, el, fmt, label, moment, notice, pct, t, table } from '../dom.js';

function section(id, title, children) {
  return el('section', { id }, [el('h2', { text: title }), ...children]);
}

// An "alert added" event names the alert by its rule and detector, not its id.
function added(event, alerts) {
  const alert = event.kind === 'alert' ? alerts[event.detail] : undefined;
  return alert ? `${alert.rule} · ${label('detector', alert.detector)}` : event.detail ?? '';
}

function timeline(incident, reload) {
  const alerts = Object.fromEntries(incident.alerts.map((a) => [a.alert_id, a]));
  const act = (verb, text) => el('button', {
    type: 'button', class: `btn-${verb}`, text,
    on: { click: async (event) => {
      event.target.disabled = true;
      try { await post(`/api/incidents/${encodeURIComponent(incident.incident_id)}/${verb}`); await reload(); }
      catch (error) { notice(event.target.parentElement, error); }
    } },
  });
  return section('incident-timeline', t('Timeline'), [
    el('p', {}, [
      el('strong', { class: `sev sev-${incident.severity}`, text: label('severity', incident.severity) }), ' ',
      el('span', { class: 'state', 'data-state': incident.state, text: label('incident_state', incident.state) }), ' ',
      el('span', { class: 'muted', text: `${moment(incident.window_start)} → ${moment(incident.window_end)}` }),
    ]),
    el('div', { class: 'actions' }, [
      incident.state === 'open' ? act('ack', t('Acknowledge')) : '',
      incident.state !== 'resolved' ? act('resolve', t('Resolve')) : '',
    ]),
    table(incident.timeline, [
      ['at', t('When'), (r) => moment(r.at)], ['kind', t('Event'), (r) => label('timeline_event', r.kind)],
      ['by_user', t('By')], ['detail', t('Detail'), (r) => added(r, alerts)],
    ]),
    table(incident.alerts, [
      ['rule', t('Rule')], ['detector', t('Detector'), (r) => label('detector', r.detector)],
      ['window_start', t('When'), (r) => moment(r.window_start)],
      // a negative share is a share (0.9 read as "0,9" beside counts of documents)
      ['observed', t('Observed'), (r) => (r.detector === 'negative_share' ? pct(r.observed) : fmt(r.observed))],
    ]),
  ]);
}

function analysis(body) {
  const parts = [];
  parts.push(section('narratives', t('Narratives'), [
    table(body.narratives, [
      ['label', t('Narrative')], ['documents', t('Posts')], ['accounts', t('Accounts')],
      ['origin_author', t('Origin'), (r) => actorLink(r.origin_author)], ['first_seen', t('First seen'), (r) => moment(r.first_seen)],
    ]),
  ]));
  if (body.cascade) {
    const c = body.cascade;
    parts.push(section('cascade', t('Cascade of the attack'), [
      el('dl', { class: 'kpis' }, [
        el('dt', { text: t('Origin') }), el('dd', {}, actorLink(c.origin_author)),
        el('dt', { text: t('Size') }), el('dd', { text: fmt(c.size) }),
        el('dt', { text: t('Depth') }), el('dd', { text: fmt(c.depth) }),
        el('dt', { text: t('Breadth') }), el('dd', { text: fmt(c.breadth) }),
        el('dt', { text: t('Structural virality') }), el('dd', { text: fmt(c.structural_virality) }),
      ]),
      el('p', {}, [t('First movers'), ': ', ...c.first_movers.flatMap((a) => [actorLink(a), ' '])]),
    ]));
  }
  if (body.defenders) {
    const d = body.defenders;
    parts.push(section('defenders', t('Defenders'), [
      el('p', { class: 'kpi' }, [t('Defenders\' share of voice'), ': ', el('strong', { id: 'defender-share', text: pct(d.share_of_voice) })]),
      table(d.actors, [
        ['actor_id', t('Actor'), (r) => actorLink(r.actor_id)],
        ['relation', t('Relation'), (r) => label('defender', r.relation)],
        ['first_at', t('When'), (r) => moment(r.first_at)], ['documents', t('Posts')],
      ]),
    ]));
  }
  parts.push(section('coordination', t('Coordinated accounts'), [
    table(body.coordination.groups, [['group', '#'], ['accounts', t('Accounts'), (r) => String(r.accounts.length)], ['contents', t('Contents')], ['score', t('Score')]]),
  ]));
  parts.push(section('riposte', t('Riposte readiness'), [
    table(body.riposte.queries, [['query', t('Query')], ['best_owned_rank', t('Best rank of an owned page'), (r) => r.best_owned_rank ?? t('absent')], ['owned_slots', t('Owned results in the top 10')]]),
  ]));
  return parts;
}

export default async function crisisPage() {
  const select = document.getElementById('incident');
  const target = document.getElementById('crisis');
  const page = await api('/api/incidents', { limit: 200, lang: document.body.dataset.lang });
  clear(select);
  for (const incident of page.items) {
    select.append(el('option', { value: incident.incident_id, text: `${moment(incident.window_start)} · ${incident.title || incident.incident_id}` }));
  }
  let turns = 0; // a later reload (another incident chosen) outdates an earlier one
  const reload = async () => {
    const turn = ++turns;
    clear(target);
    if (!select.value) { target.append(el('p', { class: 'muted', text: t('Nothing to show.') })); return; }
    // The incident (its state, timeline and actions) is shown as soon as it is read:
    // the analysis of the crisis may take a while to recompute after a change, and
    // acknowledging or resolving must not wait for it.
    const id = encodeURIComponent(select.value);
    const analysed = api(`/api/incidents/${id}/crisis`);
    analysed.catch(() => {}); // read below; an outdated or abandoned one is no page error
    try {
      const incident = await api(`/api/incidents/${id}`);
      if (turn !== turns) return;
      target.append(timeline(incident, reload));
    } catch (error) {
      if (turn === turns) notice(target, error);
      return;
    }
    const waiting = el('p', { class: 'muted', id: 'crisis-analysing', text: t('Analysing the crisis…') });
    target.append(waiting);
    try {
      const body = await analysed;
      if (turn !== turns) return;
      waiting.remove();
      target.append(...analysis(body));
    } catch (error) {
      if (turn !== turns) return;
      waiting.remove();
      notice(target, error);
    }
  };
  select.addEventListener('change', reload);
  await reload();
}
