/**
 * The site's front page (each API: what it does, version, operation count, factory, a first code
 * sample, links) and the operations table (every operation of every API with its client method
 * and standalone function), both in the site's shell.
 */
import { marked } from "marked";
import type { DocsSpec } from "./docs-spec.js";
import { escapeHtml, htmlPage, type NavLink } from "./html-page.js";

/** Inline Markdown from a spec (`code`, *emphasis*), escaped first so no HTML from a spec reaches the page. */
function inlineMarkdown(text: string): string {
  return marked.parseInline(escapeHtml(text), { async: false }) as string;
}

function firstParagraph(text: string | undefined): string {
  return (text ?? "").trim().split(/\n\s*\n/)[0] ?? "";
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** index.html */
export function indexPage(apis: DocsSpec[], packageName: string, nav: NavLink[]): string {
  const cards = apis.map(({ api, spec, factory, entry, calls, firstSample }) => {
    const summary = firstParagraph(spec.info?.description);
    return `<section class="api" id="${escapeHtml(api)}">
<h2><a href="${escapeHtml(api)}.html">${escapeHtml(spec.info?.title ?? api)}</a></h2>
<p class="facts">version ${escapeHtml(String(spec.info?.version ?? "unknown"))} · ${count(calls.length, "operation")} · <code>import { ${escapeHtml(factory.name)} } from "${escapeHtml(entry)}"</code></p>
${summary ? `<p>${inlineMarkdown(summary)}</p>` : ""}
<pre><code class="language-ts">${escapeHtml(firstSample)}</code></pre>
<p><a href="${escapeHtml(api)}.html">Reference: every operation and model →</a></p>
</section>`;
  });
  return htmlPage(
    `${packageName}: API reference`,
    nav,
    `<h1>${escapeHtml(packageName)}</h1>
<p class="lead">Typed TypeScript clients, one per API. Install with <code>npm install ${escapeHtml(packageName)}</code>;
the <a href="guide.html">guide</a> covers sign-in, errors, retries, timeouts and the mock server, and the
<a href="operations.html">operations table</a> lists every call.</p>
<div class="apis">
${cards.join("\n")}
</div>`,
  );
}

/** operations.html */
export function operationsPage(apis: DocsSpec[], nav: NavLink[]): string {
  const sections = apis.map(({ api, spec, factory, calls }) => {
    const rows = calls.map(({ operation, resourcePath }) => {
      const anchor = operation.operationId ? `${api}.html#operation/${encodeURIComponent(operation.operationId)}` : `${api}.html`;
      return `<tr><td><code>${operation.method.toUpperCase()} ${escapeHtml(operation.path)}</code></td><td><a href="${escapeHtml(anchor)}">${escapeHtml(operation.summary ?? operation.name)}</a></td><td><code>client.${escapeHtml(resourcePath.join("."))}()</code></td><td><code>${escapeHtml(operation.name)}(client)</code></td></tr>`;
    });
    return `<h2 id="${escapeHtml(api)}">${escapeHtml(spec.info?.title ?? api)}</h2>
<p>Client: <code>${escapeHtml(factory.name)}</code>. ${count(calls.length, "operation")}.</p>
<table>
<thead><tr><th>request</th><th>operation</th><th>client method</th><th>function</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
  });
  return htmlPage("Operations", nav, `<h1>Operations</h1>\n${sections.join("\n")}`);
}
