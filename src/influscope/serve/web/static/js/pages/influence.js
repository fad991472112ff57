// Influencers: return on influence, tiers by position (with their reasons), rising stars,
// who is worth a relationship, employee advocacy and the audited relationship log.
import { api } from '../api.js';
import { actorLink, clear, day, el, label, notice, num, pct, t, table } from '../dom.js';

// A tier's reasons as one sentence in the page's language (codes come from the API).
const REASONS = {
  position: (v) => t('top {top} of the map', { top: pct(v.top) }),
  community: (v) => t('#{rank} of its community of {size}', { rank: v.rank, size: v.size }),
  reach: (v) => t('communities reached: {communities} ({outside} from outside its own)', { communities: v.communities, outside: pct(v.outside) }),
  journey: (v) => t('top {top} of journey weights', { top: pct(v.top) }),
  focus: (v) => t('{share} of its posts on the axis', { share: pct(v.share) }),
};

export function reasons(row) {
  return (row.reasons || [])
    .map((reason) => (REASONS[reason.code] ? REASONS[reason.code](reason.values || {}) : ''))
    .filter(Boolean)
    .join(' · ');
}

// A signed number (the stance balance runs from −1 to +1).
function signed(value) {
  if (value === null || value === undefined) return '';
  return `${value > 0 ? '+' : ''}${num(value, 2)}`;
}

function roiPanel(target, roi) {
  const own = roi.share_of_voice.filter((r) => r.brand === roi.brand);
  const accept = roi.acceptability;
  const campaigns = roi.campaigns || [];
  clear(target).append(
    el('div', { class: 'kpis' }, [
      el('div', { class: 'kpi', 'data-kpi': 'acceptability' }, [
        el('strong', { text: pct(accept.index) }),
        el('span', { text: ' ' + t('Social acceptability') + ` [${pct(accept.low)} – ${pct(accept.high)}]` }),
      ]),
      el('div', { class: 'kpi', 'data-kpi': 'balance' }, [
        el('strong', { text: signed(accept.balance) }),
        el('span', { text: ' ' + t('Stance balance (allies − detractors)') }),
      ]),
    ]),
    el('p', { class: 'muted', text: t('Favourable actors\' share among favourable and opposed ones, weighted by journey weight (equal weights when no journey is stored or it meets fewer than two of them), with its {level} interval.', { level: pct(0.95) }) }),
    el('h3', { text: t('Share of voice') }),
    table(own, [
      ['period', t('Period'), (r) => r.period || t('no publication date')],
      ['share', t('Share'), (r) => pct(r.share)],
      ['docs', t('Documents'), (r) => num(r.docs)],
      ['positive_rate', t('Positive share'), (r) => pct(r.positive_rate)],
    ]),
    el('h3', { text: t('Stance trend') }),
    el('p', { class: 'muted', text: t('How the actors who wrote on the axis in each period lean (their stance on the map), weighted by journey weight.') }),
    table(roi.stance_trend || [], [
      ['period', t('Period')],
      ['actors', t('Actors'), (r) => num(r.actors)],
      ['index', t('Social acceptability'), (r) => (r.index === null ? '' : `${pct(r.index)} [${pct(r.low)} – ${pct(r.high)}]`)],
      ['balance', t('Stance balance (allies − detractors)'), (r) => signed(r.balance)],
    ]),
    el('h3', { text: t('Share of journey encounters') }),
    table(Object.entries(roi.journey_share).map(([brand, share]) => ({ brand, share })), [
      ['brand', t('Brand')],
      ['share', t('Share of journey encounters'), (r) => pct(r.share)],
    ]),
    el('h3', { text: t('Campaigns') }),
    campaigns.length
      ? el('ul', {}, campaigns.map((c) =>
          el('li', { 'data-campaign': c.name }, [
            el('strong', { class: 'doc-text', text: `${c.name}: ` }),
            t('Effect: {effect} citations a day (95 % interval {low} to {high})', {
              effect: num(c.estimate.effect, 2),
              low: num(c.estimate.low, 2),
              high: num(c.estimate.high, 2),
            }),
          ])))
      : el('p', { class: 'muted', text: t('Nothing to show.') }),
    defencePanel(roi.defenders),
  );
}

