import { type PythonTool, ensurePythonTool, pythonToolPath } from './python-tools';
import { VERSIONS } from './versions';

/** Schemathesis (PyPI), the property-based API fuzzer the e2e suite runs against the OpenAPI documents. */
const SCHEMATHESIS: PythonTool = {
  venv: `python-schemathesis-${VERSIONS.schemathesis}`,
  packages: [`schemathesis==${VERSIONS.schemathesis}`],
  binaries: ['st'],
};

/** The `st` command, installed into .local/tools on first use. */
export function schemathesisCommand(): string {
  ensurePythonTool(SCHEMATHESIS);
  return pythonToolPath(SCHEMATHESIS, 'st');
}
