import { spawnSync } from 'node:child_process';

/** SVG from DOT with Graphviz compiled to WebAssembly: no system Graphviz needed. Throws on malformed DOT. */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

/**
 * PNG from DOT: the system `dot` when installed (best text rendering), otherwise the WebAssembly
 * SVG rasterised by resvg with the system fonts.
 */
export async function renderPng(dot: string): Promise<Buffer> {
  const viaDot = spawnSync('dot', ['-Tpng'], { input: dot, maxBuffer: 1 << 30 });
  if (!viaDot.error && viaDot.status === 0) return viaDot.stdout;
  const svg = await renderSvg(dot);
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch {
    throw new Error('PNG output needs Graphviz (`apt-get install graphviz`) or the optional package @resvg/resvg-js; write .svg or .dot instead');
  }
  return new resvg.Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
