// Map: the community graph in WebGL (sigma.js + graphology). Nodes are placed at
// the server's layout, coloured by community, stance or kind, sized by weight;
// filters and search go through reducers so 50k nodes never get rebuilt.
import Graph from 'graphology';
import Sigma from 'sigma';
import { api } from '../api.js';
import { actorLink, clear, el, fmt, notice, t } from '../dom.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#aec7e8'];
const STANCE = { ally: '#2e7d32', sympathiser: '#8bc34a', neutral: '#9e9e9e', detractor: '#c62828', unknown: '#cfd8dc' };
const FIELD = { community: 'community_label', stance: 'stance', kind: 'kind' };

// Above this many nodes the edges start hidden: they cost most of a frame and,
// at that density, show nothing a colour does not (a checkbox brings them back).
const EDGES_UP_TO = 20000;
const HIDE_EDGE = (edge, attrs) => ({ ...attrs, hidden: true });
const state = { showEdges: true, renderer: null, graph: null, colour: 'community', filterField: '', filterValue: '', minWeight: 0, highlight: null, colours: new Map() };

function colourOf(attrs) {
  const key = attrs[FIELD[state.colour]] ?? attrs.community ?? 'unknown';
  if (state.colour === 'stance' && STANCE[key]) return STANCE[key];
  if (!state.colours.has(key)) state.colours.set(key, PALETTE[state.colours.size % PALETTE.length]);
  return state.colours.get(key);
}

function visible(attrs) {
  if ((attrs.weight || 0) < state.minWeight) return false;
  if (state.filterField && state.filterValue && String(attrs[state.filterField]) !== state.filterValue) return false;
  return true;
}

function legend() {
  const target = clear(document.getElementById('map-legend'));
  for (const [key, colour] of state.colours) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour;
    target.append(el('span', { class: 'legend-item' }, [swatch, String(key)]));
  }
}

// Colours and visibility are applied by the reducers at draw time: changing
// them touches no graph attribute, so sigma re-renders without re-indexing.
function refresh() {
  state.colours = new Map();
  let shown = 0;
  state.graph.forEachNode((node, attrs) => {
    colourOf(attrs);
    if (visible(attrs)) shown += 1;
  });
  document.getElementById('map-count').textContent = `${shown.toLocaleString()} ${t('nodes_shown')}`;
  document.getElementById('map').dataset.shown = String(shown);
  legend();
  state.renderer.scheduleRefresh();
}

function filterValues() {
  const select = clear(document.getElementById('map-filter-value'));
  select.append(el('option', { value: '', text: t('all') }));
  if (!state.filterField) return;
  const values = new Set();
  state.graph.forEachNode((_, attrs) => values.add(String(attrs[state.filterField] ?? '')));
  for (const value of [...values].sort()) select.append(el('option', { value, text: value }));
}

function hover(node) {
  const target = clear(document.getElementById('map-hover'));
  if (!node) return;
  const a = state.graph.getNodeAttributes(node);
  target.append(
    el('h3', {}, actorLink(node, a.label)),
    el('p', { text: `${t('community')}: ${a.community_label ?? a.community ?? ''}` }),
    el('p', { text: `${t('stance')}: ${a.stance ?? ''} · ${t('kind')}: ${a.kind ?? ''} · ${t('role')}: ${a.role ?? ''}` }),
    el('p', { text: `${t('journey_weight')}: ${fmt(a.weight)}` }),
  );
}

