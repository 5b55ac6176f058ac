/**
 * Just enough of a PDF reader to test Chromium's printed pages without a PDF library: each
 * page's size and the text it shows. Chromium (Skia) writes plain objects, Flate-compressed
 * content streams and Type0 fonts whose ToUnicode maps turn glyph codes back into text.
 */
import { inflateSync } from "node:zlib";

export interface PdfPage {
  width: number;
  height: number;
  text: string;
  /** The page area inside the @page margins, in mm from the page's top left: the largest clip Chromium sets. */
  area: { left: number; top: number; width: number; height: number } | null;
}

const MM_PER_POINT = 25.4 / 72;

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString("latin1");
  const found = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\s*/g;
  for (let m = head.exec(source); m; m = head.exec(source)) {
    const start = m.index + m[0].length;
    const end = source.indexOf("endobj", start);
    const body = source.slice(start, end);
    const at = body.indexOf("stream");
    if (at === -1) {
      found.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let from = start + at + "stream".length;
    if (source[from] === "\r") from++;
    if (source[from] === "\n") from++;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = pdf.subarray(from, from + length);
    found.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    head.lastIndex = from + length;
  }
  return found;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

/** Glyph code (hex) → text, from a font's ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const text = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(code!.toUpperCase(), text(uni!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, uni] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let c = parseInt(lo!, 16), u = parseInt(uni!, 16); c <= parseInt(hi!, 16); c++, u++)
        map.set(c.toString(16).toUpperCase().padStart(lo!.length, "0"), String.fromCodePoint(u));
    }
  }
  return map;
}

/** The pages of a PDF in order, with their size in points and their text (runs joined by spaces). */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf);
  const catalog = [...all.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const node = all.get(id)!.dict;
    if (/\/Type\s*\/Pages/.test(node))
      for (const [, kid] of (/\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "").matchAll(/(\d+) 0 R/g)) walk(Number(kid));
    else pageIds.push(id);
  };
  walk(ref(catalog.dict, "Pages"));
  return pageIds.map((id) => {
    const page = all.get(id)!.dict;
    const [, , w, h] = /\/MediaBox\s*\[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    const resources = /\/Resources (\d+) 0 R/.test(page) ? all.get(ref(page, "Resources"))!.dict : page;
    const fonts = new Map<string, Map<string, string>>();
    const fontDict = /\/Font (\d+) 0 R/.test(resources)
      ? all.get(ref(resources, "Font"))!.dict
      : (/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? "");
    for (const [, name, obj] of fontDict.matchAll(/\/(\S+?) (\d+) 0 R/g)) {
      const cmap = ref(all.get(Number(obj))!.dict, "ToUnicode");
      fonts.set(name!, cmap ? toUnicode(all.get(cmap)!.stream!.toString("latin1")) : new Map());
    }
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1] ?? `${ref(page, "Contents")} 0 R`;
    const stream = [...contents.matchAll(/(\d+) 0 R/g)]
      .map(([, c]) => all.get(Number(c))!.stream!.toString("latin1"))
      .join("\n");
    const runs: string[] = [];
    let font = new Map<string, string>();
    // Font selections and shown strings, in order: "/F1 8 Tf", "<0012…> Tj", "[<…> -20 <…>] TJ".
    for (const [, fontName, shown] of stream.matchAll(
      /\/(\S+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)/g,
    )) {
      if (fontName) font = fonts.get(fontName) ?? new Map();
      else {
        const codes = [...shown!.matchAll(/<([0-9A-Fa-f]*)>/g)].map(([, hex]) => hex!.toUpperCase()).join("");
        runs.push((codes.match(/.{4}/g) ?? []).map((c) => font.get(c) ?? "").join(""));
      }
    }
    // Skia scales the page once ("s 0 0 -s 0 h cm", y downwards), then clips the page area ("x y w h re W* n").
    const scale = Number(/^\s*([\d.]+) 0 0 -[\d.]+ 0 [\d.]+ cm/m.exec(stream)?.[1] ?? 1);
    const clips = [...stream.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re\s+W\*? n/g)].map(
      (m) => m.slice(1, 5).map((v) => Number(v) * scale * MM_PER_POINT) as [number, number, number, number],
    );
    const largest = clips.sort((a, b) => b[2] * b[3] - a[2] * a[3])[0];
    const area = largest ? { left: largest[0], top: largest[1], width: largest[2], height: largest[3] } : null;
    return { width: w!, height: h!, text: runs.join("").replace(/\s+/g, " "), area };
  });
}
