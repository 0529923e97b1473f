// pullquote studio: shows the template on every format for every quote, and re-renders
// whenever the server pushes a new state. Cards are drawn by POST /api/render, the public API.
'use strict';

const MAX_IN_FLIGHT = 4;
const $ = (id) => document.getElementById(id);

const studio = {
  template: null,
  generation: 0,
  formats: [],
  rows: [],          // { key, label, quote, el, cards: [] }
  queue: [],
  inFlight: 0,
  pass: null,        // { generation, started }
  lastUpdate: null,  // { generation, started, done, cards }
};
window.studio = studio;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status-text').textContent = text;
}

function where(d) {
  return [d.file, d.line, d.column].filter((x) => x != null).join(':');
}

// ---- state pushed by the server -------------------------------------------------------------

function onState(s) {
  studio.template = s.template;
  $('template-name').textContent = s.name ? `${s.name} · ${s.template}` : s.template;
  document.title = `${s.template} · pullquote studio`;
  const files = $('template-files');
  files.replaceChildren();
  s.files.forEach((f, i) => {
    if (i) files.append(' · ');
    files.append(f.url ? el('a', { href: f.url, target: '_blank', text: f.path }) : el('span', { text: f.path }));
  });

  $('error').hidden = !s.error;
  document.body.classList.toggle('broken', !!s.error);
  if (s.error) {
    $('error-title').textContent = s.error.file ? `The template does not load: ${where(s.error)}` : 'The template does not load';
    $('error-text').textContent = s.error.text;
    $('error').querySelector('.note').hidden = !s.loaded;
    setStatus('error', `error in ${where(s.error) || s.template}`);
  }

  const warnings = s.warnings || [];
  $('warnings').hidden = warnings.length === 0;
  $('warnings-summary').textContent = `${warnings.length} template warning${warnings.length === 1 ? '' : 's'}`;
  $('warnings-list').replaceChildren(...warnings.map((w) =>
    el('li', {}, el('code', { text: where(w) }), ' ', w.message, w.hint ? el('div', { class: 'hint', text: w.hint }) : null)));

  $('empty').hidden = s.loaded;
  if (s.loaded && s.generation !== studio.generation) {
    studio.generation = s.generation;
    renderAll();
  } else if (!s.error && !studio.inFlight) {
    setStatus('live', 'live');
  }
}

function onQuotes(q) {
  const quotes = q.samples.map((s, i) => ({ key: `sample-${i}`, label: s.label, quote: s }));
  const t = q.transcript || {};
  (t.quotes || []).forEach((s, i) => quotes.push({ key: `transcript-${i}`, label: s.label, quote: s, group: t.file }));
  studio.quoteRows = quotes;
  buildRows();
  if (studio.generation) renderAll();
}

// ---- rows and cards -------------------------------------------------------------------------

function typedQuote() {
  const text = $('q-text').value.trim();
  if (!text) return null;
  const value = (id) => $(id).value.trim() || undefined;
  return {
    text, speaker: value('q-speaker') || '', role: value('q-role'),
    organisation: value('q-organisation'), lang: value('q-lang'),
  };
}

function buildRows() {
  const rows = [];
  const typed = typedQuote();
  if (typed) rows.push({ key: 'yours', label: 'your quote', quote: typed });
  rows.push(...(studio.quoteRows || []));
  const container = $('rows');
  container.replaceChildren();
  studio.rows = rows.map((row) => {
    const excerpt = el('span', { class: 'excerpt' }, el('q', { text: row.quote.text }),
      row.quote.speaker ? ` — ${row.quote.speaker}` : '');
    const strip = el('div', { class: 'strip' });
    row.el = el('section', { class: 'row', 'data-key': row.key },
      el('header', {}, el('span', { class: 'label', text: row.label }), excerpt), strip);
    row.cards = studio.formats.map((format) => makeCard(row, format));
    strip.append(...row.cards.map((c) => c.el));
    container.append(row.el);
    return row;
  });
}

function makeCard(row, format) {
  const img = el('img', { alt: '' });
  const marks = el('div', { class: 'marks' });
  const frame = el('div', { class: 'frame', tabindex: '0', role: 'button' }, img, marks);
  // Every thumbnail has the same area and its card's shape: a story is as present as a square.
  const root = Math.sqrt(format.width / format.height);
  frame.style.width = `calc(var(--h) * ${root})`;
  frame.style.height = `calc(var(--h) / ${root})`;
  const count = el('span', { class: 'count' });
  count.hidden = true;
  const caption = el('figcaption', {}, el('b', { text: format.id }), `${format.width}×${format.height}`, count);
  const card = { row, format, img, marks, frame, count, token: 0, queued: false, url: null, warnings: [], alt: '' };
  card.el = el('figure', { class: 'card', 'data-format': format.id }, frame, caption);
  const open = () => openViewer(card);
  frame.addEventListener('click', open);
  frame.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
  return card;
}