function build(data) {
  const graph = new Graph({ multi: false, type: 'directed' });
  let maxWeight = 1e-9;
  for (const n of data.nodes) maxWeight = Math.max(maxWeight, n.weight || 0);
  // Dense maps get smaller discs so communities stay readable before zooming in.
  const scale = Math.max(0.3, Math.min(1, Math.sqrt(5000 / Math.max(1, data.nodes.length))));
  const names = clear(document.getElementById('map-names'));
  data.nodes.forEach((n, i) => {
    const angle = i * 2.399963;
    graph.addNode(n.actor_id, {
      ...n,
      label: n.name || n.actor_id,
      x: Number.isFinite(n.x) ? n.x : Math.cos(angle) * Math.sqrt(i),
      y: Number.isFinite(n.y) ? n.y : Math.sin(angle) * Math.sqrt(i),
      size: scale * (2 + 12 * Math.sqrt((n.weight || 0) / maxWeight)),
    });
    if (i < 5000) names.append(el('option', { value: n.name || n.actor_id }));
  });
  for (const e of data.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target) && !graph.hasEdge(e.source, e.target)) {
      graph.addEdge(e.source, e.target, { size: 0.5, color: '#d5d9de' });
    }
  }
  return graph;
}

async function load(axis) {
  const container = document.getElementById('map');
  try {
    const data = await api('/api/map', { axis, limit: 50000 });
    if (state.renderer) state.renderer.kill();
    state.graph = build(data);
    state.showEdges = data.nodes.length <= EDGES_UP_TO;
    document.getElementById('map-edges').checked = state.showEdges;
    state.renderer = new Sigma(state.graph, container, {
      hideEdgesOnMove: true,
      labelRenderedSizeThreshold: 8,
      nodeReducer: (node, attrs) => {
        if (!visible(attrs)) return { ...attrs, hidden: true };
        if (state.highlight && node !== state.highlight) return { ...attrs, color: '#e0e0e0', label: '' };
        return { ...attrs, color: colourOf(attrs) };
      },
      // Edges of hidden nodes are not drawn by sigma: the edge reducer only hides them all.
      edgeReducer: state.showEdges ? null : HIDE_EDGE,
    });
    state.renderer.on('enterNode', ({ node }) => hover(node));
    state.renderer.on('clickNode', ({ node }) => { window.location.assign(`/actors/${encodeURIComponent(node)}`); });
    filterValues();
    refresh();
    container.dataset.nodes = String(data.nodes.length);
  } catch (error) {
    notice(container, error);
    container.dataset.nodes = '0';
  }
}

function search(text) {
  const needle = text.trim().toLowerCase();
  state.highlight = null;
  if (needle && state.graph) {
    state.graph.forEachNode((node, attrs) => {
      if (!state.highlight && (String(attrs.label).toLowerCase() === needle || node.toLowerCase() === needle)) state.highlight = node;
    });
    if (!state.highlight) state.graph.forEachNode((node, attrs) => {
      if (!state.highlight && String(attrs.label).toLowerCase().includes(needle)) state.highlight = node;
    });
  }
  if (state.highlight) {
    const display = state.renderer.getNodeDisplayData(state.highlight);
    if (display) state.renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.3 }, { duration: 400 });
    hover(state.highlight);
  }
  document.getElementById('map').dataset.highlight = state.highlight || '';
  state.renderer.scheduleRefresh();
}

export default async function mapPage() {
  const axis = document.getElementById('map-axis');
  const colour = document.getElementById('map-colour');
  const field = document.getElementById('map-filter-field');
  const value = document.getElementById('map-filter-value');
  const weight = document.getElementById('map-min-weight');
  const query = document.getElementById('map-search');
  const edges = document.getElementById('map-edges');
  edges.addEventListener('change', () => {
    state.showEdges = edges.checked;
    state.renderer.setSetting('edgeReducer', state.showEdges ? null : HIDE_EDGE);
  });
  axis.addEventListener('change', () => load(axis.value));
  colour.addEventListener('change', () => { state.colour = colour.value; refresh(); });
  field.addEventListener('change', () => { state.filterField = field.value; state.filterValue = ''; filterValues(); refresh(); });
  value.addEventListener('change', () => { state.filterValue = value.value; refresh(); });
  weight.addEventListener('input', () => { state.minWeight = Number(weight.value) || 0; refresh(); });
  query.addEventListener('change', () => search(query.value));
  document.getElementById('map-controls').addEventListener('submit', (event) => { event.preventDefault(); search(query.value); });
  await load(axis.value);
}
