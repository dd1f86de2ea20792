// axe-core in the test page: `expectAccessible(el, 'consent')` runs the WCAG 2.0/2.1/2.2 A and AA
// rules on the element, including its open shadow root, and fails with a readable list of
// violations. axe-core is a UMD script, so it is loaded with a <script> tag (served by WTR).
import type { AxeResults, ElementContext, Result, RunOptions } from 'axe-core';

type Axe = { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };

/** The WCAG levels the widget promises (compliance.md §2.8: WCAG 2.2 AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let loading: Promise<Axe> | null = null;

export function loadAxe(): Promise<Axe> {
  loading ??= new Promise<Axe>((resolve, reject) => {
    const existing = (globalThis as { axe?: Axe }).axe;
    if (existing) return resolve(existing);
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve((globalThis as unknown as { axe: Axe }).axe);
    script.onerror = () => reject(new Error('axe-core could not be loaded from /node_modules/axe-core/axe.min.js'));
    document.head.append(script);
  });
  return loading;
}

/** One violation per block: rule, impact, help link, then each failing node (shadow path) and why. */
export function formatViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | ');
        const why = (n.failureSummary ?? '').replace(/\n\s*/g, ' ').trim();
        return `    at ${target}\n       ${n.html.slice(0, 160)}\n       ${why}`;
      });
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Runs axe on `el` (and its shadow tree); throws if any WCAG A/AA rule is violated. */
export async function axeViolations(el: Element, options: RunOptions = {}): Promise<Result[]> {
  const axe = await loadAxe();
  const results = await axe.run(el, {
    runOnly: { type: 'tag', values: WCAG_TAGS },
    resultTypes: ['violations'],
    ...options,
  });
  return results.violations;
}

/** Asserts that axe finds no WCAG 2.0/2.1/2.2 A or AA violation on `el`; `screen` names it in the message. */
export async function expectAccessible(el: Element, screen: string, options: RunOptions = {}): Promise<void> {
  const violations = await axeViolations(el, options);
  if (violations.length > 0) {
    throw new Error(`axe: ${violations.length} accessibility violation(s) on the ${screen} screen:\n${formatViolations(violations)}`);
  }
}
