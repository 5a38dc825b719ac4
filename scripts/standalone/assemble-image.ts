// Builds the container image's file system without a container runtime: the Dockerfile's runtime-stage COPYs, applied
// from this checkout's build output to an empty folder.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runtimeStagePlan, type RuntimeStagePlan } from './dockerfile-plan';

export interface AssembledImage {
  /** The folder standing for the image's WORKDIR. */
  dir: string;
  plan: RuntimeStagePlan;
}

export function assembleImage(root = process.cwd(), into = mkdtempSync(path.join(tmpdir(), 'roleport-image-'))): AssembledImage {
  const plan = runtimeStagePlan(path.join(root, 'Dockerfile'));
  for (const copy of plan.copies) {
    const source = path.join(root, copy.from);
    if (!existsSync(source)) throw new Error(`${copy.from} does not exist: run \`next build\` (output: 'standalone') first.`);
    // verbatimSymlinks: the traced node_modules keep their links as the image would.
    cpSync(source, path.join(into, copy.to), { recursive: true, verbatimSymlinks: true });
  }
  return { dir: into, plan };
}
