// Map: the community graph in WebGL (sigma.js + graphology). Nodes are placed at
// the server's layout, coloured by community, stance or kind, sized by weight.
//
// Built to hold 50k nodes: the API sends columns (categories as codes, edges as
// node positions), the graph is imported once with only what sigma draws
// (x, y, size, label, the node's position in the columns), and every filter,
// colouring, search highlight and hover works on typed arrays read by sigma's
// reducers, then one refresh: the graph itself is never rebuilt. Nodes are
// drawn as points and edges as lines, programs that software WebGL draws in
// one pass (the default instanced discs cost ~30 µs a node in SwiftShader).
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import { api } from '../api.js';
import { actorLink, clear, el, label, notice, num, t } from '../dom.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#aec7e8'];
const STANCE = {
  ally: '#2e7d32', sympathiser: '#8bc34a', neutral: '#9e9e9e', detractor: '#c62828',
  owned: '#1565c0', competitor: '#6a1b9a', unknown: '#cfd8dc',
};
const UNKNOWN = '#cfd8dc';
const DIMMED = '#e0e0e0';
const EDGE = { size: 0.5, color: '#d5d9de' };

// Nodes are drawn as points, in the order of the graph: heaviest first (the
// API sorts them by weight). While the camera moves, a frame draws only the
// heaviest MOVING_NODES and skips the off-screen picking layer (nobody can
// point at a node mid-move); the frame sigma draws when the move ends (as it
// does to bring hidden edges back) draws everything again. Software WebGL
// spends ~2 µs a point a pass, so this is what keeps zooming smooth at 50k.
const MOVING_NODES = 12000;

function moving(renderer) {
  const camera = renderer.getCamera();
  const mouse = renderer.getMouseCaptor();
  return Boolean(camera.isAnimated() || mouse.isMoving || mouse.draggedEvents || mouse.currentWheelDirection);
}

class MapPointProgram extends NodePointProgram {
  render(params) {
    this.moving = moving(this.renderer);
    if (!this.moving || !this.pickProgram) {
      super.render(params);
      return;
    }
    const pick = this.pickProgram;
    this.pickProgram = null;
    try {
      super.render(params);
    } finally {
      this.pickProgram = pick;
    }
  }

  // sigma 3.0's Program#drawWebGL(method, {gl, frameBuffer}) draws verticesCount points.
  drawWebGL(method, { gl, frameBuffer }) {
    if (!this.moving || this.verticesCount <= MOVING_NODES) {
      super.drawWebGL(method, { gl, frameBuffer });
      return;
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, frameBuffer);
    gl.drawArrays(method, 0, MOVING_NODES);
  }
}

// Above this many nodes the edges start hidden: they cost most of a refresh and,
// at that density, show nothing a colour does not (a checkbox brings them back).
const EDGES_UP_TO = 20000;

const state = {
  data: null, // the API's columns
  graph: null,
  renderer: null,
  builds: 0, // graphs built since the page opened (a filter must not add one)
  colour: 'community',
  filterField: '',
  filterValue: '',
  minWeight: 0,
  highlight: -1, // position of the searched node, -1 for none
  hidden: new Uint8Array(0), // 1 where a filter hides the node
  colourOf: [], // colour per code of the colouring category (index 0: missing value)
  edgesShown: false,
  pending: 0, // the frame a redraw is scheduled for
  dirty: new Set(), // nodes to redraw then (null: all of them)
};

// A category's value as words: stance, kind and role have labels in the page's
// language; a community keeps the label the map gave it.
function wordFor(field, value) {
  return field === 'community' ? String(value) : label(field, value);
}

function nodes() {
  return state.data.nodes;
}

function dictionary(field) {
  return state.data.dictionaries[field] || [];
}

// Colours per code of the chosen category; code -1 (no value) is slot 0.
function colouring() {
  const values = dictionary(state.colour);
  state.colourOf = [UNKNOWN, ...values.map((value, code) => (
    state.colour === 'stance' && STANCE[value] ? STANCE[value] : PALETTE[code % PALETTE.length]))];
}

function legend() {
  const target = clear(document.getElementById('map-legend'));
  dictionary(state.colour).forEach((value, code) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = state.colourOf[code + 1];
    target.append(el('span', { class: 'legend-item' }, [swatch, wordFor(state.colour, value)]));
  });
}

