// Axis: share of voice over time, themes, actors by journey weight vs audience.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { actorLink, clear, fmt, notice, pct, t, table } from '../dom.js';

export default async function axisPage({ axis }) {
  const themes = document.getElementById('themes');
  const journey = document.getElementById('journey-table');
  await Promise.all([
    chart(document.getElementById('sov-chart'), '/api/charts/sov', { axis, by: 'week' }),
    chart(document.getElementById('journey-chart'), '/api/charts/journey-vs-audience', { axis }),
    api('/api/themes', { axis, limit: 20 })
      .then((page) =>
        clear(themes).append(
          table(page.items, [
            ['term', t('themes')],
            ['label', t('sub_conversation'), (r) => (r.cluster < 0 ? t('whole_axis') : r.label)],
            ['documents', t('documents')],
            ['score', t('score'), (r) => fmt(r.score)],
          ]),
        ),
      )
      .catch((error) => notice(themes, error)),
    api('/api/journey', { axis, limit: 20 })
      .then((page) =>
        clear(journey).append(
          table(page.items, [
            ['actor_id', t('actor'), (r) => actorLink(r.actor_id, r.name)],
            ['weight', t('journey_weight'), (r) => pct(r.journey_weight ?? r.weight)],
            ['followers', t('followers'), (r) => fmt(r.audience ?? r.followers)],
          ]),
        ),
      )
      .catch((error) => notice(journey, error)),
  ]);
}
