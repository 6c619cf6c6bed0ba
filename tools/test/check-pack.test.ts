import { checkPack } from '../check-pack.js';

// Builds, packs every package and installs tarballs with npm in a temp project:
// slow by nature (an npm install), so one run with a generous timeout.
const TIMEOUT_MS = 240_000;

describe('check-pack', () => {
  it('packs every package with real version ranges and imports the installed tarballs from CommonJS and ESM', async () => {
    const lines: string[] = [];
    const report = await checkPack({ log: (line: string) => lines.push(line) });
    console.log(`check-pack:\n  ${lines.join('\n  ')}\n  timings (s): ${JSON.stringify(report.timings)}`);

    const graph = report.packed.find((p) => p.name === '@proj/graph');
    expect(graph).toBeDefined();
    for (const p of report.packed) {
      for (const range of Object.values(p.dependencies) as string[]) expect(range).not.toMatch(/^workspace:/);
    }
    expect(report.installed).toContain('@proj/graph');
    expect(report.exports['@proj/graph']).toMatchObject({ FunctionGraph: 'function', evaluate: 'function' });
  }, TIMEOUT_MS);
});
