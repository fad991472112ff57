// Vega-Lite specs come from the API (built in Python with Altair, the same as in
// reports); the CSP-safe expression interpreter avoids eval/new Function.
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { api } from './api.js';
import { notice } from './dom.js';

export async function chart(target, path, params = {}) {
  try {
    const spec = await api(path, { ...params, lang: document.body.dataset.lang });
    await embed(target, spec, { actions: false, ast: true, expr: expressionInterpreter, renderer: 'svg' });
    target.dataset.rendered = '1';
  } catch (error) {
    notice(target, error);
  }
}
