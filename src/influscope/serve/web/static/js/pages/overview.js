// Overview: key figures, each axis's share of voice against competitors and its
// open alerts, the volume trend and the sentiment mix (charts built server-side).
import { api } from '../api.js';
import { chart } from '../charts.js';
import { clear, el, notice, num, pct, t, table } from '../dom.js';

function sovBlock(rows) {
  const totals = {};
  for (const row of rows) totals[row.brand] = (totals[row.brand] || 0) + Number(row.docs ?? 0);
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  const ranked = Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .map(([brand, docs]) => ({ brand, docs, share: sum ? docs / sum : null }));
  return table(ranked, [
    ['brand', t('Brand')],
    ['share', t('Share'), (r) => pct(r.share)],
    ['docs', t('Documents'), (r) => num(r.docs)],
  ]);
}

function kpi(title, value, note) {
  return el('div', { class: 'card kpi' }, [
    el('h2', { text: title }),
    el('p', { class: 'big', text: value }),
    note ? el('p', { class: 'muted', text: note }) : '',
  ]);
}

export default async function overview() {
  const kpis = document.getElementById('kpis');
  try {
    const data = await api('/api/overview');
    clear(kpis);
    const unscoped = data.open_alerts_without_axis;
    kpis.append(
      kpi(t('Documents'), num(data.documents)),
      kpi(t('Actors'), num(data.actors)),
      kpi(t('Open alerts'), num(data.open_alerts), unscoped ? t('{count} about a brand or the whole workspace, not an axis', { count: unscoped }) : ''),
    );
    for (const axis of data.axes) {
      kpis.append(
        el('article', { class: 'card axis', 'data-axis': axis.name }, [
          el('h2', {}, el('a', { href: `/axes/${encodeURIComponent(axis.name)}`, text: axis.label })),
          el('h3', { text: t('Share of voice vs competitors') }),
          sovBlock(axis.share_of_voice),
          el('p', { class: 'axis-alerts', text: t('Open alerts on this axis: {count}', { count: axis.open_alerts }) }),
        ]),
      );
    }
  } catch (error) {
    notice(kpis, error);
  }
  await Promise.all([
    chart(document.getElementById('volume-chart'), '/api/charts/volume'),
    chart(document.getElementById('sentiment'), '/api/charts/sentiment'),
  ]);
}
