import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile } from '@proj/backend-js';
import { toHtml } from '@proj/graph';
import * as pt from '@proj/tensor';

// Debian's chromium, installed by tools/ensure-chromium.sh (run by the test command's set-up).
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The DOM chromium built from a file, after its scripts ran. */
function renderedDom(file: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  try {
    const r = spawnSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${profile}`, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status}: ${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const maybe = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) console.warn('graph-html-chromium: skipped: no chromium (tools/ensure-chromium.sh could not install Debian\'s chromium here)');

maybe('graph pictures in headless Chromium', () => {
  it('renders a compiled function\'s graph: every node appears, inputs and outputs marked', () => {
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const z = pt.exp(x).mul(y).add(pt.tanh(x)).sum();
    const f = compile([x, y], z);
    const html = toHtml(f.fgraph, { title: 'logistic' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-html-'));
    const file = path.join(dir, 'graph.html');
    fs.writeFileSync(file, html);
    try {
      const dom = renderedDom(file);
      const nApply = f.fgraph.applyNodes.size;
      expect(dom).toContain(`data-nodes="${nApply}"`);
      // The page's script counted the node groups the browser built.
      expect(dom).toContain(`data-rendered="${nApply}"`);
      for (const node of f.fgraph.applyNodes) expect(dom).toContain(`id="n${node.id}"`);
      expect(dom).toContain('class="node input"');
      expect(dom).toContain('class="node output"');
      expect(dom).toContain('<title>logistic</title>');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
