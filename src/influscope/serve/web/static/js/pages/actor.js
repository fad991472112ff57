// Actor card as a profile: who, kind (and where that came from), communities,
// stance on each axis with its provenance, journey weight and rank, audience,
// recent documents, offline notes and the relationship with the company.
import { api } from '../api.js';
import { clear, day, el, handle, label, moment, notice, num, pct, t, table } from '../dom.js';
import { reasons, relationColumns } from './influence.js';

function axisNames() {
  const node = document.getElementById('axes');
  return node ? JSON.parse(node.textContent) : {};
}

// A stored scope (``axis|since|until``) as words: the axis label, or the whole workspace.
function scopeLabel(scope) {
  const [axis, since, until] = String(scope ?? '').split('|');
  const name = axis ? axisNames()[axis] || axis : t('Whole workspace');
  if (!since && !until) return name;
  return `${name} (${day(since) || '…'} – ${day(until) || '…'})`;
}

function fact(term, value) {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { class: 'kv' }, [el('dt', { text: term }), el('dd', {}, value)]);
}

function chip(family, value) {
  return el('span', { class: `chip ${family}-${value || 'unknown'}`, text: label(family, value || 'unknown') });
}

function who(card) {
  const kind = [chip('kind', card.kind)];
  if (card.kind_source) kind.push(el('span', { class: 'muted', text: ' ' + t('({source})', { source: label('kind_source', card.kind_source) }) }));
  const facts = [
    fact(t('Kind'), kind),
    fact(t('Audience (followers)'), card.followers === null || card.followers === undefined ? null : num(card.followers)),
    fact(t('Documents'), num(card.documents)),
    fact(t('Verified account'), card.verified ? t('yes') : null),
    fact(t('Employee'), card.employee ? [card.employee.name || card.employee.email || t('yes')].join('') : null),
    fact(t('Website'), card.homepage ? el('a', { href: card.homepage, text: card.homepage }) : null),
  ];
  return [
    el('h1', { text: card.name || handle(card.actor_id) }),
    el('p', { class: 'muted handle', text: [handle(card.actor_id), card.platform ? label('platform', card.platform) : ''].filter(Boolean).join(' · ') }),
    card.bio ? el('p', { class: 'bio', text: card.bio }) : '',
    el('dl', { class: 'kvs' }, facts.filter(Boolean)),
  ];
}

function stances(card) {
  if (!card.stance.length) return el('p', { class: 'muted', text: t('No map has placed this actor yet: run influscope map.') });
  const rows = card.stance.map((s) => ({ ...s }));
  return table(rows, [
    ['scope', t('Axis'), (r) => scopeLabel(r.scope)],
    ['stance', t('Stance'), (r) => chip('stance', r.stance)],
    ['source', t('Why'), (r) => `${label('stance_source', r.source)}${r.confidence !== null && r.confidence !== undefined ? ` · ${t('confidence {share}', { share: pct(r.confidence) })}` : ''}`],
    ['online', t('Online / offline'), (r) => `${label('stance', r.online || 'unknown')} / ${label('stance', r.offline || 'unknown')}${r.divergence ? ` — ${t('they differ')}` : ''}`],
    ['roles', t('Role'), (r) => (r.roles.length ? r.roles : [r.role]).map((role) => label('role', role)).join(', ')],
  ]);
}

// A stance target (``brand:NAME``, ``axis:NAME``, ``company``) as words.
function targetLabel(target) {
  const [kind, ...rest] = String(target ?? '').split(':');
  const name = rest.join(':');
  if (kind === 'axis') return `${label('scope', 'axis')} ${axisNames()[name] || name}`;
  if (kind === 'brand') return `${label('scope', 'brand')} ${name}`;
  return t('The company');
}

// Stance toward each brand and axis, from the documents citing it (or propagated).
function targets(card) {
  const rows = card.targets || [];
  if (!rows.length) return el('p', { class: 'muted', text: t('No map has placed this actor yet: run influscope map.') });
  return table(rows, [
    ['target', t('Toward'), (r) => targetLabel(r.target)],
    ['stance', t('Stance'), (r) => chip('stance', r.stance)],
    ['source', t('Why'), (r) => `${label('stance_source', r.source)}${r.confidence !== null && r.confidence !== undefined ? ` · ${t('confidence {share}', { share: pct(r.confidence) })}` : ''}`],
    ['documents', t('Documents citing it'), (r) => (r.documents ? t('{count} ({positive} positive, {negative} negative)', { count: r.documents, positive: r.positive || 0, negative: r.negative || 0 }) : num(0))],
  ]);
}

function communities(card) {
  if (!card.communities.length) return el('p', { class: 'muted', text: t('In no community of a stored map.') });
  return el('ul', { class: 'plain' }, card.communities.map((c) =>
    el('li', { text: `${scopeLabel(c.scope)} — ${c.label || t('Community {number}', { number: c.community })} (${label('level', c.level)})` })));
}

