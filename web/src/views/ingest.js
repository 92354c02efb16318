// Ingest: paste an article, preview what the extractor reads (nothing stored), then
// save it with the write token and see what was stored.
import { post } from '../api.js';
import { h, fill, note, guarded, articleLink } from '../dom.js';
import { extractedFacts, storedFacts } from './facts.js';

const EXAMPLE = `date 2024-09
lang fr
title Attaque près de Djibo
Le JNIM a attaqué un poste de l'armée burkinabè près de Djibo, a annoncé l'armée.`;

export async function render(main) {
  document.title = 'Ingest · actorgraph';
  const text = h('textarea', { id: 'ingest-text', rows: 7, spellcheck: 'false', required: true,
    'aria-describedby': 'ingest-help' });
  const token = h('input', { id: 'ingest-token', type: 'password', autocomplete: 'off',
    value: sessionStorage.getItem('actorgraph-token') || '' });
  const before = h('section', { id: 'preview', class: 'panel', 'aria-live': 'polite', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, 'Before saving'), h('p', { class: 'hint' }, 'Preview shows what would be read; nothing is stored.'));
  const after = h('section', { id: 'saved', class: 'panel', 'aria-live': 'polite', 'aria-labelledby': 'saved-title' },
    h('h2', { id: 'saved-title' }, 'After saving'), h('p', { class: 'hint' }, 'Save stores the article and shows what the store now holds.'));
  const body = () => text.value;

  async function preview() {
    fill(before, h('h2', { id: 'preview-title' }, 'Before saving'), note('Reading…'));
    const { body: facts } = await post('/api/extract', body());
    fill(before, h('h2', { id: 'preview-title' }, 'Before saving'), extractedFacts(facts));
  }

  async function save() {
    if (token.value) sessionStorage.setItem('actorgraph-token', token.value);
    fill(after, h('h2', { id: 'saved-title' }, 'After saving'), note('Saving…'));
    const { status, body: article } = await post('/api/articles', body(), { token: token.value });
    fill(after, h('h2', { id: 'saved-title' }, 'After saving'),
      h('p', { role: 'status' }, status === 201 ? 'Stored. ' : 'Already stored: nothing changed. ',
        articleLink(article.id, 'Open the article view')),
      storedFacts(article.facts));
  }

  main.append(h('div', { class: 'page ingest-page' },
    h('h1', {}, 'Ingest an article'),
    h('form', { class: 'ingest-form', onsubmit: (event) => {
      event.preventDefault();
      guarded(after, save);
    } },
      h('label', { for: 'ingest-text' }, 'Article'),
      h('p', { id: 'ingest-help', class: 'hint' },
        'Optional header lines first (date 2024-07, lang fr, title …, source URL), then the text; or a JSON object {"text", "date", …}.'),
      text,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => {
          text.value = EXAMPLE;
          text.focus();
        } }, 'Insert an example')),
      h('label', { for: 'ingest-token' }, 'Write token (the server’s --write-token)'),
      token,
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'preview-button', onclick: () => guarded(before, preview) }, 'Preview'),
        h('button', { type: 'submit', id: 'save-button' }, 'Save'))),
    h('div', { class: 'two-columns' }, before, after)));
  text.focus();
}
