// The SPARQL editor: CodeMirror with SPARQL highlighting, the project's prefixes,
// example queries, paged results, CSV/JSON downloads, and CONSTRUCT results as Turtle.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { StreamLanguage } from '@codemirror/language';
import { sparql as sparqlMode } from '@codemirror/legacy-modes/mode/sparql';
import { sparql } from '../api.js';
import { h, fill, note } from '../dom.js';

export const PREFIXES = `PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX schema: <https://schema.org/>
PREFIX wd: <http://www.wikidata.org/entity/>
`;

const EXAMPLES = [
  { name: 'Who opposes whom', query: `SELECT DISTINCT ?a ?b WHERE {
  ?x ag:opposes ?y .
  ?x rdfs:label ?a . ?y rdfs:label ?b .
  FILTER(lang(?a) IN ("en", "") && lang(?b) IN ("en", ""))
} ORDER BY ?a ?b` },
  { name: 'Alliances with their evidence', query: `SELECT ?subject ?object ?evidence ?date WHERE {
  ?r a ag:Relationship ; ag:relationSubject ?s ; ag:relationPredicate ag:allyOf ;
     ag:relationObject ?o ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?r ag:evidenceText ?evidence }
  OPTIONAL { ?article ag:date ?date }
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
  FILTER(lang(?subject) IN ("en", "") && lang(?object) IN ("en", ""))
}` },
  { name: 'Events with place and date', query: `SELECT ?event ?type ?placeName ?date WHERE {
  ?event a ?type ; ag:place ?place .
  ?type rdfs:subClassOf* ag:Event .
  ?place rdfs:label ?placeName .
  OPTIONAL { ?event ag:date ?date }
  FILTER(?type != ag:Event)
} ORDER BY ?date` },
  { name: 'Actors by number of articles', query: `SELECT ?actor (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?article a ag:Article ; ag:mentions ?a .
  ?a rdfs:label ?actor .
  FILTER(lang(?actor) IN ("en", ""))
} GROUP BY ?actor ORDER BY DESC(?articles) LIMIT 20` },
  { name: 'Claims and who makes them', query: `SELECT ?source ?cue ?statement WHERE {
  ?claim a ag:Claim ; ag:cue ?cue .
  OPTIONAL { ?claim prov:wasAttributedTo ?s . ?s rdfs:label ?source }
  OPTIONAL { ?claim ag:statement ?statement }
}` },
  { name: 'Articles (ASK)', query: 'ASK { ?article a ag:Article }' },
  { name: 'The network as a graph (CONSTRUCT)', query: `CONSTRUCT { ?a ag:allyOf ?b . ?c ag:opposes ?d }
WHERE { { ?a ag:allyOf ?b } UNION { ?c ag:opposes ?d } }` },
];

const PAGE_SIZE = 25;

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function cell(term) {
  if (!term) return '';
  if (term.type === 'uri') return h('span', { class: 'term-iri' }, term.value);
  if (term.type === 'bnode') return `_:${term.value}`;
  const suffix = term['xml:lang'] ? `@${term['xml:lang']}` : '';
  return [term.value, suffix ? h('span', { class: 'muted' }, suffix) : ''];
}