function journey(card) {
  if (!card.journey.length) return el('p', { class: 'muted', text: t('Not met on a stored journey.') });
  return table(card.journey, [
    ['axis', t('Axis'), (r) => scopeLabel(r.axis)],
    ['journey_weight', t('Journey weight'), (r) => pct(r.journey_weight)],
    ['journey_rank', t('Rank'), (r) => num(r.journey_rank)],
  ]);
}

function documents(card) {
  if (!card.recent_documents.length) return el('p', { class: 'muted', text: t('Nothing to show.') });
  return el('ul', { class: 'docs' }, card.recent_documents.map((d) => el('li', {}, [
    el('span', { class: 'muted', text: `${moment(d.published_at)} · ${label('platform', d.platform)}` }),
    el('p', { class: 'doc-text', text: d.title ? `${d.title} — ${d.text || ''}` : d.text || '' }),
    d.url ? el('a', { href: d.url, class: 'doc-url', text: d.url }) : '',
  ])));
}

function notes(card) {
  return table(card.offline_notes, [
    ['date', t('Date'), (r) => day(r.date)],
    ['stance', t('Stance'), (r) => (r.stance ? chip('stance', r.stance) : '')],
    ['note', t('Note'), (r) => el('span', { class: 'doc-text', text: r.note || '' })],
    ['owner', t('Written by'), (r) => r.owner || ''],
  ]);
}

// Who the actor is by the profile the analyses stored: kind with its evidence and
// confidence, and its tier on each map with the reasons.
function influence(card) {
  const profile = card.profile;
  const parts = [];
  if (profile) {
    parts.push(el('p', { 'data-kind': profile.kind }, [
      chip('kind', profile.kind),
      el('span', { class: 'muted', text: ` · ${t('confidence {share}', { share: pct(profile.kind_confidence) })}` }),
    ]));
    if (profile.evidence && profile.evidence.length) {
      parts.push(el('ul', { class: 'evidence' }, profile.evidence.map((e) => el('li', {}, [
        t('{kind} — {source}:', { kind: label('kind', e.kind), source: label('kind_source', e.source) }),
        ' ',
        // A phrase of ours is said in the language; words of the data are quoted as they are.
        e.phrase ? el('span', { text: e.said }) : el('q', { class: 'doc-text', text: e.detail }),
      ]))));
    }
  }
  const tiers = card.tiers || [];
  parts.push(tiers.length
    ? table(tiers, [
      ['scope', t('Axis'), (r) => scopeLabel(r.scope)],
      ['tier', t('Tier'), (r) => label('tier', r.tier)],
      ['reasons', t('Explanation'), (r) => reasons(r)],
    ])
    : el('p', { class: 'muted', text: t('No tier stored yet: run influscope map.') }));
  return parts;
}

// The relationship log: meetings, calls, campaigns with the company.
function relationship(card) {
  const entries = card.relationships || [];
  if (!entries.length) return el('p', { class: 'muted', text: t('No relationship entry yet.') });
  return table(entries, relationColumns(false));
}

function paths(data) {
  const rows = data.paths || [];
  // A step is a query, a URL or an actor id; an actor reads as @handle or its domain.
  const word = (step) => (/^(twitter|bluesky|mastodon|reddit|youtube|web|rss):/.test(step) ? handle(step) : step);
  const steps = (r) => [r.entry, r.result, r.page].filter((step, i, all) => step && step !== all[i - 1]).map(word).join(' → ');
  return [
    el('p', { class: 'muted', text: `${t('Journey weight')}: ${pct(data.journey_weight)}` }),
    table(rows, [
      ['entry_kind', t('Entry'), (r) => label('entry', r.entry_kind)],
      ['path', t('Path'), (r) => el('span', { class: 'doc-text', text: steps(r) })],
      ['share', t('Share of the weight'), (r) => pct(r.share)],
    ]),
  ];
}

export default async function actorPage({ actor }) {
  const profile = document.getElementById('profile');
  try {
    const card = await api(`/api/actors/${encodeURIComponent(actor)}/card`);
    clear(profile).append(...who(card));
    clear(document.getElementById('stance')).append(stances(card));
    clear(document.getElementById('targets')).append(targets(card));
    clear(document.getElementById('communities')).append(communities(card));
    clear(document.getElementById('journey')).append(journey(card));
    clear(document.getElementById('documents')).append(documents(card));
    clear(document.getElementById('notes')).append(notes(card));
    clear(document.getElementById('relationship')).append(relationship(card));
    clear(document.getElementById('influence')).append(...influence(card));
    document.title = `${card.name || handle(card.actor_id)} · influscope`;
  } catch (error) {
    notice(profile, error);
  }
  const target = document.getElementById('paths');
  await api(`/api/actors/${encodeURIComponent(actor)}/journey`)
    .then((data) => clear(target).append(...paths(data)))
    .catch((error) => {
      // 404: this actor is not met on the journey — an answer, not a failure.
      if (error.status === 404) clear(target).append(el('p', { class: 'muted', text: t('Not met on a stored journey.') }));
      else notice(target, error);
    });
}
