// Vega-Lite specs come from the API (built in Python with Altair, the same as in
// reports); the CSP-safe expression interpreter avoids eval/new Function.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { api } from './api.js';
import { clear, el, notice, t } from './dom.js';

// Whether a spec's data (inline values or named datasets) are all empty: an empty
// chart draws bare axes (a "0,000000 %" tick), which reads as a measured zero.
function empty(spec) {
  const sets = [
    ...Object.values(spec.datasets || {}),
    ...(spec.data && Array.isArray(spec.data.values) ? [spec.data.values] : []),
  ];
  return sets.length > 0 && sets.every((values) => Array.isArray(values) && values.length === 0);
}

export async function chart(target, path, params = {}) {
  try {
    const spec = await api(path, { ...params, lang: document.body.dataset.lang });
    if (empty(spec)) {
      // The server may say why there is nothing (documents without dates, no brand…).
      const why = (spec.usermeta && spec.usermeta.empty) || t('Nothing to show.');
      clear(target).append(el('p', { class: 'muted', text: why }));
      target.dataset.empty = '1';
    } else {
      await embed(target, spec, { actions: false, ast: true, expr: expressionInterpreter, renderer: 'svg' });
      delete target.dataset.empty;
    }
    target.dataset.rendered = '1';
  } catch (error) {
    notice(target, error);
  }
}
