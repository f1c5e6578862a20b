"""Validates FHIR resources against FHIR R4 4.0.1 exactly, with fhir.resources 6.1.0.

Reads one JSON resource from standard input. Prints "ok" and exits 0 when it is a valid
R4 4.0.1 resource of the type its `resourceType` names; prints why not and exits 1 when it is
not; exits 2 when the validator itself is not the one pinned (wrong package or FHIR version).

fhir.resources models every element of R4 with pydantic: unknown elements (including those
only R4B or R5 have), missing required elements, wrong cardinality (a list where R4 allows one
value), malformed primitives (dates, ids, uris) and choice elements with more than one type are
refused. It does not check code bindings (a `status` outside its value set passes) or FHIRPath
invariants; the test FHIR server (Medplum) checks those.
"""

import json
import sys

EXPECTED_PACKAGE = "6.1.0"
EXPECTED_FHIR = "4.0.1"


def main() -> int:
    import fhir.resources

    if (
        fhir.resources.__version__ != EXPECTED_PACKAGE
        or fhir.resources.__fhir_version__ != EXPECTED_FHIR
    ):
        print(
            f"validator is fhir.resources {fhir.resources.__version__} for FHIR "
            f"{fhir.resources.__fhir_version__}; expected {EXPECTED_PACKAGE} for FHIR "
            f"{EXPECTED_FHIR}",
            file=sys.stderr,
        )
        return 2
    try:
        data = json.load(sys.stdin)
    except json.JSONDecodeError as error:
        print(f"not JSON: {error}")
        return 1
    if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
        print("not a resource: no resourceType")
        return 1
    try:
        fhir.resources.construct_fhir_element(data["resourceType"], data)
    except LookupError as error:  # not an R4 resource type
        print(error)
        return 1
    except Exception as error:  # pydantic's ValidationError lists every problem
        print(error)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
