/**
 * The shell of the site's own pages (index, guide): one stylesheet, inline, in the colours and
 * fonts of the Redoc pages beside them, and a header bar linking the whole site. Nothing is
 * loaded from elsewhere.
 */

/** A link in the header bar. */
export interface NavLink {
  href: string;
  text: string;
}

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A complete page: `body` is trusted HTML, `title` is text, `nav` the header bar (the first link is the brand). */
export function htmlPage(title: string, nav: NavLink[], body: string): string {
  // The first link is the site's name.
  const links = nav
    .map((link, i) => `<a${i === 0 ? ' class="brand"' : ""} href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
:root { --accent: #227a53; --text: #1f2328; --muted: #57606a; --border: #d0d7de; --code-bg: #11171a; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); }
header.site { display: flex; gap: 1.5rem; align-items: center; padding: 0.75rem 2rem; border-bottom: 1px solid var(--border); background: #fafafa; }
header.site .brand { font-weight: 600; color: var(--text); text-decoration: none; margin-right: auto; }
header.site a { color: var(--muted); text-decoration: none; }
header.site a:hover { color: var(--accent); }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.9rem; }
h2 { margin-top: 2.2rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
a { color: var(--accent); }
code { font-family: "Courier New", ui-monospace, Menlo, monospace; font-size: 0.92em; background: var(--panel); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--code-bg); color: #e6edf3; padding: 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
pre code { background: none; padding: 0; color: inherit; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.93em; }
th, td { border: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.apis { display: grid; gap: 1.25rem; }
.api { border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; }
.api h2 { margin: 0 0 0.3rem; border: 0; font-size: 1.3rem; }
.api .facts { color: var(--muted); font-size: 0.9em; margin: 0 0 0.6rem; }
.lead { font-size: 1.05rem; color: var(--muted); }
</style>
</head>
<body>
<header class="site">
${links}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
