// Overview: per axis share of voice vs competitors, open alerts; volume and sentiment.
import { api } from '../api.js';
import { chart } from '../charts.js';
import { clear, el, fmt, notice, t, table } from '../dom.js';

function sovBlock(sov) {
  const totals = {};
  for (const row of sov) {
    const brand = row.brand ?? row.name ?? '?';
    totals[brand] = (totals[brand] || 0) + Number(row.mentions ?? row.documents ?? row.count ?? row.share ?? 0);
  }
  const sum = Object.values(totals).reduce((a, b) => a + b, 0) || 1;
  const rows = Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .map(([brand, value]) => ({ brand, share: `${((100 * value) / sum).toFixed(1)} %` }));
  return table(rows, [['brand', t('brand')], ['share', t('share')]]);
}

export default async function overview() {
  const kpis = document.getElementById('kpis');
  try {
    const data = await api('/api/overview');
    clear(kpis);
    kpis.append(
      el('div', { class: 'card kpi' }, [el('h2', { text: t('documents') }), el('p', { class: 'big', text: fmt(data.documents) })]),
      el('div', { class: 'card kpi' }, [el('h2', { text: t('actors') }), el('p', { class: 'big', text: fmt(data.actors) })]),
      el('div', { class: 'card kpi' }, [
        el('h2', { text: t('open_alerts') }),
        el('p', { class: 'big', text: data.open_alerts === null ? '—' : fmt(data.open_alerts) }),
      ]),
    );
    for (const axis of data.axes) {
      kpis.append(
        el('article', { class: 'card axis', 'data-axis': axis.name }, [
          el('h2', {}, el('a', { href: `/axes/${encodeURIComponent(axis.name)}`, text: axis.label })),
          el('h3', { text: `${t('share_of_voice')} ${t('vs_competitors')}` }),
          sovBlock(axis.share_of_voice),
          el('p', { text: `${t('open_alerts')}: ${axis.open_alerts === null ? '—' : axis.open_alerts}` }),
        ]),
      );
    }
    const sentiment = document.getElementById('sentiment');
    clear(sentiment).append(table(data.sentiment, [['value', t('sentiment')], ['count', t('total')]]));
  } catch (error) {
    notice(kpis, error);
  }
  await chart(document.getElementById('volume-chart'), '/api/charts/volume');
}
