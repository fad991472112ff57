// Influencers: return on influence, tiers by position (with their reasons), rising stars,
// who is worth a relationship, employee advocacy and the audited relationship log.
import { api } from '../api.js';
import { actorLink, clear, el, fmt, notice, pct, t, table } from '../dom.js';

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (values[key] ?? ''));
}

// A tier's reasons as one sentence in the page's language (codes come from the API).
export function reasons(row) {
  return (row.reasons || [])
    .map((reason) => {
      const values = { ...reason.values };
      for (const key of ['top', 'outside', 'share']) if (key in values) values[key] = pct(values[key]);
      return fill(t(`reason_${reason.code}`), values);
    })
    .join(' · ');
}

function roiPanel(target, roi) {
  const own = roi.share_of_voice.filter((r) => r.brand === roi.brand);
  const accept = roi.acceptability;
  const campaigns = roi.campaigns || [];
  clear(target).append(
    el('div', { class: 'kpis' }, [
      el('div', { class: 'kpi', 'data-kpi': 'acceptability' }, [
        el('strong', { text: pct(accept.index) }),
        el('span', { text: ` ${t('acceptability')} [${pct(accept.low)} – ${pct(accept.high)}]` }),
      ]),
      el('div', { class: 'kpi', 'data-kpi': 'balance' }, [
        el('strong', { text: fmt(accept.balance) }),
        el('span', { text: ` ${t('stance_balance')}` }),
      ]),
    ]),
    el('p', { class: 'muted', text: t('acceptability_help') }),
    el('h3', { text: t('share_of_voice') }),
    table(own, [
      ['period', t('period')],
      ['share', t('share'), (r) => pct(r.share)],
      ['docs', t('documents')],
      ['positive_rate', t('sentiment'), (r) => pct(r.positive_rate)],
    ]),
    el('h3', { text: t('journey_share') }),
    table(Object.entries(roi.journey_share).map(([brand, share]) => ({ brand, share })), [
      ['brand', t('brand')],
      ['share', t('journey_share'), (r) => pct(r.share)],
    ]),
    el('h3', { text: t('campaigns') }),
    campaigns.length
      ? el('ul', {}, campaigns.map((c) =>
          el('li', { 'data-campaign': c.name }, [
            el('strong', { text: `${c.name}: ` }),
            fill(t('campaign_effect'), {
              effect: fmt(c.estimate.effect),
              low: fmt(c.estimate.low),
              high: fmt(c.estimate.high),
            }),
          ])))
      : el('p', { class: 'muted', text: t('empty') }),
  );
}

