"""Schemathesis hooks of the negative fuzz run (test/e2e/fuzz.e2e-spec.ts, pinned Schemathesis 4.32.5).

The run checks that requests breaking the OpenAPI document write no row, so it must send only such requests:
negative mode still produces a few that do not break it (request-shape probes such as a Content-Type on a
request without a body, and cases whose mutation vanished when serialized); those are left to the positive run.
"""

import schemathesis
from schemathesis.generation.meta import REQUEST_SHAPE_PROBES, CoveragePhaseData


@schemathesis.hook
def filter_case(context, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    return not (isinstance(meta.phase.data, CoveragePhaseData) and meta.phase.data.scenario in REQUEST_SHAPE_PROBES)
