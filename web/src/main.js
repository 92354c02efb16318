// The app shell: a client-side router over the views; links are ordinary <a href>.
import './style.css';
import { fill, note } from './dom.js';

const routes = [
  { pattern: /^\/$/, nav: 'actors', load: () => import('./views/home.js') },
  { pattern: /^\/actor\/([^/]+)$/, nav: 'actors', load: () => import('./views/actor.js') },
  { pattern: /^\/events$/, nav: 'events', load: () => import('./views/events.js') },
  { pattern: /^\/articles$/, nav: 'articles', load: () => import('./views/articles.js') },
  { pattern: /^\/article\/([^/]+)$/, nav: 'articles', load: () => import('./views/article.js') },
  { pattern: /^\/ingest$/, nav: 'ingest', load: () => import('./views/ingest.js') },
  { pattern: /^\/editor$/, nav: 'editor', load: () => import('./views/editor.js') },
];

const main = document.getElementById('main');
let cleanup = null;
let renderId = 0;

async function render() {
  const id = ++renderId;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const route = routes.find((candidate) => candidate.pattern.test(path));
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (route && link.dataset.nav === route.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  if (!route) {
    document.title = 'Not found · actorgraph';
    fill(main, note(`There is no page at ${path}.`, 'error'));
    return;
  }
  const [, ...params] = path.match(route.pattern);
  const view = await route.load();
  if (id !== renderId) return;
  main.replaceChildren();
  cleanup = (await view.render(main, params.map(decodeURIComponent), new URLSearchParams(location.search))) || null;
}

/** Goes to `url` inside the app (pushes a history entry). */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render().then(() => {
    if (!replace) {
      // Move focus to the new content for screen readers and keyboards, from the top of the page.
      window.scrollTo(0, 0);
      main.focus({ preventScroll: true });
    }
  });
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  // The APIs are not pages of the app.
  if (/^\/(api|sparql|query|update|store|health)(\/|$)/.test(url.pathname)) return;
  // In-page anchors (the skip link) keep the browser's behaviour: scroll and focus.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  if (url.pathname === location.pathname && url.search === location.search) return;
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => render());
render();
