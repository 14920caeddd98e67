"""Shared test helpers: paths of the bundled gold and small report texts used by more than one test module."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_GOLD = ROOT / "golden" / "dev"
SEEDS = ("xuchang_2017", "huiji_2021", "xiangcheng_2020")

# A report with an outline: one category, one problem, two measures (a meeting, a document).
TEXT = (
    "根据省委统一部署,2017年4月10日至6月9日,省委第一巡视组对许昌市进行了巡视。\n一、整改\n略。\n二、整改落实情况\n"
    "(一)党的领导方面\n(1)针对“学习不够”的问题。一是市委召开会议3次。二是印发《学习方案》。\n中共许昌市委\n2017年9月19日\n"
)
# A report with no outline the parser can find: problems only as run-in 关于…的问题 sentences.
NO_OUTLINE = (
    "根据省委统一部署,省委第一巡视组对某县进行了巡视。现将整改情况公布如下。\n"
    "关于学习贯彻不深入的问题。县委召开会议3次,印发《学习方案》。\n"
    "关于作风不实的问题。开展督查5次。\n中共某县委\n2021年9月1日\n"
)
# Three problems under one category, for the batcher and the answer model.
BLOCKS_TEXT = (
    "根据省委统一部署,2017年4月10日至6月9日,省委第一巡视组对许昌市进行了巡视。\n一、整改\n略。\n二、整改落实情况\n"
    "(一)党的领导方面\n"
    "1.针对“学习不够”的问题。一是市委召开会议3次。二是印发《学习方案》和《考核办法》。\n"
    "2.针对“作风不实”的问题。一是区纪委监委开展督查5次,查处问题12个。\n"
    "3.针对“制度缺失”的问题。\n"
    "中共许昌市委\n2017年9月19日\n"
)
