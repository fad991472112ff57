// What a journey's weights rest on, said above every table of them (journey and axis pages).
import { el, num, t } from './dom.js';

// What the weights rest on; a warning when it is a handful of entries (a bare 100 %
// from three reposts read as "this actor owns the public's journey").
export function basis(found) {
  // Nothing at all: the chart above says why; "a few entries" would be wrong.
  if (!found || (!found.searches && !found.social)) return [];
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
