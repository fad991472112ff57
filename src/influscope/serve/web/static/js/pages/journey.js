// Journey: who the public meets after each search (a chart per query), the actors
// who weigh most (a chart), and the same weights beside audience in a table.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { actorLink, clear, el, label, notice, num, pct, t, table } from '../dom.js';

// What the weights rest on; a warning when it is a handful of entries (a bare 100 %
// from three reposts read as "this actor owns the public's journey").
function basis(found) {
  if (!found) return [];
  const line = el('p', {
    id: 'journey-basis',
    class: 'muted',
    text: t('Based on {searches} searches with result pages and {social} social entries.', {
      searches: num(found.searches, 0),
      social: num(Math.round(found.social), 0),
    }),
  });
  const lines = [line];
  if (found.weighted === false) {
    lines.push(el('p', {
      id: 'journey-unweighted',
      class: 'muted',
      text: t('No search volumes imported (ingest demand): every search with result pages counts the same.'),
    }));
  }
  if (!found.thin) return lines;
  const warning = el('p', {
    id: 'journey-thin',
    class: 'warning',
    role: 'alert',
    text: t('Too few to weigh a journey: these shares are those of a few entries. Import search demand and result pages, or count mentions as exposure ([journey] social_kinds).'),
  });
  return [warning, ...lines];
}

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
