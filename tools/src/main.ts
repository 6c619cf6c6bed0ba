/**
 * The project's main job (`npm run main`): a spam classifier on the
 * SpamAssassin public corpus. TF-IDF features in a CSR matrix (@proj/sparse),
 * L2-regularised logistic regression as a symbolic graph (StructuredDot on the
 * sparse batch), its gradient (@proj/gradient), a compiled training step whose
 * Adam updates rewrite the shared weights (@proj/backend-js with the WASM linker
 * of @proj/backend-wasm, or the JS one with --backend js), minibatches behind a
 * progress bar, then held-out accuracy, precision, recall, F1 and timings.
 *
 * Options: see USAGE in spam/options.ts (`npm run main -- --help`).
 */
import { parseSpamArgs, USAGE } from './spam/options';
import { progressBar } from './spam/progress';
import { formatReport } from './spam/report';
import { runSpam } from './spam/run';

function main(argv: readonly string[]): number {
  let options;
  try {
    options = parseSpamArgs(argv);
  } catch (e) {
    console.error(`main: ${e instanceof Error ? e.message : String(e)}\n(npm run main -- --help lists the options)`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  try {
    const log = (line: string) => process.stderr.write(`${line}...\n`);
    const report = runSpam(options, { progress: options.progress ? progressBar() : undefined, log });
    console.log(formatReport(report));
    console.log(`  total       ${((performance.now() - started) / 1e3).toFixed(2)} s`);
  } catch (e) {
    console.error(`main: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