// One pass over the columns: which nodes the filters hide. Returns how many
// stay and the positions of the nodes that changed side (only those are redrawn).
function applyFilters() {
  const { weight } = nodes();
  const codes = state.filterField ? nodes()[state.filterField] : null;
  const wanted = codes && state.filterValue !== '' ? dictionary(state.filterField).indexOf(state.filterValue) : null;
  const hidden = state.hidden;
  const changed = [];
  let shown = 0;
  for (let i = 0; i < hidden.length; i += 1) {
    const hide = (weight[i] || 0) < state.minWeight || (wanted !== null && codes[i] !== wanted) ? 1 : 0;
    if (hidden[i] !== hide) {
      hidden[i] = hide;
      changed.push(i);
    }
    if (!hide) shown += 1;
  }
  return { shown, changed };
}

function nodeReducer(node, attrs) {
  // sigma hands the reducer its own copy of the attributes: set and return it.
  const i = attrs.i;
  if (state.hidden[i]) {
    attrs.hidden = true;
  } else if (state.highlight >= 0 && i !== state.highlight) {
    attrs.color = DIMMED;
    attrs.label = '';
  } else {
    attrs.color = state.colourOf[nodes()[state.colour][i] + 1];
  }
  return attrs;
}

// Redraw once per frame however many controls changed in it. `changed` lists
// the only nodes whose look changed (sigma re-reduces just those, then
// re-lays its buffers); without it every node is reduced again.
function redraw(changed = null) {
  if (changed === null) state.dirty = null;
  else if (state.dirty !== null) for (const i of changed) state.dirty.add(i);
  if (state.pending) return;
  state.pending = requestAnimationFrame(() => {
    const dirty = state.dirty;
    state.pending = 0;
    state.dirty = new Set();
    if (dirty === null) {
      state.renderer.refresh();
    } else if (dirty.size) {
      const { id } = nodes();
      state.renderer.refresh({ partialGraph: { nodes: [...dirty].map((i) => id[i]) } });
    }
  });
}

// The counts and legend beside the map.
function counts(shown) {
  const container = document.getElementById('map');
  // An empty map says what it is drawn from: "0 actors shown" reads as a failure of the page.
  document.getElementById('map-count').textContent = state.graph.order
    ? t('{count} actors shown', { count: shown })
    : t('No actor on this map: it is drawn from the interactions between actors (reposts, replies, mentions, links), and none falls in this scope.');
  container.dataset.shown = String(shown);
  container.dataset.hidden = String(state.graph.order - shown);
  container.dataset.order = String(state.graph.order);
  legend();
}

// Apply the controls: colours, hidden nodes, counts and legend; no graph change.
function update(recolour = false) {
  if (recolour) colouring();
  const { shown, changed } = applyFilters();
  counts(shown);
  if (recolour) redraw();
  else if (changed.length) redraw(changed);
}

function filterValues() {
  const select = clear(document.getElementById('map-filter-value'));
  select.append(el('option', { value: '', text: t('All') }));
  if (!state.filterField) return;
  const values = [...dictionary(state.filterField)].sort((a, b) => wordFor(state.filterField, a).localeCompare(wordFor(state.filterField, b)));
  for (const value of values) select.append(el('option', { value, text: wordFor(state.filterField, value) }));
}

function category(field, i) {
  const code = nodes()[field][i];
  return code >= 0 ? wordFor(field, dictionary(field)[code]) : '';
}

function hover(i) {
  const target = clear(document.getElementById('map-hover'));
  if (i < 0) return;
  const { id, name, weight } = nodes();
  target.append(
    el('h3', {}, actorLink(id[i], name[i] || id[i])),
    el('p', { text: `${t('Community')}: ${category('community', i)}` }),
    el('p', { text: `${t('Stance')}: ${category('stance', i)} · ${t('Kind')}: ${category('kind', i)} · ${t('Role')}: ${category('role', i)}` }),
    el('p', { text: t('Interaction strength on the map: {weight}', { weight: num(weight[i]) }) }),
  );
}

// The graph holds only what sigma draws; everything else stays in the columns.
function build(data) {
  const { id, name, x, y, weight } = data.nodes;
  const count = id.length;
  let maxWeight = 1e-9;
  for (let i = 0; i < count; i += 1) maxWeight = Math.max(maxWeight, weight[i] || 0);
  // Dense maps get smaller discs so communities stay readable before zooming in.
  const scale = Math.max(0.3, Math.min(1, Math.sqrt(5000 / Math.max(1, count))));
  const entries = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const angle = i * 2.399963;
    entries[i] = {
      key: id[i],
      attributes: {
        i,
        label: name[i] || id[i],
        x: Number.isFinite(x[i]) ? x[i] : Math.cos(angle) * Math.sqrt(i),
        y: Number.isFinite(y[i]) ? y[i] : Math.sin(angle) * Math.sqrt(i),
        size: scale * (2 + 12 * Math.sqrt((weight[i] || 0) / maxWeight)),
      },
    };
  }
  const graph = new Graph({ multi: false, type: 'directed' });
  graph.import({ nodes: entries });
  const names = clear(document.getElementById('map-names'));
  for (let i = 0; i < Math.min(count, 5000); i += 1) names.append(el('option', { value: name[i] || id[i] }));
  state.builds += 1;
  return graph;
}

