// Reads the Dockerfile's runtime stage, so the standalone test assembles exactly the folder the image holds.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RuntimeStagePlan {
  /** The runtime stage's WORKDIR: COPY destinations are relative to it. */
  workdir: string;
  env: Record<string, string>;
  /** Each `COPY --from=build`: a path in the build stage's WORKDIR (the repository here) and a destination under workdir. */
  copies: { from: string; to: string }[];
  user: string | undefined;
  cmd: string[];
  healthcheckCmd: string[];
}

interface Stage {
  name: string;
  lines: string[];
}

/** Instructions with their continuation lines joined and comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function stages(text: string): Stage[] {
  const found: Stage[] = [];
  for (const line of instructions(text)) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) found.push({ name: from[1] ?? String(found.length), lines: [] });
    else found.at(-1)?.lines.push(line);
  }
  return found;
}

function instruction(line: string): [string, string] {
  const at = line.search(/\s/);
  return [line.slice(0, at).toUpperCase(), line.slice(at).trim()];
}

function workdirOf(stage: Stage): string {
  const dirs = stage.lines.map(instruction).filter(([op]) => op === 'WORKDIR');
  const last = dirs.at(-1);
  if (!last) throw new Error(`Dockerfile stage ${stage.name} has no WORKDIR`);
  return last[1];
}

function execForm(value: string, what: string): string[] {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`Dockerfile ${what} must be in exec form`);
  return parsed;
}

/** The last stage is the image; its `COPY --from=<stage>` sources are mapped from that stage's WORKDIR to the repository. */
export function runtimeStagePlan(dockerfile: string): RuntimeStagePlan {
  const all = stages(readFileSync(dockerfile, 'utf8'));
  const runtime = all.at(-1);
  if (!runtime) throw new Error('Dockerfile has no stage');
  const plan: RuntimeStagePlan = { workdir: workdirOf(runtime), env: {}, copies: [], user: undefined, cmd: [], healthcheckCmd: [] };
  for (const [op, rest] of runtime.lines.map(instruction)) {
    if (op === 'ENV') {
      const [name, ...value] = rest.split('=');
      if (!name || value.length === 0) throw new Error(`Dockerfile ENV must be NAME=value: ${rest}`);
      plan.env[name] = value.join('=');
    } else if (op === 'COPY') {
      const words = rest.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      const [source, target] = paths;
      if (!from || paths.length !== 2 || !source || !target)
        throw new Error(`Dockerfile runtime COPY must be --from=<stage> <source> <target>: ${rest}`);
      const stage = all.find((s) => s.name === from);
      if (!stage) throw new Error(`Dockerfile COPY names an unknown stage ${from}`);
      const relative = path.posix.relative(workdirOf(stage), source);
      if (relative.startsWith('..')) throw new Error(`Dockerfile COPY source ${source} is outside the ${from} stage's WORKDIR`);
      plan.copies.push({ from: relative, to: path.posix.normalize(target) });
    } else if (op === 'USER') plan.user = rest;
    else if (op === 'CMD') plan.cmd = execForm(rest, 'CMD');
    else if (op === 'HEALTHCHECK') plan.healthcheckCmd = execForm(rest.replace(/^.*?\bCMD\s+/, ''), 'HEALTHCHECK CMD');
  }
  if (plan.cmd.length === 0) throw new Error('Dockerfile runtime stage has no CMD');
  return plan;
}
