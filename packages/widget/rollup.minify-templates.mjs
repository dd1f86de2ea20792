// Minifies the widget's Lit templates at build time: `css` literals through esbuild's CSS minifier,
// `html`/`svg` literals by collapsing the indentation (runs of whitespace with a newline become one
// space, which renders the same outside <pre>/<textarea>, and the widget has neither with content).
// terser leaves template strings alone, and they were a third of the script-tag core.
import { transform } from 'esbuild';
import { walk } from 'estree-walker';
import MagicString from 'magic-string';

const TAGS = new Set(['html', 'svg', 'css']);

/** Text for a template literal's raw part: backslashes, backticks and `${` escaped. */
const asRaw = (text) => text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** @param {{ include: string }} options  path fragment of the files to minify */
export function minifyTemplates({ include }) {
  return {
    name: 'candid-minify-templates',
    async transform(code, id) {
      if (!id.includes(include) || !/\b(html|svg|css)`/.test(code)) return null;
      const jobs = [];
      walk(this.parse(code), {
        enter(node) {
          if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !TAGS.has(node.tag.name)) return;
          const quasis = node.quasi.quasis;
          // A css literal with interpolations (stylesheets combined) keeps its CSS as is, indentation aside.
          const wholeCss = node.tag.name === 'css' && quasis.length === 1;
          for (const quasi of quasis) jobs.push({ quasi, wholeCss });
        },
      });
      if (jobs.length === 0) return null;
      const s = new MagicString(code);
      for (const { quasi, wholeCss } of jobs) {
        const cooked = quasi.value.cooked;
        if (cooked == null) continue;
        const out = wholeCss
          ? (await transform(cooked, { loader: 'css', minify: true, charset: 'utf8' })).code.trim()
          : cooked.replace(/\s*\n\s*/g, ' ');
        if (out !== cooked) s.overwrite(quasi.start, quasi.end, asRaw(out));
      }
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