// Each warning outlines the text it concerns, numbered as in the real-size view's list.
function drawMarks(container, warnings, width, height) {
  container.replaceChildren(...warnings.map((w, i) => {
    const mark = el('div', { class: `mark ${w.kind}`, title: `${i + 1}. ${w.kind}: ${w.message}${w.file ? ` (${where(w)})` : ''}` },
      el('span', { text: String(i + 1) }));
    mark.style.left = `${(100 * w.x) / width}%`;
    mark.style.top = `${(100 * w.y) / height}%`;
    mark.style.width = `${(100 * w.w) / width}%`;
    mark.style.height = `${(100 * w.h) / height}%`;
    return mark;
  }));
}

// ---- rendering through the API --------------------------------------------------------------

// Every field of a card request the server sends with a quote, sent back as it came.
const QUOTE_FIELDS = ['text', 'speaker', 'role', 'organisation', 'lang', 'title', 'kicker', 'date', 'outlet', 'photo'];

function requestBody(quote, format, scale) {
  const body = { format: format.id, template: studio.template, scale };
  for (const key of QUOTE_FIELDS) if (quote[key] != null) body[key] = quote[key];
  // A photo typed into the page is tried on every quote.
  const photo = $('q-photo').value.trim();
  if (photo) body.photo = photo;
  return body;
}

// The smallest scale that stays sharp at the thumbnail's size.
function thumbnailScale(format) {
  const side = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--h')) || 200;
  const height = side / Math.sqrt(format.width / format.height);
  const wanted = (height * (window.devicePixelRatio || 1)) / format.height;
  return Math.min(1, Math.max(0.1, Math.ceil(wanted * 20) / 20));
}

async function render(quote, format, scale) {
  const response = await fetch('/api/render', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(requestBody(quote, format, scale)),
  });
  if (!response.ok) {
    const error = await response.json().catch(() => ({ message: response.statusText, text: response.statusText }));
    throw error;
  }
  const header = (name, fallback) => decodeURIComponent(response.headers.get(name) || fallback);
  const [width, height] = header('X-Card-Size', '0x0').split('x').map(Number);
  return {
    url: URL.createObjectURL(await response.blob()),
    alt: header('X-Alt-Text', ''),
    warnings: JSON.parse(header('X-Card-Warnings', '[]')),
    width, height,
  };
}

function request(card) {
  card.token += 1;
  if (!card.queued) {
    card.queued = true;
    studio.queue.push(card);
  }
  pump();
}

function pump() {
  while (studio.inFlight < MAX_IN_FLIGHT && studio.queue.length) {
    const card = studio.queue.shift();
    card.queued = false;
    studio.inFlight += 1;
    draw(card, card.token).finally(() => {
      studio.inFlight -= 1;
      pump();
      if (!studio.inFlight && !studio.queue.length) idle();
    });
  }
}

async function draw(card, token) {
  let result;
  try {
    result = await render(card.row.quote, card.format, thumbnailScale(card.format));
  } catch (error) {
    if (token === card.token) { showFailure(card, error); drawn(card); }
    return;
  }
  if (token !== card.token) { URL.revokeObjectURL(result.url); return; }
  // Decoded before it replaces the old image, so a card never blinks.
  const next = new Image();
  next.src = result.url;
  await next.decode().catch(() => {});
  if (token !== card.token) { URL.revokeObjectURL(result.url); return; }
  if (card.url) URL.revokeObjectURL(card.url);
  card.url = result.url;
  card.img.src = result.url;
  card.img.alt = result.alt;
  card.alt = result.alt;
  card.warnings = result.warnings;
  card.generation = studio.pass ? studio.pass.generation : studio.generation;
  card.frame.querySelector('.failure')?.remove();
  drawMarks(card.marks, result.warnings, result.width, result.height);
  card.count.hidden = result.warnings.length === 0;
  card.count.textContent = String(result.warnings.length);
  card.count.classList.toggle('contrast', result.warnings.some((w) => w.kind === 'contrast'));
  card.count.title = result.warnings.map((w) => w.message).join('\n');
  drawn(card);
}

function showFailure(card, error) {
  card.frame.querySelector('.failure')?.remove();
  const message = error && (error.message || error.text) ? error.message || error.text : String(error);
  card.frame.append(el('div', { class: 'failure', title: (error && error.hint) || '', text: message }));
}

// Cards on screen first, then the nearest ones: what the designer is looking at changes first.
function byDistanceToView(cards) {
  const view = window.innerHeight;
  const distance = (card) => {
    const box = card.frame.getBoundingClientRect();
    return box.bottom < 0 ? -box.bottom : Math.max(0, box.top - view);
  };
  return cards.map((card) => [distance(card), card]).sort((a, b) => a[0] - b[0]);
}

function renderAll() {
  const cards = byDistanceToView(studio.rows.flatMap((row) => row.cards));
  const visible = new Set(cards.filter(([d]) => d === 0).map(([, card]) => card));
  studio.pass = { generation: studio.generation, started: performance.now(), cards: cards.length, visible, visibleMs: null };
  if (!document.body.classList.contains('broken')) setStatus('busy', 'rendering…');
  for (const [, card] of cards) request(card);
}

