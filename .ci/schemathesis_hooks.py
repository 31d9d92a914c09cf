"""Schemathesis hooks for .ci/schemathesis.sh (SCHEMATHESIS_HOOKS points here).

Random path ids only ever find 404s. The script seeds a real case first and passes its ids in
FUZZ_SEEDED_IDS (JSON: caseId, subjectRef, referralId, ...); here every well-formed id the fuzzer
draws for one of those parameters is offered as the seeded one as well as the random one, so the
case's own routes are fuzzed with real state behind them, and unknown ids still are.
"""

import json
import os
import re

import schemathesis
from hypothesis import strategies as st

SEEDED = json.loads(os.environ["FUZZ_SEEDED_IDS"])
# The API's id pattern. A drawn value outside it is a negative case (meant to be refused): kept as
# drawn, or a seeded id would turn it into a valid request and fail the rejection checks.
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def with_seeded_ids(path_parameters):
    return {
        name: SEEDED[name] if name in SEEDED and isinstance(value, str) and ID.fullmatch(value) else value
        for name, value in path_parameters.items()
    }


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters:
        return st.just(path_parameters)
    seeded = with_seeded_ids(path_parameters)
    # The seeded ids first: Hypothesis draws and shrinks towards the first choice.
    return st.sampled_from([seeded, path_parameters]) if seeded != path_parameters else st.just(path_parameters)


@schemathesis.hook
def map_case(context, case):
    # The coverage phase builds its cases without the hook above (only whole-case hooks see them):
    # its well-formed ids become the seeded ones, and the fuzzing phase still tries unknown ids.
    if case.meta is not None and case.meta.phase.name == "coverage" and case.path_parameters:
        case.path_parameters = with_seeded_ids(case.path_parameters)
    return case
