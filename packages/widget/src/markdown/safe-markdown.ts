import { html, nothing, type TemplateResult } from 'lit';

/**
 * Renders the privacy notice's Markdown subset as Lit templates: headings (`#`–`###`),
 * paragraphs, `-`/`*`/`1.` lists, `**bold**`, `*italic*`, `` `code` `` and `[links](https://…)`.
 *
 * Safety by construction: every piece of text becomes a Lit text binding, never HTML, so markup in
 * the notice (`<script>`, `onerror=`) is shown as the characters it is and nothing executes. Links
 * keep only `https:`, `http:` and `mailto:` URLs and open in a new tab without an opener.
 */

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
    if (list) blocks.push({ kind: 'list', ...list });
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: Math.min(3, heading[1]!.length) as 1 | 2 | 3, text: heading[2]! });
    } else if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (list && /^\s{2,}\S/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`; // continuation of a list item
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** `**bold**`, `*italic*` / `_italic_`, `` `code` ``, `[text](url)`; anything else is text. */
const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)|(?<!\w)_(?!\s)(.+?)_(?!\w)/g;

export function renderInline(text: string): Array<TemplateResult | string> {
  const out: Array<TemplateResult | string> = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [, bold, code, linkText, url, star, underscore] = match;
    if (bold !== undefined) out.push(html`<strong>${renderInline(bold)}</strong>`);
    else if (code !== undefined) out.push(html`<code>${code}</code>`);
    else if (linkText !== undefined && url !== undefined) {
      out.push(SAFE_URL.test(url) ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${linkText}</a>` : `${linkText} (${url})`);
    } else out.push(html`<em>${star ?? underscore}</em>`);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Headings are rendered one level below the screen's own `<h2>` so the outline stays valid. */
export function renderMarkdown(markdown: string): TemplateResult {
  return html`${parseBlocks(markdown).map((block) => {
    switch (block.kind) {
      case 'heading':
        return block.level === 1 ? html`<h3>${renderInline(block.text)}</h3>` : html`<h4>${renderInline(block.text)}</h4>`;
      case 'paragraph':
        return html`<p>${renderInline(block.text)}</p>`;
      case 'list':
        return block.ordered
          ? html`<ol>${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ol>`
          : html`<ul>${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ul>`;
      default:
        return nothing;
    }
  })}`;
}