async function load(axis) {
  const parts = {
    roi: document.getElementById('roi'),
    tiers: document.getElementById('tiers'),
    rising: document.getElementById('rising'),
    worth: document.getElementById('worth'),
    advocacy: document.getElementById('advocacy'),
    relations: document.getElementById('relations'),
  };
  await Promise.all([
    api('/api/influence/roi', { axis }).then((roi) => roiPanel(parts.roi, roi)).catch((e) => notice(parts.roi, e)),
    api('/api/influence/tiers', { axis, limit: 1000 })
      .then((page) => {
        const ranked = page.items.filter((r) => r.tier !== 'none').slice(0, 40);
        clear(parts.tiers).append(
          table(ranked, [
            ['actor_id', t('actor'), (r) => actorLink(r.actor_id, r.name)],
            ['tier', t('tier'), (r) => t(`tier_${r.tier}`)],
            ['community', t('community')],
            ['reasons', t('explanation'), (r) => reasons(r)],
          ]),
        );
        const rising = page.items.filter((r) => r.rising);
        clear(parts.rising).append(
          table(rising, [
            ['actor_id', t('actor'), (r) => actorLink(r.actor_id, r.name)],
            ['growth', t('growth'), (r) => `×${fmt(r.growth)}`],
            ['tier', t('tier'), (r) => t(`tier_${r.tier}`)],
          ]),
        );
      })
      .catch((e) => { notice(parts.tiers, e); notice(parts.rising, e); }),
    api('/api/influence/worth', { axis, limit: 20 })
      .then((body) =>
        clear(parts.worth).append(
          table(body.items, [
            ['actor_id', t('actor'), (r) => actorLink(r.actor_id, r.name)],
            ['kind', t('kind')],
            ['journey_weight', t('journey_weight'), (r) => pct(r.journey_weight)],
            ['stance', t('stance')],
            ['tier', t('tier'), (r) => (r.tier ? t(`tier_${r.tier}`) : '')],
          ]),
        ),
      )
      .catch((e) => notice(parts.worth, e)),
    api('/api/influence/advocacy', { axis })
      .then((body) =>
        clear(parts.advocacy).append(
          el('div', { class: 'kpis' }, [
            el('div', { class: 'kpi', 'data-kpi': 'originality' }, [el('strong', { text: pct(body.originality) }), el('span', { text: ` ${t('originality')}` })]),
            el('div', { class: 'kpi', 'data-kpi': 'sov_contribution' }, [el('strong', { text: pct(body.sov_contribution) }), el('span', { text: ` ${t('sov_contribution')}` })]),
          ]),
          table(body.participation, [
            ['period', t('period')],
            ['participation', t('participation'), (r) => pct(r.participation)],
            ['executives_active', t('executives'), (r) => `${r.executives_active}/${r.executives}`],
          ]),
          el('h3', { text: t('leaderboard') }),
          body.pseudonymised ? el('p', { class: 'muted', text: t('pseudonymised') }) : null,
          table(body.leaderboard.slice(0, 20), [
            ['rank', '#'],
            ['who', t('actor'), (r) => (r.actor_id ? actorLink(r.actor_id, r.name) : r.pseudonym)],
            ['own_words', t('own_words')],
            ['copies', t('copies')],
            ['reposts', t('reposts')],
            ['axis_brand_documents', t('share_of_voice')],
          ]),
        ),
      )
      .catch((e) => notice(parts.advocacy, e)),
    loadRelations(parts.relations),
  ]);
}

// A writer (the form is on the page) can delete an entry; the deletion is audited.
function deleteButton(row, target) {
  const button = el('button', { type: 'button', class: 'link', 'data-delete': row.relation_id, text: t('delete_entry') });
  button.addEventListener('click', async () => {
    try {
      await api(`/api/influence/relations/${encodeURIComponent(row.relation_id)}`, {}, { method: 'DELETE' });
      await loadRelations(target);
    } catch (error) {
      notice(target, error);
    }
  });
  return button;
}

async function loadRelations(target) {
  try {
    const body = await api('/api/influence/relations');
    const columns = [
      ['date', t('date'), (r) => String(r.date).slice(0, 10)],
      ['actor_id', t('actor'), (r) => actorLink(r.actor_id)],
      ['kind', t('relation_kind')],
      ['collaboration', t('collaboration')],
      ['horizon', t('horizon')],
      ['owner', t('owner')],
      ['next_step', t('next_step')],
    ];
    if (document.getElementById('relation-form')) columns.push(['relation_id', '', (r) => deleteButton(r, target)]);
    clear(target).append(table(body.items, columns));
  } catch (error) {
    notice(target, error);
  }
}

export default async function influencePage() {
  const select = document.getElementById('influence-axis');
  select.addEventListener('change', () => load(select.value));
  const form = document.getElementById('relation-form');
  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const status = document.getElementById('relation-status');
      const entry = Object.fromEntries(new FormData(form).entries());
      try {
        await api('/api/influence/relations', {}, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(entry),
        });
        status.textContent = t('saved');
        await loadRelations(document.getElementById('relations'));
      } catch (error) {
        status.textContent = error.error || t('error');
      }
    });
  }
  await load(select.value);
}