export async function render(main, _params, query) {
  document.title = 'SPARQL · actorgraph';
  const initial = query.get('query') || `${PREFIXES}\n${EXAMPLES[0].query}\n`;
  const results = h('section', { id: 'results', 'aria-live': 'polite', 'aria-labelledby': 'results-title' },
    h('h2', { id: 'results-title' }, 'Results'), h('p', { class: 'hint' }, 'Run a query (Ctrl+Enter in the editor).'));
  const editorBox = h('div', { id: 'editor', class: 'editor' });
  const exampleSelect = h('select', { id: 'examples' }, h('option', { value: '' }, 'Choose an example…'),
    EXAMPLES.map((example, index) => h('option', { value: index }, example.name)));
  let last = null;

  const view = new EditorView({
    doc: initial,
    parent: editorBox,
    extensions: [
      basicSetup,
      StreamLanguage.define(sparqlMode),
      keymap.of([{ key: 'Mod-Enter', run: () => {
        run();
        return true;
      } }]),
      EditorView.contentAttributes.of({ 'aria-label': 'SPARQL query', 'aria-describedby': 'editor-help' }),
    ],
  });
  exampleSelect.addEventListener('change', () => {
    const example = EXAMPLES[exampleSelect.value];
    if (!example) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: `${PREFIXES}\n${example.query}\n` } });
    view.focus();
  });

  async function exportAs(accept, name, type) {
    try {
      const response = await sparql(view.state.doc.toString(), accept);
      download(name, type, await response.text());
    } catch (error) {
      results.append(note(error.message, 'error'));
    }
  }

  function showPage(pageNumber) {
    const { vars, rows } = last;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const page = Math.min(Math.max(0, pageNumber), pages - 1);
    const slice = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    fill(results,
      h('h2', { id: 'results-title' }, 'Results'),
      h('div', { class: 'row results-bar' },
        h('p', { id: 'result-count', role: 'status' }, `${rows.length} row${rows.length === 1 ? '' : 's'} in ${last.ms} ms`),
        h('button', { type: 'button', class: 'small secondary', onclick: () => exportAs('text/csv', 'results.csv', 'text/csv') }, 'Download CSV'),
        h('button', { type: 'button', class: 'small secondary', onclick: () => exportAs('application/sparql-results+json', 'results.json', 'application/json') }, 'Download JSON')),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data results-table' },
        h('thead', {}, h('tr', {}, vars.map((name) => h('th', { scope: 'col' }, `?${name}`)))),
        h('tbody', {}, slice.map((row) => h('tr', {}, vars.map((name) => h('td', {}, cell(row[name])))))))),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Result pages' },
        h('button', { type: 'button', class: 'small', disabled: page === 0, onclick: () => showPage(page - 1) }, 'Previous'),
        h('span', {}, `Page ${page + 1} of ${pages}`),
        h('button', { type: 'button', class: 'small', disabled: page === pages - 1, onclick: () => showPage(page + 1) }, 'Next')) : null,
    );
  }

  async function run() {
    fill(results, h('h2', { id: 'results-title' }, 'Results'), note('Running…'));
    const started = performance.now();
    try {
      // The server picks JSON for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE.
      const response = await sparql(view.state.doc.toString(), 'application/sparql-results+json, text/turtle;q=0.9');
      const ms = Math.round(performance.now() - started);
      const type = response.headers.get('content-type') || '';
      if (type.includes('turtle')) {
        const turtle = await response.text();
        fill(results, h('h2', { id: 'results-title' }, 'Results'),
          h('div', { class: 'row results-bar' },
            h('p', { id: 'result-count', role: 'status' }, `Turtle, ${turtle.split('\n').filter((line) => line.trim()).length} lines in ${ms} ms`),
            h('button', { type: 'button', class: 'small secondary', onclick: () => download('results.ttl', 'text/turtle', turtle) }, 'Download Turtle')),
          h('pre', { class: 'turtle', tabindex: 0 }, turtle));
        return;
      }
      const json = await response.json();
      if ('boolean' in json) {
        fill(results, h('h2', { id: 'results-title' }, 'Results'), h('p', { id: 'result-count', class: 'ask', role: 'status' }, `ASK: ${json.boolean}`));
        return;
      }
      last = { vars: json.head.vars, rows: json.results.bindings, ms };
      showPage(0);
    } catch (error) {
      fill(results, h('h2', { id: 'results-title' }, 'Results'), h('pre', { class: 'note note-error', role: 'alert' }, error.message));
    }
  }

  main.append(h('div', { class: 'page editor-page' },
    h('h1', {}, 'SPARQL'),
    h('div', { class: 'row' },
      h('label', { for: 'examples' }, 'Examples '), exampleSelect,
      h('button', { type: 'button', id: 'run-query', onclick: run }, 'Run'),
      h('a', { href: '/sparql', class: 'muted' }, 'endpoint: /sparql')),
    h('p', { id: 'editor-help', class: 'hint' }, 'The default graph is the union of every graph. Ctrl+Enter runs the query; Esc then Tab leaves the editor.'),
    editorBox,
    results));
  return () => view.destroy();
}
