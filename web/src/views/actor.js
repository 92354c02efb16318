// An actor's page: profile, relationship network (force-directed, depth 1–3, date window),
// the evidence behind each edge, and the actor's events.
import cytoscape from 'cytoscape';
import { get } from '../api.js';
import { h, fill, note, guarded, humanType, predicateLabel, actorLink, articleLink, formatDate } from '../dom.js';
import { navigate } from '../main.js';

const TYPE_COLOURS = {
  StateArmedForce: '#3b6ea8',
  ArmedGroup: '#8e5a2b',
  Coalition: '#a0522d',
  Government: '#5b6f3a',
  Person: '#6d4c8d',
  Organisation: '#4f6d7a',
  Country: '#37474f',
  Actor: '#546e7a',
};

function edgeKind(predicate) {
  if (predicate === 'allyOf') return 'ally';
  if (predicate === 'opposes' || predicate === 'brokeAllianceWith') return 'opponent';
  return 'other';
}

const STYLE = [
  { selector: 'node', style: {
    'background-color': (node) => TYPE_COLOURS[node.data('type')] || TYPE_COLOURS.Actor,
    label: 'data(name)', color: '#1b1f24', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4,
    'text-wrap': 'wrap', 'text-max-width': 110, width: 22, height: 22,
    'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
  } },
  { selector: 'node.centre', style: { width: 34, height: 34, 'border-width': 4, 'border-color': '#f2b705', 'font-weight': 'bold' } },
  { selector: 'edge', style: {
    width: 3, 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: '#333',
    'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.85,
    'text-background-padding': 1,
  } },
  { selector: 'edge.ally', style: { 'line-color': '#2e7d32', 'line-style': 'solid' } },
  { selector: 'edge.opponent', style: { 'line-color': '#c62828', 'line-style': 'dashed', 'line-dash-pattern': [8, 4] } },
  { selector: 'edge.other', style: {
    'line-color': '#90a4ae', 'line-style': 'solid', width: 1.5,
    'target-arrow-shape': 'triangle', 'target-arrow-color': '#90a4ae',
  } },
  { selector: 'edge.derived', style: { 'line-style': 'dotted', width: 2.5, opacity: 0.85 } },
  { selector: 'edge:selected', style: { width: 6, 'overlay-opacity': 0.12, 'overlay-color': '#f2b705' } },
  { selector: 'node:selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#f2b705' } },
];

