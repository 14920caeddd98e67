"""One error type for the whole project: every failure a user can meet carries a stable ``code``.

The code is what ``errors.jsonl``, the job summary and the CLI's one-line messages show, and what the CLI
maps to its exit code; the message says the rest in words. Subclasses only group the codes by who raises
them, so ``except ZhenggaiError`` catches every failure of ours and nothing else. This module imports
nothing of the project: every stage may raise from it.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """The documented exit codes of the ``zhenggai`` command."""

    OK = 0
    FAILED = 1  # some documents failed (each named on stderr), a gate failed, or --strict found issues
    USAGE = 2  # the command itself cannot run: bad flags, configuration, a missing or inconsistent input set


# code → (what it means, the exit code when it ends a command). The README's table is this one.
CODES: dict[str, tuple[str, Exit]] = {
    # reading one document (stage "load"): the batch goes on
    "not_found": ("no such file", Exit.FAILED),
    "not_a_file": ("a directory, FIFO, device or socket: only regular files are read", Exit.FAILED),
    "unreadable": ("the operating system refused to read it (permissions, I/O error, symlink loop)", Exit.FAILED),
    "empty": ("the file holds no text", Exit.FAILED),
    "binary": ("bytes that are no text document (NUL or control characters)", Exit.FAILED),
    "undecodable": ("bytes that decode as none of UTF-8, UTF-16, UTF-32, GB18030", Exit.FAILED),
    "no_text_layer": ("a PDF without a text layer (a scan): OCR it first", Exit.FAILED),
    "bad_container": ("a broken PDF or DOCX", Exit.FAILED),
    "too_large": ("over a size limit: file bytes, inflated DOCX parts or characters of text", Exit.FAILED),
    "unsafe_xml": ("a DOCX part that declares a DTD or entities (refused, never expanded)", Exit.FAILED),
    "timeout": ("a document that took longer than the time limit", Exit.FAILED),
    "memory": ("a document that needed more memory than the limit", Exit.FAILED),
    "worker_died": ("a document whose worker process died twice (killed, or crashed in a library)", Exit.FAILED),
    "no_chinese": ("decoded, but no Chinese text in it", Exit.FAILED),
    "unsupported": ("a format zhenggai does not read (.doc, .wps, .rtf, .mht)", Exit.FAILED),
    # listing inputs (stage "input")
    "no_match": ("a glob pattern that matches no file", Exit.FAILED),
    "bad_manifest": ("a manifest (CSV/JSONL) or one of its rows that cannot be read", Exit.FAILED),
    # understanding one report (stages "classify" and "segment")
    "not_a_report": ("the text is no rectification report", Exit.FAILED),
    "no_outline": ("a report whose outline of problems was not found; no problems guessed", Exit.FAILED),
    # a bug of ours on one document: recorded, the batch goes on
    "internal": ("an unexpected error inside zhenggai (a bug: please report it)", Exit.FAILED),
    # whole-command failures
    "usage": ("flags that do not fit together or a value that cannot be read", Exit.USAGE),
    "config": ("an LLM endpoint or a config file that cannot be used as given", Exit.USAGE),
    "endpoint": ("the LLM endpoint could not be reached or refused the call", Exit.FAILED),
    "gold": ("a golden directory or gold file that cannot be read", Exit.USAGE),
    "gold_inconsistent": ("gold that does not agree with its source text", Exit.FAILED),
    "job_locked": ("another run holds the job folder", Exit.USAGE),
    "output_clash": ("an output would overwrite an input or another output", Exit.USAGE),
    "corrupt_record": ("a job folder's line that holds no whole record (written by no run of zhenggai)", Exit.USAGE),
    "model": ("the local model file or server", Exit.FAILED),
}


# Codes of the validation issues a report carries (``Report.issues``): code → what it means. An issue is a
# finding about one extracted item; the report is still written.
ISSUES: dict[str, str] = {
    "not_verbatim": "a span that is not found verbatim at its offsets in the source",
    "value_mismatch": "a figure whose value or unit its own text does not give",
    "date_mismatch": "a date whose ISO its own text does not give",
    "date_after_publication": "a date of work done that falls after the report's publication (warning)",
    "date_without_year": "a date written without a year in a report that gives none: its ISO is yearless, "
    "--MM-DD or --MM (warning)",
    "input_truncated": "the file ends inside a UTF-8 character; the whole characters before it were read (warning)",
    "llm_dropped": "an LLM answer that did not hold against the source and was left out (warning)",
    "llm_failed": "an LLM call that failed; the rules result was kept (warning)",
}


class ZhenggaiError(Exception):
    """A failure with a stable code from :data:`CODES` and a one-line message."""

    default_code = "internal"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        code = code or self.default_code
        if code not in CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code

    @property
    def exit(self) -> Exit:
        return CODES[self.code][1]

    def line(self) -> str:
        """The CLI's one-line form: ``code: message``."""
        return f"{self.code}: {self}"


class LoadError(ZhenggaiError):
    """A document that cannot be turned into text."""

    default_code = "undecodable"


class InputError(ZhenggaiError):
    """An input that cannot even be listed: a pattern matching nothing, a bad manifest row."""

    default_code = "bad_manifest"


class UsageError(ZhenggaiError):
    default_code = "usage"


class ConfigError(ZhenggaiError):
    default_code = "config"


class GoldError(ZhenggaiError):
    default_code = "gold"


class ModelError(ZhenggaiError):
    default_code = "model"


def markdown_table() -> str:
    """The README's table of error codes, made from :data:`CODES`."""
    rows = ["| code | what it means | exit |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {meaning} | {int(exit_code)} |" for code, (meaning, exit_code) in CODES.items()]
    return "\n".join(rows)
