/**
 * The XML stream against saxes, a general strict parser: on seeded random well-formed documents
 * (escapes, references, CR/LF, CDATA, comments, prefixes), cut into random pieces, both report the
 * same elements, attributes and text. Then malformed documents, which both must refuse.
 */
import { type XmlOpen, XmlStream } from "@quire/formats";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";

type Event = [string, string, Record<string, string>?];

/** Events with adjacent texts joined: where a parser splits text is its own business. */
function push(events: Event[], event: Event): void {
  const last = events[events.length - 1];
  if (event[0] === "text" && last?.[0] === "text") last[1] += event[1];
  else events.push(event);
}

function ours(pieces: (string | Uint8Array)[]): Event[] {
  const events: Event[] = [];
  let depth = 0;
  const stream = new XmlStream(
    {
      open: (element: XmlOpen) => {
        depth++;
        push(events, ["open", element.name, { ...element.attributes }]);
      },
      close: (name) => {
        depth--;
        push(events, ["close", name]);
      },
      // saxes reports white space outside the root too; only text inside elements is compared.
      text: (text) => {
        if (depth > 0) push(events, ["text", text]);
      },
    },
    { format: "xml", file: "test.xml" },
  );
  for (const piece of pieces)
    stream.write(typeof piece === "string" ? Buffer.from(piece, "utf8") : piece);
  stream.end();
  return events;
}

function theirs(xml: string): Event[] {
  const events: Event[] = [];
  let depth = 0;
  const parser = new SaxesParser();
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("opentag", (tag) => {
    depth++;
    push(events, ["open", local(tag.name), { ...(tag.attributes as Record<string, string>) }]);
  });
  parser.on("closetag", (tag) => {
    depth--;
    push(events, ["close", local(tag.name)]);
  });
  const text = (value: string) => {
    if (depth > 0) push(events, ["text", value]);
  };
  parser.on("text", text);
  parser.on("cdata", text);
  parser.write(xml).close();
  return events;
}

const escapeText = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&#62;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

const character = fc.constantFrom(
  "a",
  "Z",
  " ",
  "é",
  "😀",
  "&",
  "<",
  ">",
  '"',
  "'",
  "\n",
  "\r",
  "\r\n",
  "\t",
  "]",
);
const words = fc.array(character, { maxLength: 12 }).map((chars) => chars.join(""));
const name = fc.constantFrom("Project", "Code", "q:Item", "a-b.c", "_x", "Ünï");

interface Element {
  name: string;
  attributes: [string, string][];
  children: (Element | string)[];
}

const element: fc.Arbitrary<Element> = fc.letrec<{ element: Element }>((tie) => ({
  element: fc.record({
    name,
    attributes: fc.uniqueArray(
      fc.tuple(fc.constantFrom("guid", "name", "xmlns", "x:y", "__proto__"), words),
      { selector: ([key]) => key, maxLength: 3 },
    ),
    children: fc.array(fc.oneof({ maxDepth: 4 }, words, tie("element")), { maxLength: 4 }),
  }),
})).element;

function serialise(node: Element, extras: boolean[]): string {
  const attributes = node.attributes
    .map(([key, value], index) => `${index === 0 ? " " : "\n  "}${key}="${escapeAttribute(value)}"`)
    .join("");
  if (node.children.length === 0) return `<${node.name}${attributes}/>`;
  const inner = node.children
    .map((child, index) => {
      if (typeof child !== "string") return serialise(child, extras);
      if (extras[index % extras.length] && !child.includes("]]>"))
        return `<![CDATA[${child.replaceAll("]]", "] ]")}]]><!-- note -->`;
      return escapeText(child);
    })
    .join("");
  return `<${node.name}${attributes}>${inner}</${node.name} >`;
}

describe("XmlStream", () => {
  it("reports what saxes reports, however the document is cut", () => {
    fc.assert(
      fc.property(
        element,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (root, extras, cuts) => {
          const xml = `<?xml version="1.0" encoding="utf-8"?>\n<?pi here?>${serialise(root, extras)}\n`;
          // Cut as bytes, so a piece may end inside a character, as a stream's chunks do.
          const bytes = Buffer.from(xml, "utf8");
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const pieces: Uint8Array[] = [];
          let from = 0;
          for (const point of [...points, bytes.length]) {
            pieces.push(bytes.subarray(from, point));
            from = point;
          }
          expect(ours(pieces)).toEqual(theirs(xml));
        },
      ),
      { seed: 20261121, numRuns: 400 },
    );
  });

  it("refuses malformed documents as saxes does", () => {
    for (const xml of [
      "<a>",
      "<a></b>",
      "<a/><b/>",
      "<a x='1' x='2'/>",
      "<a x=1/>",
      "<a>&bogus;</a>",
      "<a>&#0;</a>",
      "<a>& b</a>",
      "<a>]]></a>",
      "<a>\u0001</a>",
      "text<a/>",
      "<a/>text",
      "<a><</a>",
      '<a x="<"/>',
      "<a><?xml version='1.0'?></a>",
      "",
      "<a x='1'y='2'/>",
    ]) {
      expect(() => theirs(xml), xml).toThrow();
      expect(() => ours([xml]), xml).toThrow(/test\.xml line \d+: column \d+/);
    }
    // saxes would read past a DTD; Quire never does.
    expect(() => ours(["<!DOCTYPE a><a/>"])).toThrow(/DOCTYPE/);
  });

  it("keeps line numbers of elements", () => {
    const lines: number[] = [];
    const stream = new XmlStream(
      { open: (element) => lines.push(element.line), close: () => {}, text: () => {} },
      { format: "xml", file: "test.xml" },
    );
    stream.write(Buffer.from("<a>\r\n<b/>\n\n  <c\nx='1'/>"));
    stream.write(Buffer.from("\n<d/></a>"));
    stream.end();
    expect(lines).toEqual([1, 2, 5, 6]);
  });
});
