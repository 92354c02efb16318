// One article: its text with every mention highlighted and linked, the facts read
// from it, and its claims, with conflicting ones side by side.
import { get } from '../api.js';
import { h, fill, note, guarded } from '../dom.js';
import { storedFacts } from './facts.js';

/** The text with mentions as links; offsets are in code points, as the API gives them. */
function annotated(text, mentions, highlight) {
  const chars = Array.from(text);
  const parts = [];
  let cursor = 0;
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const mention of sorted) {
    if (mention.start < cursor || mention.end > chars.length) continue; // nested or out of range
    parts.push(plain(chars.slice(cursor, mention.start)));
    const href = mention.kind === 'actor' || mention.kind === 'country'
      ? `/actor/${encodeURIComponent(mention.entity.id)}`
      : `/events?place=${encodeURIComponent(mention.entity.id)}`;
    const focus = highlight && mention.entity.id === highlight;
    parts.push(h('a', {
      href,
      class: `mention mention-${mention.kind}${focus ? ' focus' : ''}`,
      title: `${mention.entity.name} (${mention.kind})`,
      'data-entity': mention.entity.id,
    }, chars.slice(mention.start, mention.end).join('')));
    cursor = mention.end;
  }
  parts.push(plain(chars.slice(cursor)));
  return parts;
}

/** Text between mentions; runs of blank lines shown as one paragraph break. */
function plain(chars) {
  return chars.join('').replace(/\n\s*\n\s*/g, '\n\n');
}

/** Claims grouped by what they are about: two or more sources on one thing sit side by side. */
function claimsView(claims, events) {
  if (!claims.length) return note('No attributed claim.');
  const groups = new Map();
  for (const claim of claims) {
    // Claims about one event are compared; the others are shown together.
    const key = claim.about || '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(claim);
  }
  const eventName = (id) => {
    const event = events.find((e) => e.id === id);
    return event ? `${event.type}${event.place ? ` at ${event.place.name}` : ''}` : null;
  };
  return [...groups.entries()].map(([about, group]) => {
    const sources = new Set(group.map((claim) => claim.source?.id || claim.source?.name));
    const conflicting = Boolean(about) && group.length > 1 && (sources.size > 1 || group.some((c) => c.denial) !== group.every((c) => c.denial));
    return h('div', { class: `claim-group${conflicting ? ' conflicting' : ''}` },
      h('h4', {}, about ? ['About the ', h('a', { href: `/events?event=${encodeURIComponent(about)}` }, eventName(about) || 'event')] : 'Other attributed statements',
        conflicting ? h('span', { class: 'badge conflict' }, 'sources differ') : ''),
      h('div', { class: 'claim-columns' }, group.map((claim) => h('article', { class: `claim-card${claim.denial ? ' denial' : ''}` },
        h('p', { class: 'claim-source' }, h('strong', {}, claim.source ? claim.source.name : 'unknown source'), ` ${claim.cue || ''}${claim.denial ? ' (denies)' : ''}`),
        h('blockquote', {}, claim.statement || '')))));
  });
}

export async function render(main, [id], query) {
  const highlight = query.get('highlight');
  const page = h('div', { class: 'page article-page' }, note('Loading…'));
  main.append(page);
  await guarded(page, async () => {
    const article = await get(`/api/articles/${encodeURIComponent(id)}`);
    const title = article.title || `Article of ${article.date || 'unknown date'}`;
    document.title = `${title} · actorgraph`;
    // The whole text is annotated at once (offsets count from its start); CSS keeps its line breaks.
    const body = h('div', { id: 'article-text', class: 'article-text', lang: article.lang || null });
    body.append(...annotated(article.text, article.facts.mentions, highlight).map((part) => (part instanceof Node ? part : document.createTextNode(part))));
    fill(page,
      h('h1', {}, title),
      h('p', { class: 'muted' }, [article.date ? `Dated ${article.date}` : 'Undated', article.lang ? `in ${article.lang}` : null,
        article.source ? ['from ', h('a', { href: article.source, rel: 'external noopener noreferrer' }, article.source)] : null].filter(Boolean).map((part, index) => [index ? ' · ' : '', part])),
      h('div', { class: 'article-layout' },
        h('section', { 'aria-labelledby': 'text-title' },
          h('h2', { id: 'text-title' }, 'Text'),
          h('p', { class: 'legend-inline' }, h('span', { class: 'mention mention-actor' }, 'actor'), ' ', h('span', { class: 'mention mention-place' }, 'place'), ' ', h('span', { class: 'mention mention-country' }, 'country'),
            highlight ? [' ', h('span', { class: 'mention focus' }, 'the entity you came from')] : ''),
          body),
        h('section', { class: 'article-facts', 'aria-labelledby': 'facts-title' },
          h('h2', { id: 'facts-title' }, 'Facts read from it'),
          storedFacts(article.facts))),
      h('section', { 'aria-labelledby': 'claims-title' },
        h('h2', { id: 'claims-title' }, 'Claims'),
        claimsView(article.facts.claims, article.facts.events)),
    );
    const focused = page.querySelector('.mention.focus');
    if (focused) focused.scrollIntoView({ block: 'center' });
  });
}