export async function render(main, [id], query) {
  const state = {
    depth: Number(query.get('depth')) || 1,
    from: query.get('from') || '',
    to: query.get('to') || '',
  };
  let cy = null;
  const page = h('div', { class: 'page actor-page' });
  main.append(page);
  const profile = h('section', { class: 'profile', 'aria-labelledby': 'actor-name' }, note('Loading…'));
  const networkBox = h('div', { id: 'network', class: 'network', role: 'img', 'aria-label': 'Relationship network' });
  const summary = h('div', { id: 'network-summary', class: 'network-summary' });
  const evidence = h('aside', { id: 'edge-panel', class: 'panel', 'aria-live': 'polite', 'aria-label': 'Evidence' },
    h('h2', {}, 'Evidence'),
    h('p', { class: 'hint' }, 'Select a line in the network, or a relation in the table below, to see the sentences behind it.'));
  const table = h('div', { id: 'relations-table' });
  const events = h('section', { class: 'actor-events', 'aria-labelledby': 'events-title' });

  const depthSelect = h('select', { id: 'depth', name: 'depth' },
    [1, 2, 3].map((value) => h('option', { value, selected: value === state.depth }, `${value} step${value > 1 ? 's' : ''}`)));
  const fromInput = h('input', { id: 'from', name: 'from', type: 'date', value: state.from });
  const toInput = h('input', { id: 'to', name: 'to', type: 'date', value: state.to });
  const controls = h('form', { class: 'controls', 'aria-label': 'Network settings', onsubmit: (event) => {
    event.preventDefault();
    apply();
  } },
    h('label', {}, 'Depth ', depthSelect),
    h('label', {}, 'From ', fromInput),
    h('label', {}, 'To ', toInput),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      fromInput.value = '';
      toInput.value = '';
      apply();
    } }, 'Clear dates'),
  );
  depthSelect.addEventListener('change', apply);

  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    h('li', {}, h('span', { class: 'swatch ally' }), 'ally (stated)'),
    h('li', {}, h('span', { class: 'swatch opponent' }), 'opponent (stated)'),
    h('li', {}, h('span', { class: 'swatch ally derived' }), h('span', { class: 'swatch opponent derived' }), 'derived from events (same or opposite sides)'),
    h('li', {}, h('span', { class: 'swatch other' }), 'other relation (member of, succeeded by, …)'),
  );

  page.append(
    profile,
    h('section', { class: 'network-section', 'aria-labelledby': 'network-title' },
      h('h2', { id: 'network-title' }, 'Relationship network'),
      controls,
      summary,
      h('div', { class: 'network-layout' },
        h('div', { class: 'network-wrap' }, networkBox, legend),
        evidence),
      h('h3', {}, 'Relations in the network'),
      table),
    events,
  );

  function apply() {
    state.depth = Number(depthSelect.value);
    state.from = fromInput.value;
    state.to = toInput.value;
    const params = new URLSearchParams();
    if (state.depth !== 1) params.set('depth', state.depth);
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    history.replaceState(null, '', `/actor/${encodeURIComponent(id)}${params.toString() ? `?${params}` : ''}`);
    guarded(summary, drawNetwork);
  }

  async function showEvidence(source, target, predicate, derived) {
    const names = { [source.id]: source.name, [target.id]: target.name };
    fill(evidence, h('h2', {}, 'Evidence'), note('Loading…'));
    const relations = await get(`/api/actors/${encodeURIComponent(source.id)}/relations`, {
      predicate, with: target.id, since: state.from, until: state.to, limit: 500,
    });
    const matching = relations.items.filter((item) => item.actor.id === target.id && Boolean(item.derived) === derived);
    const title = h('h2', { id: 'evidence-title' },
      `${names[source.id]} ${predicateLabel(predicate)} ${names[target.id]}`);
    const kind = h('p', { class: `edge-kind ${edgeKind(predicate)}` },
      derived ? 'Derived: the two took part in the same events, on the same or opposite sides.' : 'Stated in the sources.');
    const items = matching.flatMap((item) => {
      const parts = [];
      if (item.reference && !item.evidence.length) {
        parts.push(h('li', { class: 'evidence' }, h('p', {}, 'From the reference data (gazetteer); no article sentence.')));
      }
      for (const ev of item.evidence) {
        parts.push(h('li', { class: 'evidence' },
          h('blockquote', { class: 'sentence' }, highlightIn(ev.sentence || ev.text, ev.text)),
          h('p', { class: 'evidence-meta' },
            ev.article ? articleLink(ev.article, 'Read the article', target.id) : 'no article',
            ' · ', ev.date ? `dated ${ev.date}` : 'undated',
            ev.event ? [' · ', h('a', { href: `/events?event=${encodeURIComponent(ev.event)}` }, 'the event')] : null),
          item.claimed_by.length
            ? h('p', { class: 'claimed-by' }, 'Claimed by ', item.claimed_by.map((who, index) => [index ? ', ' : '', who.iri.includes('/actor/') ? actorLink(who) : who.name]))
            : h('p', { class: 'claimed-by' }, 'Asserted by the article (no attributed source).'),
        ));
      }
      if (item.since || item.until) parts.push(h('li', {}, `Holds ${item.since ? `from ${item.since}` : ''} ${item.until ? `until ${item.until}` : ''}`));
      return parts;
    });
    fill(evidence, title, kind, items.length ? h('ul', { class: 'evidence-list' }, items) : note('No evidence within these dates.'));
    evidence.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  async function drawNetwork() {
    const graph = await get('/api/graph', { actor: id, depth: state.depth, from: state.from, to: state.to });
    const byId = Object.fromEntries(graph.nodes.map((node) => [node.id, node]));
    const elements = [
      ...graph.nodes.map((node) => ({
        data: { id: node.id, name: node.name, type: node.type, depth: node.depth },
        classes: node.depth === 0 ? 'centre' : '',
      })),
      ...graph.edges.map((edge, index) => ({
        data: {
          id: `e${index}`, source: edge.source, target: edge.target, predicate: edge.predicate,
          derived: edge.derived, weight: edge.weight,
          label: `${predicateLabel(edge.predicate)}${edge.derived ? ' (derived)' : ''}`,
        },
        classes: `${edgeKind(edge.predicate)}${edge.derived ? ' derived' : ''}`,
      })),
    ];
    if (cy) cy.destroy();
    cy = cytoscape({
      container: networkBox, elements, style: STYLE,
      minZoom: 0.3, maxZoom: 3,
      // Rings by distance first, so the force-directed pass starts from the same place every time.
      layout: { name: 'concentric', concentric: (node) => 3 - node.data('depth'), levelWidth: () => 1, animate: false },
    });
    cy.layout({
      name: 'cose', randomize: false, animate: false, padding: 40, gravity: 0.8, nodeOverlap: 20,
      nodeRepulsion: () => 60000, idealEdgeLength: () => 70, edgeElasticity: () => 100,
    }).run();
    // A small network would be blown up to fill the box: keep it at a readable scale.
    if (cy.zoom() > 1.4) {
      cy.zoom(1.4);
      cy.center();
    }
    cy.on('tap', 'edge', (event) => {
      const edge = event.target.data();
      guarded(evidence, () => showEvidence(byId[edge.source], byId[edge.target], edge.predicate, edge.derived));
    });
    cy.on('tap', 'node', (event) => {
      const node = event.target.data();
      if (node.id !== id) navigate(`/actor/${encodeURIComponent(node.id)}`);
    });
    window.actorgraph = { ...(window.actorgraph || {}), cy };

    // The centre's allies and opponents, in words (for readers who cannot see the colours).
    const around = (kind) => {
      const names = new Set();
      for (const edge of graph.edges) {
        if (edgeKind(edge.predicate) !== kind || edge.predicate === 'brokeAllianceWith') continue;
        if (edge.source === id) names.add(edge.target);
        else if (edge.target === id) names.add(edge.source);
      }
      return [...names].map((other) => byId[other]);
    };
    const allies = around('ally');
    const opponents = around('opponent');
    fill(summary,
      h('p', { id: 'allies' }, h('strong', {}, 'Allies: '),
        allies.length ? allies.map((node, index) => [index ? ', ' : '', actorLink(node)]) : 'none found'),
      h('p', { id: 'opponents' }, h('strong', {}, 'Opponents: '),
        opponents.length ? opponents.map((node, index) => [index ? ', ' : '', actorLink(node)]) : 'none found'),
      graph.truncated ? note('The network was cut to stay readable.', 'warning') : null,
    );
    fill(table, graph.edges.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, 'Relations drawn in the network'),
      h('thead', {}, h('tr', {}, ['Actor', 'Relation', 'Actor', 'Kind', 'Support', ''].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, graph.edges.map((edge) => h('tr', { class: edgeKind(edge.predicate) },
        h('td', {}, actorLink(byId[edge.source])),
        h('td', {}, h('span', { class: `rel ${edgeKind(edge.predicate)}` }, predicateLabel(edge.predicate))),
        h('td', {}, actorLink(byId[edge.target])),
        h('td', {}, edge.derived ? 'derived' : 'stated'),
        h('td', {}, String(edge.weight)),
        h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => guarded(evidence, () =>
          showEvidence(byId[edge.source], byId[edge.target], edge.predicate, edge.derived)) }, 'Evidence')),
      ))))) : note('No relation within these settings.'));
  }

  await guarded(profile, async () => {
    const actor = await get(`/api/actors/${encodeURIComponent(id)}`);
    document.title = `${actor.name} · actorgraph`;
    fill(profile,
      h('h1', { id: 'actor-name' }, actor.name, ' ', h('span', { class: `badge type-${actor.type}` }, humanType(actor.type))),
      actor.description ? h('p', { class: 'description' }, actor.description) : null,
      h('dl', { class: 'facts inline' },
        [
          actor.country ? ['Country', actor.country.name] : null,
          ['First seen', actor.first_seen || '—', 'first-seen'],
          ['Last seen', actor.last_seen || '—', 'last-seen'],
          ['In the sources', `${actor.articles} article(s), ${actor.mentions} mention(s), ${actor.events} event(s)`],
          actor.valid_from || actor.valid_until ? ['Active', `${actor.valid_from || '…'} – ${actor.valid_until || '…'}`] : null,
          ['Wikidata', actor.wikidata
            ? h('a', { href: actor.wikidata, rel: 'external noopener noreferrer' }, actor.wikidata.replace(/^.*\//, ''))
            : 'no link'],
        ].filter(Boolean).map(([term, value, id]) => h('div', {}, h('dt', {}, term), h('dd', { id }, value))),
      ),
      actor.aliases?.length ? h('p', { class: 'aliases' }, h('strong', {}, 'Also called: '),
        actor.aliases.slice(0, 6).join(' · '),
        actor.aliases.length > 6 ? h('details', {}, h('summary', {}, `${actor.aliases.length - 6} more`), actor.aliases.slice(6).join(' · ')) : null) : null,
      h('p', { class: 'iri muted' }, actor.iri),
    );
  });
  await guarded(summary, drawNetwork);
  guarded(events, async () => {
    const list = await get(`/api/actors/${encodeURIComponent(id)}/events`, { limit: 100 });
    fill(events, h('h2', { id: 'events-title' }, 'Events'),
      list.items.length ? h('ul', { class: 'event-list' }, list.items.map((event) => h('li', {},
        h('a', { href: `/events?event=${encodeURIComponent(event.id)}&actor=${encodeURIComponent(id)}` },
          `${humanType(event.type)}${event.place ? ` at ${event.place.name}` : ''}`),
        ` — ${formatDate(event.date, event.date_precision)}`))) : note('No event.'),
      h('p', {}, h('a', { href: `/events?actor=${encodeURIComponent(id)}` }, 'See them on the map and timeline')));
  });
  return () => {
    if (cy) cy.destroy();
  };
}

/** The sentence with the supporting words marked. */
function highlightIn(sentence, words) {
  if (!sentence) return '';
  const at = words && words !== sentence ? sentence.indexOf(words) : -1;
  if (at < 0) return sentence;
  return [sentence.slice(0, at), h('mark', {}, words), sentence.slice(at + words.length)];
}
