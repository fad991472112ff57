// Sources: configured live sources and their health; what the store holds.
import { api } from '../api.js';
import { clear, el, label, moment, notice, num, t, table } from '../dom.js';

export default async function sourcesPage() {
  const sources = document.getElementById('sources');
  const status = document.getElementById('status');
  await Promise.all([
    api('/api/sources/health')
      .then((page) => clear(sources).append(table(page.items, [
        ['name', t('Source')],
        ['connector', t('Connector')],
        ['health', t('Health'), (r) => el('span', { class: `chip health-${String(r.health).replace(/\s+/g, '-')}`, text: label('health', r.health) })],
        ['last_success_at', t('Last success'), (r) => moment(r.last_success_at)],
        ['last_error', t('Last error'), (r) => (r.last_error ? `${moment(r.last_error_at)} — ${r.last_error}` : '')],
        ['total_fetched', t('Documents fetched'), (r) => num(r.total_fetched)],
        ['next_run_at', t('Next run'), (r) => (r.enabled ? moment(r.next_run_at) : t('disabled'))],
      ])))
      .catch((error) => notice(sources, error)),
    api('/api/status')
      .then((data) => clear(status).append(table(data.documents_by_platform, [
        ['platform', t('Platform'), (r) => label('platform', r.platform)],
        ['documents', t('Documents'), (r) => num(r.documents)],
      ])))
      .catch((error) => notice(status, error)),
  ]);
}
