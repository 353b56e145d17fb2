/**
 * A strict, small XML 1.0 well-formedness checker for the tests (no package needed): one root
 * element, balanced and properly nested tags, quoted and unique attributes, only the five
 * predefined entities and character references, no character XML forbids, no `]]>` in text.
 * It returns the tree with entities decoded, so tests can read what a parser would read.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function allowedChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export class XmlError extends Error {}

export function parseXml(text: string, options: { doctype?: boolean } = {}): XmlElement {
  let i = 0;
  const error = (message: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new XmlError(`${message} at line ${line} (offset ${i}): ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!allowedChar(code)) {
      i = text.indexOf(char);
      error(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`);
    }
  }
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) return error('expected a name');
    i += m[0].length;
    return m[0];
  };
  const decode = (raw: string, inAttr: boolean): string => {
    if (raw.includes('<')) error('"<" in text or attribute value');
    // Attribute-value normalisation: literal tabs and newlines read as spaces; references keep theirs.
    const normalised = inAttr ? raw.replace(/[\t\n\r]/g, ' ') : raw;
    return normalised.replace(/&([^;&]*);?/g, (all, ref: string) => {
      if (!all.endsWith(';')) error(`bare "&" (${all})`);
      if (ref.startsWith('#x')) return checkedChar(parseInt(ref.slice(2), 16), /^#x[0-9a-fA-F]+$/.test(ref));
      if (ref.startsWith('#')) return checkedChar(Number(ref.slice(1)), /^#\d+$/.test(ref));
      const value = ENTITIES[ref];
      if (value === undefined) error(`unknown entity &${ref};`);
      return value!;
    });
  };
  const checkedChar = (code: number, wellFormed: boolean): string => {
    if (!wellFormed || !allowedChar(code)) error(`bad character reference (${code})`);
    return String.fromCodePoint(code);
  };

  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) error('unclosed XML declaration');
    i = end + 2;
  }
  skipSpace();
  if (options.doctype) {
    if (!text.startsWith('<!DOCTYPE html>', i)) error('expected <!DOCTYPE html>');
    i += '<!DOCTYPE html>'.length;
    skipSpace();
  }

  const element = (): XmlElement => {
    if (text[i] !== '<') error('expected "<"');
    i++;
    const node: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) error('expected whitespace before an attribute');
      const attr = name();
      if (attr in node.attrs) error(`duplicate attribute ${attr}`);
      skipSpace();
      if (text[i] !== '=') error('expected "="');
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") error('expected a quoted attribute value');
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) error('unclosed attribute value');
      node.attrs[attr] = decode(text.slice(i + 1, end), true);
      i = end + 1;
    }
    for (;;) {
      const next = text.indexOf('<', i);
      if (next < 0) error(`unclosed element <${node.name}>`);
      const raw = text.slice(i, next);
      if (raw.includes(']]>')) error('"]]>" in text');
      if (raw !== '') node.children.push(decode(raw, false));
      i = next;
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== node.name) error(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (text[i] !== '>') error('expected ">"');
        i++;
        return node;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) error('unclosed CDATA section');
        node.children.push(text.slice(i + 9, end));
        i = end + 3;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) error('unclosed comment');
        i = end + 3;
      } else {
        node.children.push(element());
      }
    }
  };

  const root = element();
  skipSpace();
  if (i !== text.length) error('content after the root element');
  return root;
}

/** Every element named `name` under (and including) root, in document order. */
export function findAll(root: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  if (root.name === name) out.push(root);
  for (const child of root.children) if (typeof child !== 'string') findAll(child, name, out);
  return out;
}

/** The element's text, children's included. */
export function textOf(node: XmlElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Every element under (and including) root, in document order. */
export function allElements(root: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(root);
  for (const child of root.children) if (typeof child !== 'string') allElements(child, out);
  return out;
}
