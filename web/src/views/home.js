// Actor search: results as you type, from the REST search (ranked, accent-insensitive).
import { get } from '../api.js';
import { h, fill, note, humanType } from '../dom.js';
import { navigate } from '../main.js';

export async function render(main, _params, query) {
  document.title = 'Actors · actorgraph';
  const input = h('input', {
    id: 'actor-search',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Wagner, armée malienne, CSP-DPA…',
    value: query.get('q') || '',
    'aria-describedby': 'search-help',
    'aria-controls': 'search-results',
  });
  const results = h('ul', { id: 'search-results', class: 'result-list', 'aria-label': 'Actors found' });
  const status = h('p', { class: 'note', role: 'status' });
  main.append(
    h('section', { class: 'page narrow' },
      h('h1', {}, 'Actors'),
      h('form', { role: 'search', class: 'search', onsubmit: (event) => {
        event.preventDefault();
        const first = results.querySelector('a');
        if (first) navigate(first.getAttribute('href'));
      } },
        h('label', { for: 'actor-search' }, 'Search actors by name or alias'),
        input,
        h('p', { id: 'search-help', class: 'hint' }, 'Results appear as you type; Enter opens the first one.'),
      ),
      status,
      results,
    ),
  );

  let timer = null;
  let latest = 0;
  async function search() {
    const q = input.value.trim();
    const id = ++latest;
    history.replaceState(null, '', q ? `/?q=${encodeURIComponent(q)}` : '/');
    try {
      const page = await get('/api/actors', { q, limit: 30 });
      if (id !== latest) return;
      status.textContent = page.items.length
        ? `${page.items.length}${page.next ? '+' : ''} actor${page.items.length > 1 ? 's' : ''}${q ? ` matching “${q}”` : ''}`
        : `No actor matches “${q}”.`;
      fill(results, page.items.map((actor) => h('li', {},
        h('a', { href: `/actor/${encodeURIComponent(actor.id)}`, class: 'result' },
          h('span', { class: 'result-name' }, actor.name),
          h('span', { class: `badge type-${actor.type}` }, humanType(actor.type)),
          h('span', { class: 'result-meta' },
            `${actor.articles} article${actor.articles === 1 ? '' : 's'} · ${actor.mentions} mention${actor.mentions === 1 ? '' : 's'}`),
          actor.aliases?.length ? h('span', { class: 'result-aliases' }, actor.aliases.slice(0, 4).join(' · ')) : null,
        ))));
    } catch (error) {
      if (id === latest) fill(results, h('li', {}, note(error.message, 'error')));
    }
  }
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  search();
  input.focus();
  return () => clearTimeout(timer);
}
