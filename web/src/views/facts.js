// Shared rendering of what was read in an article: stored facts (ArticleDetail.facts)
// and previews (ExtractedFacts from /api/extract).
import { h, note, humanType, predicateLabel, actorLink, formatDate } from '../dom.js';

/** The stored facts of an article, as sections. */
export function storedFacts(facts) {
  return [
    h('section', { class: 'fact-group' }, h('h3', {}, `Actors (${facts.actors.length})`),
      h('ul', { class: 'chips' }, facts.actors.map((actor) => h('li', {}, actorLink(actor), h('span', { class: 'muted' }, ` ${humanType(actor.type)}`))))),
    h('section', { class: 'fact-group' }, h('h3', {}, `Places (${facts.places.length})`),
      h('ul', { class: 'chips' }, facts.places.map((place) => h('li', {}, h('a', { href: `/events?place=${encodeURIComponent(place.id)}` }, place.name))))),
    h('section', { class: 'fact-group' }, h('h3', {}, `Events (${facts.events.length})`),
      facts.events.length ? h('ul', {}, facts.events.map((event) => h('li', {},
        h('a', { href: `/events?event=${encodeURIComponent(event.id)}` }, `${humanType(event.type)}${event.place ? ` at ${event.place.name}` : ''}`),
        ` — ${formatDate(event.date, event.date_precision)}; `,
        event.participants.map((p, index) => [index ? ', ' : '', actorLink(p.actor), p.side != null ? ` (side ${p.side + 1})` : ''])))) : note('None.')),
    h('section', { class: 'fact-group' }, h('h3', {}, `Relations (${facts.relations.length})`),
      facts.relations.length ? h('ul', {}, facts.relations.map((relation) => h('li', {},
        actorLink(relation.subject), ` ${predicateLabel(relation.predicate)} `, actorLink(relation.object),
        relation.evidence ? [' — ', h('q', {}, relation.evidence)] : '',
        relation.claimed_by.length ? h('span', { class: 'muted' }, ` (claimed by ${relation.claimed_by.map((c) => c.name).join(', ')})`) : ''))) : note('None.')),
  ];
}

/** A preview of extracted facts (before saving). */
export function extractedFacts(facts) {
  return [
    h('p', {}, `Language ${facts.language}; date ${facts.date || 'unknown'}.`),
    h('section', { class: 'fact-group' }, h('h3', {}, `Actors (${facts.actors.length})`),
      h('ul', { class: 'chips' }, facts.actors.map((actor) => h('li', {}, actor.name, h('span', { class: 'muted' }, ` ${humanType(actor.type)}${actor.known ? '' : ', new'} · ${actor.confidence.toFixed(2)}`))))),
    h('section', { class: 'fact-group' }, h('h3', {}, `Places (${facts.places.length})`),
      h('ul', { class: 'chips' }, facts.places.map((place) => h('li', {}, place.name, place.country ? h('span', { class: 'muted' }, ` ${place.country}`) : '')))),
    h('section', { class: 'fact-group' }, h('h3', {}, `Events (${facts.events.length})`),
      facts.events.length ? h('ul', {}, facts.events.map((event) => h('li', {},
        `${event.type}${event.place ? ` at ${event.place}` : ''} — ${event.date || 'undated'}${event.trigger ? ` (“${event.trigger}”)` : ''}: `,
        event.roles.map((role) => `${role.actor} [${role.role}${role.side != null ? ` ${role.side + 1}` : ''}]`).join(', ')))) : note('None.')),
    h('section', { class: 'fact-group' }, h('h3', {}, `Relations (${facts.relations.length})`),
      facts.relations.length ? h('ul', {}, facts.relations.map((relation) => h('li', {},
        `${relation.subject} ${predicateLabel(relation.predicate)} ${relation.object}`,
        relation.evidence ? [' — ', h('q', {}, relation.evidence)] : ''))) : note('None.')),
    h('section', { class: 'fact-group' }, h('h3', {}, `Claims (${facts.claims.length})`),
      facts.claims.length ? h('ul', {}, facts.claims.map((claim) => h('li', {},
        h('strong', {}, claim.source), ` ${claim.cue}${claim.denial ? ' (denial)' : ''}: `, h('q', {}, claim.statement || '')))) : note('None.')),
    facts.warnings.length ? h('details', {}, h('summary', {}, `${facts.warnings.length} warning(s)`), h('ul', {}, facts.warnings.map((w) => h('li', {}, w)))) : null,
  ];
}
