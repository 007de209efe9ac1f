import { spawnSync } from 'node:child_process';

/**
 * Pixels per inch of every PNG, whichever renderer draws it: Graphviz's own bitmap default, and
 * what an SVG's `pt` sizes come to in resvg at zoom 1 (a CSS pixel is 1/96 inch, a point 1/72).
 */
export const PNG_DPI = 96;

/** SVG from DOT with Graphviz compiled to WebAssembly: no system Graphviz needed. Throws on malformed DOT. */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

/**
 * PNG from DOT at PNG_DPI: the system `dot` when installed (best text rendering), otherwise the
 * WebAssembly SVG rasterised by resvg with the system fonts.
 */
export async function renderPng(dot: string): Promise<Buffer> {
  const viaDot = spawnSync('dot', ['-Tpng', `-Gdpi=${PNG_DPI}`], { input: dot, maxBuffer: 1 << 30 });
  if (!viaDot.error && viaDot.status === 0) return viaDot.stdout;
  const svg = await renderSvg(dot);
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch {
    throw new Error('PNG output needs Graphviz (`apt-get install graphviz`) or the optional package @resvg/resvg-js; write .svg or .dot instead');
  }
  return new resvg.Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_DPI / 96 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

/** PDF from DOT with the system `dot` (the WebAssembly build has no PDF writer). */
export async function renderPdf(dot: string): Promise<Buffer> {
  const r = spawnSync('dot', ['-Tpdf'], { input: dot, maxBuffer: 1 << 30 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error("PDF output needs Graphviz's dot program (apt-get install graphviz); write .svg or .png instead");
  if (r.error) throw r.error;
  // dot quotes the input in its complaints: keep one line, without control characters.
  const said = (r.stderr.toString().trim().split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  if (r.status !== 0) throw new Error(`dot -Tpdf exited with ${r.status}${said ? `: ${said}` : ''}`);
  return r.stdout;
}
