// Journey: who the public meets after each search (a chart per query), the actors
// who weigh most (a chart), and the same weights beside audience in a table.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { basis } from '../basis.js';
import { actorLink, clear, label, notice, num, pct, t, table } from '../dom.js';

async function load(axis) {
  const weights = document.getElementById('weights');
  const summary = document.getElementById('journey-summary');
  await Promise.all([
    chart(document.getElementById('queries-chart'), '/api/charts/journey-queries', { axis }),
    chart(document.getElementById('weights-chart'), '/api/charts/journey-weights', { axis }),
    api('/api/journey/queries', { axis, limit: 1 })
      .then((page) => {
        clear(summary);
        if (page.company_share !== undefined && page.company_share !== null) {
          summary.textContent = t('Company share of journey clicks: {share}', { share: pct(page.company_share) });
        }
      })
      .catch((error) => notice(summary, error)),
    api('/api/journey', { axis, limit: 50 })
      .then((page) =>
        clear(weights).append(
          ...basis(page.basis),
          table(page.items, [
            ['actor_id', t('Actor'), (r) => actorLink(r.actor_id, r.name)],
            ['kind', t('Kind'), (r) => label('kind', r.kind)],
            ['weight', t('Journey weight'), (r) => pct(r.journey_weight ?? r.weight)],
            ['journey_rank', t('Rank'), (r) => num(r.journey_rank)],
            ['followers', t('Audience (followers)'), (r) => num(r.audience ?? r.followers)],
            ['audience_rank', t('Rank by audience'), (r) => num(r.audience_rank)],
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
