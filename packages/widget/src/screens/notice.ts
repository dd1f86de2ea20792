import { html, nothing, type TemplateResult } from 'lit';
import type { Disclosure, Notice, NoticeSectionId, Question } from '../api/types.js';
import type { CandidMessages } from '../lang/en.js';
import { renderMarkdown } from '../markdown/safe-markdown.js';

export interface NoticeViewProps {
  m: CandidMessages;
  notice: Notice | null;
  disclosure: Disclosure | null;
  questions: readonly Question[];
}

/** Candid's own words for an item, filled with this interview's facts (nothing for employer-only items). */
function standardText(item: NoticeSectionId, p: NoticeViewProps): TemplateResult | typeof nothing {
  const { m } = p;
  if (item === 'C4') {
    const rated = p.questions.map((q, i) => ({ n: i + 1, competencies: q.competencies ?? [] })).filter((q) => q.competencies.length > 0);
    if (rated.length === 0) return nothing;
    return html`<ul>
      ${rated.map((q) => html`<li>${m.noticeQuestion(q.n)}: ${q.competencies.map((c) => c.description.replace(/[.。]\s*$/, '')).join('; ')}</li>`)}
    </ul>`;
  }
  if (item === 'C9' && p.disclosure) return html`<p>${m.noticeRetention(p.disclosure.retention.mediaDays, p.disclosure.retention.evaluationDays)}</p>`;
  const text = (m.noticeStandard as Partial<Record<NoticeSectionId, string>>)[item];
  return text ? html`<p>${text}</p>` : nothing;
}

/**
 * The privacy notice: the employer's free text, then one section per notice item the server lists
 * (compliance.md §2.1 C1–C13), each with Candid's standard text and/or the employer's Markdown.
 * Everything is rendered as text or safe Markdown, never as HTML.
 */
export function noticeView(p: NoticeViewProps): TemplateResult | typeof nothing {
  const { m, notice, disclosure } = p;
  const items = disclosure?.items ?? [];
  if (!notice?.markdown.trim() && items.length === 0) return nothing;
  return html`<div class="notice" part="notice" tabindex="0" role="region" aria-label=${m.noticeLabel}>
    ${notice?.markdown.trim() ? renderMarkdown(notice.markdown) : nothing}
    ${items.map((item) => {
      const own = notice?.sections?.[item];
      return html`<section part="notice-item" data-item=${item}>
        <h3>${m.noticeHeadings[item]}</h3>
        ${standardText(item, p)} ${own ? renderMarkdown(own) : nothing}
      </section>`;
    })}
  </div>`;
}
