import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Every element of the page, depth first. */
function elements(nodes: ChildNode[]): Element[] {
  return nodes.flatMap((node) => ('attribs' in node ? [node as Element, ...elements((node as Element).children)] : 'children' in node ? elements((node as { children: ChildNode[] }).children) : []));
}

/** Every element of an HTML document, depth first. */
export function elementsOf(html: string): Element[] {
  return elements(parseDocument(html).children);
}

/** The site's own script on every page: the optional service-worker registration behind the offline page. */
const SITE_SCRIPT = '/static/sw-register.js';

/** What would run in a browser besides the site's own script: scripts other than JSON-LD, inline handlers, javascript: URLs, foreign elements. */
export function executable(html: string): string[] {
  const found: string[] = [];
  for (const el of elementsOf(html)) {
    if (el.name === 'script' && el.attribs.type !== 'application/ld+json' && el.attribs.src !== SITE_SCRIPT) found.push(`<script> ${el.attribs.src ?? ''}`);
    if (['svg', 'iframe', 'object', 'embed', 'base', 'math'].includes(el.name)) found.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (name.startsWith('on')) found.push(`${el.name}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'srcset'].includes(name) && /^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${el.name}[${name}=${value}]`);
    }
  }
  return found;
}
