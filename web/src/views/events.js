// Events: filters (actor, type, dates), a map (world outlines bundled from world-atlas:
// no tile server, works offline), a timeline, and the selected event's details.
import { select } from 'd3-selection';
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { scaleUtc } from 'd3-scale';
import { axisBottom } from 'd3-axis';
import { zoom, zoomIdentity } from 'd3-zoom';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { get, place as fetchPlace } from '../api.js';
import { h, fill, note, guarded, humanType, actorLink, articleLink, formatDate } from '../dom.js';

const EVENT_TYPES = ['Battle', 'Attack', 'Airstrike', 'Capture', 'Crash', 'Agreement', 'Statement', 'OtherEvent'];
const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);

/** The first and last instants a partial date stands for. */
function dateSpan(date) {
  if (!date) return null;
  const [year, month, day] = date.split('-').map(Number);
  if (day) return [Date.UTC(year, month - 1, day), Date.UTC(year, month - 1, day + 1)];
  if (month) return [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1)];
  return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
}

function eventLabel(event) {
  return `${humanType(event.type)}${event.place ? ` at ${event.place.name}` : ''}, ${event.date || 'undated'}`;
}

export async function render(main, _params, query) {
  document.title = 'Events · actorgraph';
  const filters = {
    actor: query.get('actor') || '',
    type: query.get('type') || '',
    from: query.get('from') || '',
    to: query.get('to') || '',
    place: query.get('place') || '',
  };
  let selected = query.get('event') || '';

  const actorSelect = h('select', { id: 'filter-actor', name: 'actor' }, h('option', { value: '' }, 'any actor'));
  const typeSelect = h('select', { id: 'filter-type', name: 'type' }, h('option', { value: '' }, 'any type'),
    EVENT_TYPES.map((type) => h('option', { value: type, selected: type === filters.type }, humanType(type))));
  const fromInput = h('input', { id: 'filter-from', type: 'date', name: 'from', value: filters.from });
  const toInput = h('input', { id: 'filter-to', type: 'date', name: 'to', value: filters.to });
  const form = h('form', { class: 'controls', 'aria-label': 'Event filters', onsubmit: (event) => {
    event.preventDefault();
    apply();
  } },
    h('label', {}, 'Actor ', actorSelect),
    h('label', {}, 'Type ', typeSelect),
    h('label', {}, 'From ', fromInput),
    h('label', {}, 'To ', toInput),
    h('button', { type: 'submit' }, 'Filter'),
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      actorSelect.value = '';
      typeSelect.value = '';
      fromInput.value = '';
      toInput.value = '';
      filters.place = '';
      apply();
    } }, 'Reset'),
  );
  for (const control of [actorSelect, typeSelect]) control.addEventListener('change', apply);

  const status = h('p', { class: 'note', role: 'status' });
  const mapBox = h('div', { id: 'map', class: 'map' });
  const timelineBox = h('div', { id: 'timeline', class: 'timeline' });
  const detail = h('aside', { id: 'event-panel', class: 'panel', 'aria-live': 'polite', 'aria-label': 'Selected event' },
    h('h2', {}, 'Event'), h('p', { class: 'hint' }, 'Select an event on the map, the timeline or the list.'));
  const list = h('div', { id: 'event-table' });
  main.append(h('div', { class: 'page events-page' },
    h('h1', {}, 'Events'),
    form,
    filters.place ? h('p', { class: 'hint' }, `Only events at or in “${filters.place}”. `) : null,
    status,
    h('div', { class: 'events-layout' },
      h('div', { class: 'events-visuals' },
        h('section', { 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title', class: 'visually-hidden' }, 'Map'), mapBox),
        h('section', { 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline'), timelineBox)),
      detail),
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'All events shown'), list),
  ));

  get('/api/actors', { limit: 500 }).then((page) => {
    for (const actor of page.items.sort((a, b) => a.name.localeCompare(b.name))) {
      actorSelect.append(h('option', { value: actor.id, selected: actor.id === filters.actor }, actor.name));
    }
    actorSelect.value = filters.actor;
  }).catch(() => {});

  let events = [];
  let resizeTimer = null;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 200);
  };
  window.addEventListener('resize', onResize);

  function syncUrl() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (selected) params.set('event', selected);
    history.replaceState(null, '', `/events${params.toString() ? `?${params}` : ''}`);
  }

  async function apply() {
    filters.actor = actorSelect.value;
    filters.type = typeSelect.value;
    filters.from = fromInput.value;
    filters.to = toInput.value;
    syncUrl();
    await guarded(status, load);
  }

  async function load() {
    status.textContent = 'Loading…';
    const page = await get('/api/events', { ...filters, limit: 500 });
    events = page.items;
    const places = await Promise.all([...new Set(events.filter((e) => e.place).map((e) => e.place.id))].map(fetchPlace));
    const coordinates = Object.fromEntries(places.filter(Boolean).map((p) => [p.id, p.coordinates]));
    for (const event of events) event.coordinates = event.place ? coordinates[event.place.id] || null : null;
    const onMap = events.filter((e) => e.coordinates).length;
    status.textContent = `${events.length}${page.next ? '+' : ''} event${events.length === 1 ? '' : 's'}, ${onMap} on the map.`;
    draw();
    if (selected) guarded(detail, () => showEvent(selected));
  }

  function choose(id) {
    selected = id;
    syncUrl();
    for (const mark of main.querySelectorAll('[data-event]')) {
      mark.classList.toggle('selected', mark.dataset.event === id);
      if (mark.matches('tr')) mark.setAttribute('aria-selected', mark.dataset.event === id ? 'true' : 'false');
    }
    guarded(detail, () => showEvent(id));
  }

  function keyActivate(id) {
    return (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose(id);
      }
    };
  }

  function draw() {
    drawMap();
    drawTimeline();
    drawList();
  }

  function drawMap() {
    const width = mapBox.clientWidth || 800;
    const height = Math.max(260, Math.min(460, Math.round(width * 0.55)));
    mapBox.replaceChildren();
    const located = events.filter((event) => event.coordinates);
    const projection = geoNaturalEarth1();
    if (located.length) {
      // Frame the events with a margin of a few degrees.
      const lons = located.map((e) => e.coordinates.longitude);
      const lats = located.map((e) => e.coordinates.latitude);
      const pad = 9;
      const box = {
        type: 'MultiPoint',
        coordinates: [
          [Math.min(...lons) - pad, Math.min(...lats) - pad],
          [Math.max(...lons) + pad, Math.max(...lats) + pad],
        ],
      };
      projection.fitExtent([[10, 10], [width - 10, height - 10]], box);
    } else {
      projection.fitSize([width, height], { type: 'Sphere' });
    }
    const path = geoPath(projection);
    const svg = select(mapBox).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('role', 'group').attr('aria-label', `Map of ${located.length} located events`);
    const layer = svg.append('g');
    layer.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
    layer.append('path').attr('class', 'graticule').attr('d', path(geoGraticule10()));
    layer.append('g').selectAll('path').data(countries.features).join('path')
      .attr('class', 'country').attr('d', path)
      .append('title').text((d) => d.properties.name);
    layer.append('path').attr('class', 'border').attr('d', path(borders));
    // Events at one place fan out around it.
    const seen = new Map();
    const dots = layer.append('g').attr('class', 'event-dots');
    const labels = new Map();
    for (const event of located) {
      const [x, y] = projection([event.coordinates.longitude, event.coordinates.latitude]);
      const n = seen.get(event.place.id) || 0;
      seen.set(event.place.id, n + 1);
      const angle = n * 2.4;
      const radius = n ? 9 + 3 * Math.sqrt(n) : 0;
      const cx = x + radius * Math.cos(angle);
      const cy = y + radius * Math.sin(angle);
      if (!labels.has(event.place.id)) labels.set(event.place.id, [x, y, event.place.name]);
      const dot = dots.append('circle')
        .attr('class', `event-dot type-${event.type}${event.id === selected ? ' selected' : ''}`)
        .attr('cx', cx).attr('cy', cy).attr('r', 7)
        .attr('tabindex', 0).attr('role', 'button').attr('data-event', event.id)
        .attr('aria-label', eventLabel(event))
        .on('click', () => choose(event.id))
        .on('keydown', keyActivate(event.id));
      dot.append('title').text(eventLabel(event));
    }
    const labelLayer = layer.append('g').attr('class', 'place-labels');
    for (const [x, y, name] of labels.values()) {
      labelLayer.append('text').attr('x', x + 10).attr('y', y - 10).text(name);
    }
    const zoomer = zoom().scaleExtent([0.5, 20]).on('zoom', (event) => {
      layer.attr('transform', event.transform);
      layer.selectAll('circle').attr('r', 7 / event.transform.k).attr('stroke-width', 1.5 / event.transform.k);
      layer.selectAll('.place-labels text').attr('font-size', 12 / event.transform.k);
      layer.selectAll('.border, .country').attr('stroke-width', 0.6 / event.transform.k);
    });
    svg.call(zoomer);
    const zoomBy = (factor) => svg.call(zoomer.scaleBy, factor);
    const types = [...new Set(located.map((event) => event.type))].sort();
    mapBox.append(h('ul', { class: 'map-legend', 'aria-label': 'Event types on the map' },
      types.map((type) => h('li', {}, h('span', { class: `legend-dot type-${type}` }), humanType(type)))));
    mapBox.append(h('div', { class: 'map-buttons' },
      h('button', { type: 'button', class: 'small', 'aria-label': 'Zoom in', onclick: () => zoomBy(1.5) }, '+'),
      h('button', { type: 'button', class: 'small', 'aria-label': 'Zoom out', onclick: () => zoomBy(1 / 1.5) }, '−'),
      h('button', { type: 'button', class: 'small', onclick: () => svg.call(zoomer.transform, zoomIdentity) }, 'Reset view')));
  }

  function drawTimeline() {
    timelineBox.replaceChildren();
    const dated = events.filter((event) => event.date).map((event) => ({ event, span: dateSpan(event.date) }));
    const undated = events.filter((event) => !event.date);
    if (dated.length) {
      const width = timelineBox.clientWidth || 800;
      const start = Math.min(...dated.map((d) => d.span[0]));
      const end = Math.max(...dated.map((d) => d.span[1]));
      const margin = (end - start) * 0.05 + 15 * 864e5;
      const x = scaleUtc().domain([start - margin, end + margin]).range([20, width - 20]);
      // One lane per overlap, so bars never hide each other.
      const lanes = [];
      for (const item of dated.sort((a, b) => a.span[0] - b.span[0])) {
        let lane = lanes.findIndex((lastEnd) => lastEnd <= item.span[0]);
        if (lane < 0) lane = lanes.length;
        lanes[lane] = item.span[1];
        item.lane = lane;
      }
      const laneHeight = 22;
      const height = lanes.length * laneHeight + 40;
      const svg = select(timelineBox).append('svg')
        .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
        .attr('role', 'group').attr('aria-label', `Timeline of ${dated.length} dated events`);
      svg.append('g').attr('transform', `translate(0,${height - 24})`)
        .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
      for (const { event, span, lane } of dated) {
        const x0 = x(span[0]);
        const barWidth = Math.max(10, x(span[1]) - x0);
        const group = svg.append('g')
          .attr('class', `timeline-item type-${event.type}${event.id === selected ? ' selected' : ''}`)
          .attr('data-event', event.id).attr('tabindex', 0).attr('role', 'button')
          .attr('aria-label', `${eventLabel(event)} (${event.date_precision || 'date'} precision)`)
          .on('click', () => choose(event.id)).on('keydown', keyActivate(event.id));
        group.append('rect').attr('x', x0).attr('y', 8 + lane * laneHeight).attr('width', barWidth).attr('height', 16).attr('rx', 4);
        group.append('title').text(eventLabel(event));
        if (barWidth > 60) {
          group.append('text').attr('x', x0 + 4).attr('y', 20 + lane * laneHeight).text(humanType(event.type));
        }
      }
    }
    timelineBox.append(undated.length
      ? h('p', { class: 'hint' }, `${undated.length} undated event${undated.length === 1 ? '' : 's'}: `,
        undated.map((event, index) => [index ? ', ' : '', h('a', { href: `/events?event=${event.id}`, onclick: (e) => {
          e.preventDefault();
          e.stopPropagation();
          choose(event.id);
        } }, eventLabel(event))]))
      : dated.length ? '' : note('No event matches.'));
  }

  function drawList() {
    fill(list, events.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Event', 'Date', 'Place', 'Participants', ''].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, events.map((event) => h('tr', { 'data-event': event.id, class: event.id === selected ? 'selected' : '' },
        h('td', {}, humanType(event.type)),
        h('td', {}, formatDate(event.date, event.date_precision)),
        h('td', {}, event.place ? event.place.name : '—'),
        h('td', {}, event.participants.map((p, index) => [index ? ', ' : '', actorLink(p.actor)])),
        h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => choose(event.id) }, 'Details')),
      ))))) : note('No event matches these filters.'));
  }

  async function showEvent(id) {
    fill(detail, h('h2', {}, 'Event'), note('Loading…'));
    const event = await get(`/api/events/${encodeURIComponent(id)}`);
    const roles = event.participants.filter((p) => p.role && p.role !== 'Side');
    fill(detail,
      h('h2', { id: 'event-title' }, eventLabel(event)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, humanType(event.type)),
        h('dt', {}, 'Date'), h('dd', { id: 'event-date' }, formatDate(event.date, event.date_precision),
          event.date_text ? ` — “${event.date_text}”` : ''),
        event.since || event.until ? [h('dt', {}, 'Span'), h('dd', {}, `${event.since || '…'} – ${event.until || '…'}`)] : null,
        h('dt', {}, 'Place'), h('dd', { id: 'event-place' }, event.place
          ? [event.place.name, event.place.coordinates ? ` (${event.place.coordinates.latitude.toFixed(2)}, ${event.place.coordinates.longitude.toFixed(2)})` : '',
            ' · ', h('a', { href: `/events?place=${encodeURIComponent(event.place.id)}` }, 'events here')]
          : 'unknown'),
        event.trigger ? [h('dt', {}, 'Words'), h('dd', {}, `“${event.trigger}”`)] : null,
        event.fatalities != null ? [h('dt', {}, 'Fatalities'), h('dd', {}, String(event.fatalities))] : null,
        event.confidence != null ? [h('dt', {}, 'Confidence'), h('dd', {}, event.confidence.toFixed(2))] : null,
      ),
      h('h3', {}, 'Sides'),
      event.sides.length ? h('div', { class: 'sides' }, event.sides.map((side) => h('div', { class: 'side' },
        h('h4', {}, `Side ${side.side + 1}`),
        h('ul', {}, side.actors.map((actor) => h('li', {}, actorLink(actor))))))) : note('No sides stated.'),
      roles.length ? [h('h3', {}, 'Participants'), h('ul', {}, roles.map((p) => h('li', {}, actorLink(p.actor), ` — ${humanType(p.role === 'ParticipantRole' ? 'participant' : p.role)}`)))] : null,
      h('h3', {}, 'Evidence'),
      h('ul', { class: 'evidence-list' }, event.evidence.map((ev) => h('li', { class: 'evidence' },
        h('blockquote', { class: 'sentence' }, ev.sentence || ev.text),
        h('p', { class: 'evidence-meta' }, ev.article ? articleLink(ev.article, 'Read the article') : '', ev.date ? ` · dated ${ev.date}` : '')))),
      h('h3', {}, 'Claims'),
      event.claims.length ? h('ul', { class: 'claims' }, event.claims.map((claim) => h('li', { class: claim.denial ? 'claim denial' : 'claim' },
        h('strong', {}, claim.source ? claim.source.name : 'unknown source'),
        ` ${claim.cue || 'says'}${claim.denial ? ' (denial)' : ''}: `,
        h('q', {}, claim.statement || '')))) : note('No claim about it: the article states it.'),
    );
  }

  await guarded(status, load);
  return () => {
    window.removeEventListener('resize', onResize);
    clearTimeout(resizeTimer);
  };
}
