/**
 * Runs a NumPy peer measurement in a python3 child process (the benchmarks'
 * "same run" peer). The script prints one JSON line; when python3 or numpy is
 * missing the result says why, and the benchmark prints a note instead.
 */
import { spawnSync } from 'node:child_process';

/** A peer result: the JSON the script printed, or why there is none. */
export type PeerResult<T> = { ok: true; value: T } | { ok: false; why: string };

/**
 * Runs `script` with python3 (arguments in sys.argv[1:]) and parses the last line it prints as JSON.
 *
 * @example
 * const r = runNumpy<{ seconds: number }>('import json; print(json.dumps({"seconds": 1}))', []);
 */
export function runNumpy<T>(script: string, args: readonly string[], timeoutMs = 600_000): PeerResult<T> {
  const res = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 });
  if (res.error) return { ok: false, why: `python3 could not run (${res.error.message})` };
  if (res.status !== 0) {
    const err = (res.stderr || '').trim().split('\n').pop() ?? '';
    return { ok: false, why: /No module named .?numpy/.test(res.stderr) ? 'numpy is not installed for python3' : `python3 failed: ${err}` };
  }
  const last = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ok: true, value: JSON.parse(last) as T };
  } catch {
    return { ok: false, why: `unexpected output from python3: ${last.slice(0, 200)}` };
  }
}

/** Numbers formatted for the tables: ms below 1 s, else s. */
export function fmtTime(seconds: number): string {
  if (seconds >= 1) return `${seconds.toFixed(2)} s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(2)} ms`;
  return `${(seconds * 1e6).toFixed(1)} µs`;
}

/**
 * Best time (seconds) of each function, called alternately (so a slow spell of
 * the machine hits all alike) until `budget` seconds are spent, at least `minReps` rounds.
 *
 * @example
 * const [a, b] = bestOf([() => f(x), () => g(x)], 2);
 */
export function bestOf(fns: readonly (() => unknown)[], budget: number, minReps = 3): number[] {
  for (const fn of fns) fn(); // warm-up
  const best = fns.map(() => Infinity);
  let spent = 0;
  for (let r = 0; r < minReps || spent < budget; r++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      fn();
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      best[k] = Math.min(best[k]!, dt);
      spent += dt;
    });
  }
  return best;
}

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
