// Journey: queries → result pages → actors, as three linked columns, and the weights.
import { api } from '../api.js';
import { actorLink, clear, el, fmt, notice, pct, t, table } from '../dom.js';

function flow(rows) {
  // Each row: a query with its volume, the actor at the top result and who
  // occupies its results (kind → share of clicks); older shapes list steps.
  const byQuery = new Map();
  for (const row of rows) {
    const query = row.query ?? '?';
    if (!byQuery.has(query)) byQuery.set(query, { volume: row.volume, steps: [] });
    const info = byQuery.get(query);
    if (row.occupants) {
      for (const [kind, share] of Object.entries(row.occupants)) info.steps.push({ result: kind, share });
      if (row.top_result) info.steps.push({ result: '#1', actor_id: row.top_result });
    } else info.steps.push(row);
  }
  const items = [...byQuery.entries()].map(([query, info]) =>
    el('div', { class: 'flow-row' }, [
      el('div', { class: 'flow-query' }, [el('strong', { text: query }), el('span', { class: 'muted', text: ` ${fmt(info.volume)}` })]),
      el('div', { class: 'flow-steps' }, info.steps.map((s) =>
        el('div', { class: 'flow-step' }, [
          el('span', { class: 'flow-result', text: s.domain || s.url || s.result || '' }),
          el('span', { text: ' → ' }),
          s.actor_id ? actorLink(s.actor_id, s.name) : el('span', { text: '' }),
          el('span', { class: 'muted', text: ` ${s.share !== undefined ? pct(s.share) : fmt(s.weight ?? s.clicks)}` }),
        ]),
      )),
    ]),
  );
  return items.length ? el('div', {}, items) : el('p', { class: 'muted', text: t('empty') });
}

async function load(axis) {
  const target = document.getElementById('flow');
  const weights = document.getElementById('weights');
  await Promise.all([
    api('/api/journey/queries', { axis, limit: 200 })
      .then((page) => clear(target).append(flow(page.items)))
      .catch((error) => notice(target, error)),
    api('/api/journey', { axis, limit: 50 })
      .then((page) =>
        clear(weights).append(
          table(page.items, [
            ['actor_id', t('actor'), (r) => actorLink(r.actor_id, r.name)],
            ['weight', t('journey_weight'), (r) => pct(r.journey_weight ?? r.weight)],
            ['followers', t('followers'), (r) => fmt(r.audience ?? r.followers)],
          ]),
        ),
      )
      .catch((error) => notice(weights, error)),
  ]);
}

export default async function journeyPage() {
  const select = document.getElementById('journey-axis');
  select.addEventListener('change', () => load(select.value));
  await load(select.value);
}
