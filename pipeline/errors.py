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
    W001 = "No trained NER found at {path}; the pipeline tags names and indicators by rules only."
    W301 = ("Segmenter model directory {path} not found; words are single characters "
            "unless the pipeline carries its own copy of the model.")


class Errors(metaclass=ErrorsWithCodes):
    E001 = "Cannot read {path}: {reason}"
    E002 = "Line {line} of {path} is not valid JSON: {reason}"
    E003 = "Line {line} of {path} has no 'text' field (a string is required)."
    E004 = "Line {line} of {path} has no 'id' field."
    E005 = "No pipeline found at {path}. Run `make assemble` or pass a model path."
    # E1xx ingestion
    E101 = "Cannot read {path}: {reason}"
    E102 = "{path} is empty: no text after decoding and cleaning."
    E103 = "{path} looks binary ({reason}); no text extracted."
    E104 = "{path} could not be decoded as text: {reason}"
    E105 = "{path} is too large ({size} bytes > limit {limit}); skipped."
    E106 = "Archive {path} is corrupt or truncated: {reason}"
    E107 = "{path} is encrypted; password-protected archives are not supported."
    E108 = "Archive {path} expands beyond the limit ({reason}): possible zip bomb."
    E109 = "{path} is an archive nested deeper than {depth} levels; skipped."
    E110 = "Unsupported file type {suffix!r} for {path}."
    E111 = "No text column in {path}; columns: {columns}. Pass text_column."
    E112 = "Record {line} of {path} is not valid JSON: {reason}"
    E113 = "Record {line} of {path} has no text field {field!r} (a string is required)."
    E114 = "No text could be extracted from {path} ({kind}): {reason}"
    E115 = "Path {path} does not exist."
    # E2xx quantities
    E201 = "govie_quantities needs a non-empty entity label, got {label!r}."
    E202 = "Unit catalogue {path} line {line}: expected 'unit<TAB>kind[<TAB>canonical]'."
    E203 = "No gold files found for {pattern!r}."
    E301 = "Segmenter model at {path} lacks {missing}. Run `make train-seg`."
    E302 = "Segmentation corpus {path} not found: it is read from ../shared/data."
    # E4xx NER and corpus
    E401 = "No NER training data at {path}: corpus/build.py reads ../shared/train."
    E402 = "Unknown corpus part {name!r}; run `make corpus` first (found: {found})."
    E403 = "govie_dates needs a non-empty entity label, got {label!r}."
    E404 = "Unknown NER kind {kind!r}: expected one of {kinds}."
    E405 = "No transformer NER model at {path}: run training/finetune_encoder.py --ship {path}."
    E406 = "govie_transformer_ner needs torch and transformers (`make install-train`)."
    # E7xx views
    E701 = ("No extract output in {path}: expected documents and facts as .jsonl, .csv, "
            ".parquet/ datasets or govie.duckdb.")
    E702 = "{what} needs pandas: `pip install pandas` (the 'views' extra)."
    E703 = "Cannot read extract output {path}: {reason}"
    E704 = "Expected an extract output directory or processed Docs, got {kind}."
    E601 = "Output {path} exists: pass --resume to continue that run or --overwrite to replace it."
    E602 = "Processing failed: {reason}"
    E006 = "Unknown output format {fmt!r}; choose one of {choices}."


class GovieError(ValueError):
    """An input or configuration problem the user can fix; the message names it."""
