// Entry point: loads the module of the current page (data-page on <body>).
// Every page reads the JSON API only; every piece of data reaches the DOM
// through textContent or vetted attributes (see dom.js), never innerHTML.
const pages = {
  overview: () => import('./pages/overview.js'),
  axis: () => import('./pages/axis.js'),
  map: () => import('./pages/map.js'),
  actor: () => import('./pages/actor.js'),
  journey: () => import('./pages/journey.js'),
  influence: () => import('./pages/influence.js'),
  alerts: () => import('./pages/alerts.js'),
  crisis: () => import('./pages/crisis.js'),
  sources: () => import('./pages/sources.js'),
  documents: () => import('./pages/documents.js'),
};

async function start() {
  const name = document.body.dataset.page;
  const load = pages[name];
  if (!load) return;
  const module = await load();
  await module.default(document.body.dataset);
  document.body.dataset.ready = '1';
}

start().catch((error) => {
  document.body.dataset.ready = 'error';
  console.error(error);
});
