/**
 * Streaming XML over a byte stream with saxes. Element names are compared without their
 * namespace prefix, because some writers prefix every SpreadsheetML element (`x:row`).
 */
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Creates a parser that reports to `handlers`; feed it with `write` and finish with `close`. */
export function createXmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  return parser;
}

/** Parses a whole stream; `afterChunk` runs after each chunk, for callers that collect results. */
export async function* parseXmlStream(stream: Readable, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = createXmlParser(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  yield;
}

/** Parses a small document held in memory. */
export function parseXmlText(text: string, handlers: XmlHandlers): void {
  const parser = createXmlParser(handlers);
  parser.write(text);
  parser.close();
}
