// Sources: configured live sources and their health; what the store holds.
import { api } from '../api.js';
import { clear, notice, t, table } from '../dom.js';

export default async function sourcesPage() {
  const sources = document.getElementById('sources');
  const status = document.getElementById('status');
  await Promise.all([
    api('/api/sources/health')
      .then((page) => {
        const keys = Object.keys(page.items[0] || {});
        clear(sources).append(table(page.items, keys.map((k) => [k, k])));
      })
      .catch((error) => notice(sources, error)),
    api('/api/status')
      .then((data) => clear(status).append(table(data.documents_by_platform, [['platform', 'platform'], ['documents', t('documents')]])))
      .catch((error) => notice(status, error)),
  ]);
}
