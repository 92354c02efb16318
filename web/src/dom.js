// A small helper to build DOM nodes without innerHTML, so no text from the store is ever parsed as HTML.

/**
 * h('a', {href: '/x', class: 'c', onclick: fn}, 'text', child…)
 * Attributes whose value is null, undefined or false are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A status line: loading, empty or error. */
export function note(text, kind = 'info') {
  return h('p', { class: `note note-${kind}`, role: kind === 'error' ? 'alert' : null }, text);
}

/** Runs `render` and shows its error in `where` instead of failing silently. */
export async function guarded(where, render) {
  try {
    await render();
  } catch (error) {
    console.error(error);
    fill(where, note(error.message || String(error), 'error'));
  }
}

/** The label of a relation predicate. */
export const PREDICATE_LABELS = {
  allyOf: 'ally of',
  opposes: 'opposes',
  memberOf: 'member of',
  leads: 'leads',
  affiliatedWith: 'affiliated with',
  brokeAllianceWith: 'broke alliance with',
  succeededBy: 'succeeded by',
  armedForces: 'armed forces',
  government: 'government',
};

export function predicateLabel(predicate) {
  return PREDICATE_LABELS[predicate] || predicate;
}

/** "Battle" → "Battle", "ArmedGroup" → "Armed group". */
export function humanType(type) {
  if (!type) return '';
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A date as written (YYYY, YYYY-MM, YYYY-MM-DD) with its precision. */
export function formatDate(date, precision) {
  if (!date) return 'date unknown';
  return precision ? `${date} (to the ${precision})` : date;
}

/** A link to an actor page. */
export function actorLink(link) {
  if (!link) return '';
  return h('a', { href: `/actor/${encodeURIComponent(link.id)}` }, link.name || link.id);
}

/** A link to an article, optionally highlighting an entity's mentions. */
export function articleLink(id, label, highlight) {
  const query = highlight ? `?highlight=${encodeURIComponent(highlight)}` : '';
  return h('a', { href: `/article/${encodeURIComponent(id)}${query}` }, label || `article ${id.slice(0, 8)}`);
}