// Defenders in incidents: the crisis analysis' defenders (on an axis, its actors), how
// loud they were during the incidents, who they are, per period and one by one.
function defencePanel(defence) {
  const box = el('div', { id: 'roi-defence' }, [el('h3', { text: t('Defenders in incidents') })]);
  if (!defence || !defence.incidents) {
    box.append(el('p', { class: 'muted', text: t('No incident in the period.') }));
    return box;
  }
  const split = Object.entries(defence.by_relation)
    .map(([relation, count]) => `${label('defender', relation)} ${num(count)}`)
    .join(' · ');
  box.append(
    el('div', { class: 'kpis' }, [
      el('div', { class: 'kpi', 'data-kpi': 'defenders' }, [
        el('strong', { text: num(defence.defenders) }),
        el('span', { text: ' ' + t('defenders in {incidents} incidents', { incidents: defence.incidents }) }),
      ]),
      el('div', { class: 'kpi', 'data-kpi': 'defence-share' }, [
        el('strong', { text: pct(defence.share_of_voice) }),
        el('span', { text: ' ' + t("Defenders' share of voice during incidents") }),
      ]),
    ]),
    el('p', { 'data-kpi': 'defence-split', text: t('Who defended') + ': ' + split }),
    table(defence.periods, [
      ['period', t('Period')],
      ['incidents', t('Incidents'), (r) => num(r.incidents)],
      ['defenders', t('Defenders'), (r) => num(r.defenders)],
      ['share_of_voice', t("Defenders' share of voice"), (r) => pct(r.share_of_voice)],
    ]),
    table(defence.actors.slice(0, 20), [
      ['actor_id', t('Actor'), (r) => actorLink(r.actor_id)],
      ['relation', t('Relation'), (r) => label('defender', r.relation)],
      ['incidents', t('Incidents'), (r) => num(r.incidents)],
      ['documents', t('Documents'), (r) => num(r.documents)],
    ]),
  );
  return box;
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
            ['actor_id', t('Actor'), (r) => actorLink(r.actor_id, r.name)],
            ['tier', t('Tier'), (r) => label('tier', r.tier)],
            ['community', t('Community'), (r) => t('Community {number}', { number: r.community })],
            ['reasons', t('Explanation'), (r) => reasons(r)],
          ]),
        );
        const rising = page.items.filter((r) => r.rising);
        clear(parts.rising).append(
          table(rising, [
            ['actor_id', t('Actor'), (r) => actorLink(r.actor_id, r.name)],
            ['growth', t('Growth'), (r) => `×${num(r.growth, 2)}`],
            ['tier', t('Tier'), (r) => label('tier', r.tier)],
          ]),
        );
      })
      .catch((e) => { notice(parts.tiers, e); notice(parts.rising, e); }),
    api('/api/influence/worth', { axis, limit: 20 })
      .then((body) =>
        clear(parts.worth).append(
          table(body.items, [
            ['actor_id', t('Actor'), (r) => actorLink(r.actor_id, r.name)],
            ['kind', t('Kind'), (r) => label('kind', r.kind)],
            ['journey_weight', t('Journey weight'), (r) => pct(r.journey_weight)],
            ['stance', t('Stance'), (r) => label('stance', r.stance || 'unknown')],
            ['tier', t('Tier'), (r) => (r.tier ? label('tier', r.tier) : '')],
          ]),
        ),
      )
      .catch((e) => notice(parts.worth, e)),
    api('/api/influence/advocacy', { axis })
      .then((body) => body.roster
        ? clear(parts.advocacy).append(
          el('div', { class: 'kpis' }, [
            el('div', { class: 'kpi', 'data-kpi': 'originality' }, [el('strong', { text: pct(body.originality) }), el('span', { text: ` ${t('Own words')}` })]),
            el('div', { class: 'kpi', 'data-kpi': 'sov_contribution' }, [el('strong', { text: pct(body.sov_contribution) }), el('span', { text: ' ' + t("Employees' part of the company's citations") })]),
          ]),
          table(body.participation, [
            ['period', t('Period')],
            ['participation', t('Participation'), (r) => pct(r.participation)],
            ['executives_active', t('Executives active'), (r) => `${num(r.executives_active)}/${num(r.executives)}`],
          ]),
          el('h3', { text: t('Leaderboard') }),
          body.pseudonymised ? el('p', { class: 'muted', text: t('Pseudonymised: names are shown to admins only.') }) : '',
          table(body.leaderboard.slice(0, 20), [
            ['rank', '#', (r) => num(r.rank)],
            ['who', t('Actor'), (r) => (r.actor_id ? actorLink(r.actor_id, r.name) : el('span', { class: 'doc-text', text: r.pseudonym }))],
            ['own_words', t('Own words'), (r) => num(r.own_words)],
            ['copies', t('Copies of corporate posts'), (r) => num(r.copies)],
            ['reposts', t('Reposts'), (r) => num(r.reposts)],
            ['axis_brand_documents', t('Share of voice'), (r) => num(r.axis_brand_documents)],
          ]),
        )
        // No roster: nobody is known to be an employee, so no figure (not 0 %) but the way in.
        : clear(parts.advocacy).append(el('p', { class: 'muted', id: 'advocacy-no-roster', text: t("No employee roster: import one with 'influscope ingest roster' to follow employee advocacy.") })),
      )
      .catch((e) => notice(parts.advocacy, e)),
    loadRelations(parts.relations),
  ]);
}

// One entry of the relationship log as table columns (the influencers page and the actor card).
export function relationColumns(withActor) {
  return [
    ['date', t('Date'), (r) => day(r.date)],
    ...(withActor ? [['actor_id', t('Actor'), (r) => actorLink(r.actor_id)]] : []),
    ['kind', t('Interaction'), (r) => label('relationship', r.kind)],
    ['collaboration', t('Collaboration'), (r) => label('collaboration', r.collaboration)],
    ['horizon', t('Horizon'), (r) => label('horizon', r.horizon)],
    ['owner', t('Owner'), (r) => el('span', { class: 'doc-text', text: r.owner || '' })],
    ['next_step', t('Next step'), (r) => el('span', { class: 'doc-text', text: r.next_step || '' })],
  ];
}

// A writer (the form is on the page) can delete an entry; the deletion is audited.
function deleteButton(row, target) {
  const button = el('button', { type: 'button', class: 'link', 'data-delete': row.relation_id, text: t('Delete') });
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
    const columns = relationColumns(true);
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
        status.textContent = t('Saved.');
        await loadRelations(document.getElementById('relations'));
      } catch (error) {
        status.textContent = error.error || t('Error');
      }
    });
  }
  await load(select.value);
}
