import * as path from 'node:path';
import { config } from './config';

/** What nodes and variables carry in their `tag`. */
export interface Tag {
  /** Stack frames of user code that created the node (innermost first). */
  trace?: readonly string[];
  /** The test value (config.computeTestValue). */
  testValue?: unknown;
  [key: string]: unknown;
}

// Frames from the library's own sources or builds are not "user code": the
// packages live side by side (packages/<name>/src in the repo, node_modules/@proj/<name>/dist installed).
const libraryRoot = path.resolve(__dirname, '..', '..');
const libraryFrame = new RegExp(
  `${escapeRegExp(libraryRoot + path.sep)}[^${escapeRegExp(path.sep)}]+${escapeRegExp(path.sep)}(src|dist)${escapeRegExp(path.sep)}`,
);
// Native frames ('at new Promise (<anonymous>)', 'at Array.map (<anonymous>)') have no place in user code to show.
const internalFrame = /\((node:|internal\/)|at (node:|internal\/)|\(<anonymous>\)$|node_modules[\\/](jest|@jest|ts-jest|jest-[a-z-]+|expect)[\\/]/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The frames of the current stack that belong to user code, innermost first,
 * at most `limit` of them.
 *
 * @example
 * userStackFrames(2); // ['at buildModel (/app/model.ts:12:7)', 'at main (/app/main.ts:3:1)']
 */
export function userStackFrames(limit: number = config.tracebackLimit): string[] {
  if (limit <= 0) return [];
  return userFrames(captureStack(limit), limit);
}

/** An Error holding the raw stack (V8 formats `.stack` only when it is read). */
function captureStack(limit: number): Error {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = limit + 40;
  const err = new Error();
  Error.stackTraceLimit = saved;
  return err;
}

function userFrames(err: Error, limit: number): string[] {
  const stack = err.stack ?? '';
  const frames: string[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const frame = line.trim();
    if (!frame.startsWith('at ') || libraryFrame.test(frame) || internalFrame.test(frame)) continue;
    frames.push(frame);
    if (frames.length >= limit) break;
  }
  return frames;
}

/**
 * Records in `thing.tag.trace` where user code created it (PyTensor's
 * add_tag_trace), keeping at most `userLine` frames (default config.tracebackLimit).
 * The stack is captured now and turned into text only when `tag.trace` is first
 * read (formatting a stack costs far more than capturing it, and most traces
 * are never read). Returns `thing`.
 *
 * @example
 * const node = addTagTrace(op.makeNode(x));
 * node.tag.trace; // ['at model (/app/model.ts:4:13)']
 */
export function addTagTrace<T extends { tag: Tag }>(thing: T, userLine: number = config.tracebackLimit): T {
  if (userLine <= 0) {
    thing.tag.trace = [];
    return thing;
  }
  const err = captureStack(userLine);
  let frames: readonly string[] | undefined;
  Object.defineProperty(thing.tag, 'trace', {
    configurable: true,
    enumerable: true,
    get: () => (frames ??= userFrames(err, userLine)),
    set: (v: readonly string[]) => {
      frames = v;
    },
  });
  return thing;
}

/**
 * A copy of a tag (for cloned variables and nodes) that keeps a recorded but
 * not yet formatted trace lazy; `extra` entries are laid over it.
 *
 * @example
 * clone.tag = copyTag(node.tag);
 */
export function copyTag(tag: Tag, extra?: Tag): Tag {
  const out: Tag = {};
  for (const key of Object.keys(tag)) {
    const d = Object.getOwnPropertyDescriptor(tag, key)!;
    if (d.get === undefined) out[key] = d.value;
    else {
      let own: unknown;
      let set = false;
      Object.defineProperty(out, key, {
        configurable: true,
        enumerable: true,
        get: () => (set ? own : tag[key]),
        set: (v: unknown) => {
          own = v;
          set = true;
        },
      });
    }
  }
  if (extra !== undefined) for (const key of Object.keys(extra)) copyProperty(extra, out, key);
  return out;
}

function copyProperty(from: Tag, to: Tag, key: string): void {
  Object.defineProperty(to, key, { ...Object.getOwnPropertyDescriptor(from, key)!, configurable: true, enumerable: true });
}

/** Formats a recorded trace for an error message ('' when there is none). */
export function formatTrace(trace: readonly string[] | undefined, heading = 'Created at'): string {
  if (!trace || trace.length === 0) {
    return `${heading}: unknown (set config.tracebackLimit > 0 to record where nodes are created)`;
  }
  return `${heading}:\n${trace.map((f) => `  ${f}`).join('\n')}`;
}
