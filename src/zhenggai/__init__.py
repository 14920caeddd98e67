"""zhenggai — grounded structured extraction of Chinese inspection rectification reports.

    from zhenggai import extract, load, validate
    report = extract("golden/dev/xuchang_2017.txt")      # a path; or extract(text=…) for the report's text
    assert not validate(report)                           # every span re-checked against report.text

Importing the package loads no LLM client: the agent (openai, instructor) is imported only where an endpoint
is used.
"""

from .errors import ZhenggaiError
from .load import load_text
from .pipeline import extract, load, validate
from .version import __version__

__all__ = ["ZhenggaiError", "__version__", "extract", "load", "load_text", "validate"]