// Edges join or leave the graph with the checkbox; the nodes stay as they are.
function showEdges(show) {
  const graph = state.graph;
  graph.clearEdges();
  state.edgesShown = show;
  if (show) {
    const { id } = nodes();
    const { source, target } = state.data.edges;
    for (let k = 0; k < source.length; k += 1) {
      const a = id[source[k]];
      const b = id[target[k]];
      if (!graph.hasEdge(a, b)) graph.addEdge(a, b, EDGE);
    }
  }
  document.getElementById('map').dataset.edges = String(graph.size);
}

async function load(axis) {
  const container = document.getElementById('map');
  try {
    const started = performance.now();
    const data = await api('/api/map', { axis, limit: 50000, format: 'columns' });
    const fetched = performance.now();
    if (state.renderer) state.renderer.kill();
    state.data = data;
    state.highlight = -1;
    state.hidden = new Uint8Array(data.nodes.id.length);
    state.graph = build(data);
    const edges = data.nodes.id.length <= EDGES_UP_TO;
    document.getElementById('map-edges').checked = edges;
    showEdges(edges);
    colouring();
    const { shown } = applyFilters();
    const built = performance.now();
    state.renderer = new Sigma(state.graph, container, {
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      labelRenderedSizeThreshold: 8,
      defaultNodeType: 'point',
      nodeProgramClasses: { point: MapPointProgram },
      defaultEdgeType: 'line',
      edgeProgramClasses: { line: EdgeLineProgram },
      nodeReducer,
    });
    let renders = 0; // frames sigma drew (the benchmark counts them)
    state.renderer.on('afterRender', () => { renders += 1; container.dataset.renders = String(renders); });
    state.renderer.on('enterNode', ({ node }) => {
      container.dataset.hovered = node;
      hover(state.graph.getNodeAttribute(node, 'i'));
    });
    state.renderer.on('clickNode', ({ node }) => { window.location.assign(`/actors/${encodeURIComponent(node)}`); });
    filterValues();
    counts(shown);
    container.dataset.builds = String(state.builds);
    container.dataset.timings = JSON.stringify({
      fetch_ms: Math.round(fetched - started), build_ms: Math.round(built - fetched), sigma_ms: Math.round(performance.now() - built),
    });
    container.dataset.nodes = String(data.nodes.id.length);
  } catch (error) {
    notice(container, error);
    container.dataset.nodes = '0';
  }
}

function search(text) {
  const needle = text.trim().toLowerCase();
  state.highlight = -1;
  if (needle && state.data) {
    const { id, name } = nodes();
    const nameOf = (i) => String(name[i] || id[i]).toLowerCase();
    state.highlight = id.findIndex((key, i) => nameOf(i) === needle || key.toLowerCase() === needle);
    if (state.highlight < 0) state.highlight = id.findIndex((_, i) => nameOf(i).includes(needle));
  }
  const key = state.highlight >= 0 ? nodes().id[state.highlight] : '';
  if (key) {
    const display = state.renderer.getNodeDisplayData(key);
    if (display) state.renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.3 }, { duration: 400 });
    hover(state.highlight);
  }
  document.getElementById('map').dataset.highlight = key;
  redraw();
}

export default async function mapPage() {
  const axis = document.getElementById('map-axis');
  const colour = document.getElementById('map-colour');
  const field = document.getElementById('map-filter-field');
  const value = document.getElementById('map-filter-value');
  const weight = document.getElementById('map-min-weight');
  const query = document.getElementById('map-search');
  const edges = document.getElementById('map-edges');
  const ready = (handler) => () => { if (state.graph) handler(); };
  edges.addEventListener('change', ready(() => { showEdges(edges.checked); redraw(); }));
  axis.addEventListener('change', () => load(axis.value));
  colour.addEventListener('change', ready(() => { state.colour = colour.value; update(true); }));
  field.addEventListener('change', ready(() => { state.filterField = field.value; state.filterValue = ''; filterValues(); update(); }));
  value.addEventListener('change', ready(() => { state.filterValue = value.value; update(); }));
  weight.addEventListener('input', ready(() => { state.minWeight = Number(weight.value) || 0; update(); }));
  query.addEventListener('change', ready(() => search(query.value)));
  document.getElementById('map-controls').addEventListener('submit', (event) => { event.preventDefault(); if (state.graph) search(query.value); });
  await load(axis.value);
}
