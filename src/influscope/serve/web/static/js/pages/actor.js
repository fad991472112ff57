// Actor card: profile, card (communities, stance history), paths, notes, documents.
import { api } from '../api.js';
import { clear, el, fmt, notice, pct, t, table } from '../dom.js';
import { reasons } from './influence.js';

// Who the actor is and what the team does with it: kind with its evidence and
// confidence, tier per map with its reasons, the relationship log.
function influencePanel(target, card) {
  const profile = card.profile;
  clear(target).append(
    profile
      ? el('p', { 'data-kind': profile.kind }, [
          el('strong', { text: `${t('kind')}: ${profile.kind}` }),
          el('span', { class: 'muted', text: ` · ${t('confidence')} ${pct(profile.kind_confidence)}` }),
        ])
      : '',
    profile && profile.evidence && profile.evidence.length
      ? el('ul', { class: 'evidence' }, profile.evidence.map((e) => el('li', { text: `${e.kind} — ${e.source}: ${e.detail}` })))
      : '',
    table(card.tiers || [], [
      ['scope', t('axis'), (r) => r.scope.split('|')[0] || t('all_axes')],
      ['tier', t('tier'), (r) => t(`tier_${r.tier}`)],
      ['reasons', t('explanation'), (r) => reasons(r)],
    ]),
    el('h3', { text: t('relations') }),
    table(card.relationships || [], [
      ['date', t('date'), (r) => String(r.date).slice(0, 10)],
      ['kind', t('relation_kind')],
      ['collaboration', t('collaboration')],
      ['horizon', t('horizon')],
      ['owner', t('owner')],
      ['next_step', t('next_step')],
    ]),
  );
}

function keyValues(object) {
  const rows = Object.entries(object || {})
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => el('div', { class: 'kv' }, [el('dt', { text: k }), el('dd', { text: fmt(v) })]));
  return el('dl', { class: 'kvs' }, rows);
}

export default async function actorPage({ actor }) {
  const profile = document.getElementById('profile');
  const docs = document.getElementById('documents');
  const notes = document.getElementById('notes');
  try {
    const data = await api(`/api/actors/${encodeURIComponent(actor)}`);
    const a = data.actor;
    clear(profile).append(
      el('h1', { text: a.name || a.actor_id }),
      el('p', { class: 'muted', text: a.actor_id }),
      el('p', { class: 'bio', text: a.bio || '' }),
      a.homepage ? el('p', {}, el('a', { href: a.homepage, text: a.homepage })) : '',
      keyValues({ [t('followers')]: a.followers, [t('kind')]: a.kind, platform: a.platform }),
    );
    clear(notes).append(table(data.notes, [['date', 'date'], ['stance', t('stance')], ['note', t('notes')], ['owner', 'owner']]));
    clear(docs).append(
      table(data.documents.items, [
        ['published_at', 'date'],
        ['text', t('documents'), (r) => el('span', { class: 'doc-text', text: r.title ? `${r.title} — ${r.text || ''}` : r.text || '' })],
        ['url', 'url', (r) => (r.url ? el('a', { href: r.url, text: r.url }) : '')],
      ]),
    );
  } catch (error) {
    notice(profile, error);
  }
  const card = document.getElementById('card');
  api(`/api/actors/${encodeURIComponent(actor)}/card`)
    .then((data) => {
      influencePanel(document.getElementById('influence'), data);
      clear(card).append(keyValues(data));
      for (const [key, value] of Object.entries(data)) {
        if (Array.isArray(value) && value.length && typeof value[0] === 'object') {
          const columns = Object.keys(value[0]).map((k) =>
            k === 'journey_weight' ? [k, t('journey_weight'), (r) => pct(r[k])] : [k, k],
          );
          card.append(el('h3', { text: key }), table(value, columns));
        }
      }
    })
    .catch((error) => notice(card, error));
  const paths = document.getElementById('paths');
  api(`/api/actors/${encodeURIComponent(actor)}/journey`)
    .then((data) => {
      const rows = data.paths || [];
      const columns = Object.keys(rows[0] || {}).map((k) => (k === 'share' ? [k, k, (r) => pct(r.share)] : [k, k]));
      clear(paths).append(
        el('p', { class: 'muted', text: `${t('journey_weight')}: ${pct(data.journey_weight)}` }),
        table(rows, columns),
      );
    })
    .catch((error) => {
      // 404: this actor is not met on the journey — an answer, not a failure.
      if (error.status === 404) clear(paths).append(el('p', { class: 'muted', text: error.error }));
      else notice(paths, error);
    });
}
