// The list of articles, newest first.
import { get } from '../api.js';
import { h, fill, note, guarded } from '../dom.js';

export async function render(main) {
  document.title = 'Articles · actorgraph';
  const list = h('div', {}, note('Loading…'));
  main.append(h('section', { class: 'page narrow' }, h('h1', {}, 'Articles'), list));
  await guarded(list, async () => {
    const page = await get('/api/articles', { limit: 500 });
    fill(list, page.items.length ? h('ul', { class: 'result-list' }, page.items.map((article) => h('li', {},
      h('a', { class: 'result', href: `/article/${encodeURIComponent(article.id)}` },
        h('span', { class: 'result-name' }, article.title || `Article ${article.id.slice(0, 8)}`),
        h('span', { class: 'result-meta' }, [article.date || 'undated', article.lang, article.source].filter(Boolean).join(' · ')))))) : note('No article yet: add one on the Ingest page.'));
  });
}
