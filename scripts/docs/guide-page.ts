/**
 * The user guide (docs/guide.md) as a page of the site. The Markdown links to the published site
 * by absolute URL, so it reads right on GitHub and npm too; on the site those links become
 * relative, so a local or staged copy links to itself. Headings get ids for `#anchor` links.
 */
import { readFile } from "node:fs/promises";
import { Marked } from "marked";
import { escapeHtml, htmlPage, type NavLink } from "./html-page.js";

/** GitHub's heading slug: lowercase, punctuation dropped, spaces to dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/** Renders `guideFile` with the site's shell. */
export async function guidePage(guideFile: string, docsBaseUrl: string, nav: NavLink[]): Promise<string> {
  const markdown = await readFile(guideFile, "utf8");
  const marked = new Marked({
    renderer: {
      heading(text: string, level: number, raw: string) {
        return `<h${level} id="${escapeHtml(slug(raw))}">${text}</h${level}>\n`;
      },
    },
  });
  const html = (await marked.parse(markdown)).replaceAll(`href="${docsBaseUrl.replace(/\/$/, "")}/`, 'href="');
  const title = /^# (.+)$/m.exec(markdown)?.[1] ?? "Guide";
  return htmlPage(title, nav, html);
}
