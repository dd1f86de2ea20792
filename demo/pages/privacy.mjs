// /privacy: the demo employer's privacy notice, the page its `privacyUrl` points to. Fictional, like
// the employer; it says what this demo really does with a recording.
import { html } from '../lib/html.mjs';
import { candidateLayout } from './layout.mjs';

export function privacyPage({ employer, aiConfigured }) {
  const name = employer?.name ?? 'The employer';
  return candidateLayout({
    title: 'Privacy notice',
    employer,
    body: html`    <h1>Privacy notice for video interviews</h1>
    <p class="note">${name} is a fictional company: this page belongs to the Candid demo.</p>
    <h2>What we collect</h2>
    <p>Your recorded video and audio answers, and your choices on the consent screen. The recordings stay on
       this demo server, encrypted, and are deleted after 365 days, or earlier when you ask.</p>
    <h2>How we use it</h2>
    <p>A person at ${name} watches your answers and decides. ${
      aiConfigured
        ? 'If you tick "AI evaluation", an AI model also transcribes your spoken answers and suggests scores for that person to review; it never looks at your face or judges your voice.'
        : 'No AI is used on your answers in this demo.'
    }</p>
    <h2>Your rights</h2>
    <p>You can ask for a copy of your data, for its deletion, for another format or more time, and withdraw
       your consent at any time${employer?.contactEmail ? html`: write to <a href="mailto:${employer.contactEmail}">${employer.contactEmail}</a>` : ''}.</p>`,
  });
}
