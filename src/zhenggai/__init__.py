"""zhenggai — grounded structured extraction of Chinese inspection rectification reports.

from zhenggai import extract, load, validate
report = extract("golden/dev/xuchang_2017.txt")      # a path, or the report's text
assert not validate(report)                           # every span re-checked against report.text
"""

__version__ = "0.1.0"

from .agent.pipeline import extract, load, validate

__all__ = ["__version__", "extract", "load", "validate"]