// Called as each card of a pass is drawn: notes when the last card that was on screen is done.
function drawn(card) {
  const pass = studio.pass;
  if (!pass || !pass.visible.delete(card) || pass.visible.size) return;
  pass.visibleMs = Math.round(performance.now() - pass.started);
  document.body.dataset.visibleAt = String(Date.now());
}

function idle() {
  const pass = studio.pass;
  if (!pass) return;
  const ms = Math.round(performance.now() - pass.started);
  studio.lastUpdate = { generation: pass.generation, ms, visibleMs: pass.visibleMs, cards: pass.cards, done: Date.now() };
  document.body.dataset.generation = String(pass.generation);
  document.body.dataset.updatedAt = String(studio.lastUpdate.done);
  studio.pass = null;
  if (!document.body.classList.contains('broken')) {
    const time = new Date().toLocaleTimeString();
    const onScreen = pass.visibleMs == null ? '' : ` (on screen: ${pass.visibleMs} ms)`;
    setStatus('live', `updated ${time} · ${pass.cards} cards in ${ms} ms${onScreen}`);
  }
}

// ---- the real-size viewer -------------------------------------------------------------------

async function openViewer(card) {
  const dialog = $('viewer');
  const { format } = card;
  $('viewer-title').textContent = `${format.id} · ${format.width}×${format.height} · ${card.row.label}`;
  $('viewer-alt').textContent = card.alt;
  $('viewer-image').removeAttribute('src');
  $('viewer-warnings').replaceChildren();
  if (!dialog.open) dialog.showModal();
  let result;
  try {
    result = await render(card.row.quote, format, 1);
  } catch (error) {
    $('viewer-warnings').replaceChildren(el('li', { text: (error && error.text) || String(error) }));
    return;
  }
  const image = $('viewer-image');
  if (image.dataset.url) URL.revokeObjectURL(image.dataset.url);
  image.dataset.url = result.url;
  image.src = result.url;
  image.alt = result.alt;
  $('viewer-alt').textContent = result.alt;
  $('viewer-download').href = result.url;
  $('viewer-download').download = `${card.row.key}-${format.id}.png`;
  sizeViewer(result.width);
  drawMarks($('viewer-frame').querySelector('.marks'), result.warnings, result.width, result.height);
  $('viewer-warnings').replaceChildren(...result.warnings.map((w) =>
    el('li', {}, el('b', { text: `${w.kind}: ` }), w.message, w.file ? el('code', { text: ` ${where(w)}` }) : null)));
}

function sizeViewer(width) {
  const frame = $('viewer-frame');
  frame.dataset.width = width || frame.dataset.width;
  // Real size: one pixel of the card on one pixel of the screen.
  const real = frame.dataset.width / (window.devicePixelRatio || 1);
  frame.style.width = $('viewer-fit').checked ? `min(${real}px, 100%)` : `${real}px`;
}

// ---- start ----------------------------------------------------------------------------------

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

async function start() {
  studio.formats = await (await fetch('/api/formats')).json();
  const typed = debounce(() => {
    const hadRow = studio.rows[0] && studio.rows[0].key === 'yours';
    const quote = typedQuote();
    if (!!quote !== hadRow) { buildRows(); if (studio.generation) renderAll(); return; }
    if (!quote) return;
    const row = studio.rows[0];
    row.quote = quote;
    row.el.querySelector('.excerpt').replaceChildren(el('q', { text: quote.text }), quote.speaker ? ` — ${quote.speaker}` : '');
    row.cards.forEach(request);
  }, 250);
  for (const id of ['q-text', 'q-speaker', 'q-role', 'q-organisation', 'q-lang']) $(id).addEventListener('input', typed);
  $('q-photo').addEventListener('change', () => { if (studio.generation) renderAll(); });
  $('size').addEventListener('change', (e) => {
    document.documentElement.style.setProperty('--h', `${e.target.value}px`);
    if (studio.generation) renderAll();
  });
  $('size').addEventListener('input', (e) => document.documentElement.style.setProperty('--h', `${e.target.value}px`));
  $('show-warnings').addEventListener('change', (e) => document.body.classList.toggle('hide-marks', !e.target.checked));
  $('viewer-close').addEventListener('click', () => $('viewer').close());
  $('viewer-fit').addEventListener('change', () => sizeViewer());

  const events = new EventSource('/api/events');
  events.addEventListener('open', () => { if (!document.body.classList.contains('broken')) setStatus('live', 'live'); });
  events.addEventListener('error', () => setStatus('offline', 'studio not reachable: reconnecting…'));
  events.addEventListener('state', (e) => onState(JSON.parse(e.data)));
  events.addEventListener('quotes', (e) => onQuotes(JSON.parse(e.data)));
}

start();
