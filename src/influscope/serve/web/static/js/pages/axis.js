// Axis: share of voice over time, themes, actors by journey weight vs audience.
import { api } from '../api.js';
import { basis } from '../basis.js';
import { chart } from '../charts.js';
import { actorLink, clear, num, notice, pct, t, table } from '../dom.js';

export default async function axisPage({ axis }) {
  const themes = document.getElementById('themes');
  const journey = document.getElementById('journey-table');
  await Promise.all([
    chart(document.getElementById('sov-chart'), '/api/charts/sov', { axis }),
    chart(document.getElementById('journey-chart'), '/api/charts/journey-vs-audience', { axis }),
    api('/api/themes', { axis, limit: 20 })
      .then((page) =>
        clear(themes).append(
          table(page.items, [
            ['term', t('Themes')],
            ['label', t('Sub-conversation'), (r) => (Number(r.cluster) < 0 ? t('Whole axis') : r.label)],
            ['documents', t('Documents'), (r) => num(r.documents)],
            ['score', t('Score'), (r) => num(r.score, 2)],
          ]),
        ),
      )
      .catch((error) => notice(themes, error)),
    api('/api/journey', { axis, limit: 20 })
      .then((page) =>
        clear(journey).append(
          ...basis(page.basis),
          table(page.items, [
            ['actor_id', t('Actor'), (r) => actorLink(r.actor_id, r.name)],
            ['weight', t('Journey weight (share of encounters)'), (r) => pct(r.journey_weight ?? r.weight)],
            ['followers', t('Audience (followers)'), (r) => num(r.audience ?? r.followers)],
          ]),
        ),
      )
      .catch((error) => notice(journey, error)),
  ]);
}
