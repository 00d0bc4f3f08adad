/** A passage of the documentation: what retrieval ranks and the answer step reads. */
export interface Chunk {
  /** `file#section`, stable across runs so evaluations can name the passage they expected. */
  id: string;
  title: string;
  text: string;
}

/**
 * Cuts a Markdown page at its headings: one chunk per section, titled by the page and section.
 * Sections are short in these docs, so no further splitting is needed; long sections are cut at
 * paragraph breaks to stay under `maxCharacters`.
 */
export function chunkMarkdown(file: string, markdown: string, maxCharacters = 1200): Chunk[] {
  const chunks: Chunk[] = [];
  let page = file;
  let section = '';
  let lines: string[] = [];
  const flush = () => {
    const body = lines.join('\n').trim();
    lines = [];
    if (!body) return;
    const title = section ? `${page}: ${section}` : page;
    const slug = (section || 'intro').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    splitLong(body, maxCharacters).forEach((text, index) => {
      chunks.push({ id: `${file}#${slug}${index ? `-${index + 1}` : ''}`, title, text });
    });
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    if (heading[1] === '#') page = heading[2] ?? file;
    else section = heading[2] ?? '';
  }
  flush();
  return chunks;
}

function splitLong(text: string, maxCharacters: number): string[] {
  if (text.length <= maxCharacters) return [text];
  const parts: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (current && current.length + paragraph.length > maxCharacters) {
      parts.push(current.trim());
      current = '';
    }
    current += `${paragraph}\n\n`;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
