"""Error and warning messages with codes, in the manner of spaCy's ``Errors.E123``.

Each component adds its codes in its own block of numbers:
E0xx foundation, E1xx ingestion, E2xx quantities, E3xx segmenter,
E4xx NER/corpus, E5xx facts, E6xx batch, E7xx views.
"""


class ErrorsWithCodes(type):
    def __getattribute__(self, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "No trained model found at {path}; using the rule-only pipeline."


class Errors(metaclass=ErrorsWithCodes):
    E001 = "Cannot read {path}: {reason}"
    E002 = "Line {line} of {path} is not valid JSON: {reason}"
    E003 = "Line {line} of {path} has no 'text' field (a string is required)."
    E004 = "Line {line} of {path} has no 'id' field."
    E005 = "No pipeline found at {path}. Run `make assemble` or pass a model path."
    E301 = "Segmenter model at {path} lacks {missing}. Run `make train-seg`."
    E006 = "Unknown output format {fmt!r}; choose one of {choices}."


class GovieError(ValueError):
    """An input or configuration problem the user can fix; the message names it."""
