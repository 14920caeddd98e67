"""The throttle on a fake clock (nothing sleeps): the minute windows of requests and tokens, the pause a
Retry-After sets, the correction of a call's estimate by its usage, the bound on calls in flight — in one
process and across processes through a shared folder, up to a job's worker processes — and the budget's
settings."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT, TEXT
from tests.helpers.fake_llm import FakeClock, InFlight, Reply, fake_endpoint
from zhenggai.agent.throttle import (
    JOB_FOLDER,
    MAX_PAUSE,
    WINDOW,
    Budget,
    FileSlots,
    MemorySlots,
    Sent,
    State,
    Throttle,
    admit,
    estimate_tokens,
)
from zhenggai.cli import main
from zhenggai.errors import ConfigError

T = 1000.0  # the fake clock's start


@pytest.mark.parametrize(
    ("budget", "sent", "not_before", "tokens", "now", "wait"),
    [
        # requests: two in the minute fill rpm=2; the third waits until the first (at T) is a minute old
        (Budget(rpm=2), [(T, 1), (T + 10, 1)], 0, 1, T + 20, 40.0),
        (Budget(rpm=2), [(T, 1), (T + 10, 1)], 0, 1, T + WINDOW, 0.0),  # the first has left the minute
        (Budget(rpm=3), [(T, 1), (T + 10, 1)], 0, 1, T + 20, 0.0),
        # tokens: 60 + 30 used of 100; 10 more fit, 20 more wait until the 60 leave (at T + 60)
        (Budget(tpm=100), [(T, 60), (T + 10, 30)], 0, 10, T + 20, 0.0),
        (Budget(tpm=100), [(T, 60), (T + 10, 30)], 0, 20, T + 20, 40.0),
        (Budget(tpm=100), [(T, 60), (T + 10, 30)], 0, 80, T + 20, 50.0),  # both must leave: until T + 10 + 60
        (Budget(tpm=100), [], 0, 500, T, 0.0),  # larger than the whole budget: let through alone
        (Budget(tpm=100), [(T, 1)], 0, 500, T + 30, 30.0),  # … once the minute is empty
        # both budgets: the longer wait
        (Budget(rpm=1, tpm=100), [(T, 90)], 0, 20, T + 5, 55.0),
        # the pause: whatever the budget, nothing before it; a pause beyond MAX_PAUSE is cut to it
        (Budget(), [], T + 30, 1, T + 20, 10.0),
        (Budget(rpm=100), [], T + 30, 1, T + 30, 0.0),
        (Budget(), [], T + 10_000, 1, T, MAX_PAUSE),
        # a call stamped more than a minute ahead (the clock was set back) is forgotten
        (Budget(rpm=1), [(T + 500, 1)], 0, 1, T, 0.0),
    ],
)
def test_admit(
    budget: Budget, sent: list[tuple[float, int]], not_before: float, tokens: int, now: float, wait: float
) -> None:
    state = State(not_before, [Sent(at, n, f"c{i}") for i, (at, n) in enumerate(sent)])
    assert admit(state, budget, tokens, now, "new") == pytest.approx(wait)
    admitted = [s.id for s in state.sent if s.id == "new"]
    assert admitted == (["new"] if wait == 0 and budget.counts else [])


def test_without_a_budget_nothing_is_remembered() -> None:
    state = State()
    for _ in range(5):
        assert admit(state, Budget(concurrency=2), 100, T, "c") == 0
    assert state.sent == []


def fake_throttle(budget: Budget, shared: Path | None = None, at: float = T) -> tuple[Throttle, FakeClock]:
    clock = FakeClock(at)
    return Throttle(budget, shared, clock=clock.now, sleep=clock.sleep), clock


def test_acquire_waits_out_the_request_window() -> None:
    throttle, clock = fake_throttle(Budget(rpm=2))
    for _ in range(3):
        throttle.release(throttle.acquire(1))
    assert clock.slept == [WINDOW]  # two at T, the third when the first of them is a minute old


@pytest.mark.parametrize(
    ("used", "slept"),
    [
        (30, []),  # charged 30 instead of 80: 30 + 70 fits in 100
        (None, [WINDOW]),  # no usage reported: the estimate of 80 stands, and 70 more must wait
        (95, [WINDOW]),
    ],
)
def test_the_usage_reported_corrects_the_estimate(used: int | None, slept: list[float]) -> None:
    throttle, clock = fake_throttle(Budget(tpm=100))
    throttle.release(throttle.acquire(80), used)
    throttle.acquire(70)
    assert clock.slept == slept


@pytest.mark.parametrize(("asked", "slept"), [(7.0, [7.0]), (0.0, []), (500.0, [MAX_PAUSE])])
def test_a_pause_holds_the_next_call(asked: float, slept: list[float]) -> None:
    throttle, clock = fake_throttle(Budget())
    throttle.pause(asked)
    throttle.acquire(1)
    assert clock.slept == slept


def test_a_longer_pause_is_not_shortened_by_a_shorter_one() -> None:
    throttle, clock = fake_throttle(Budget())
    throttle.pause(30)
    throttle.pause(5)
    throttle.acquire(1)
    assert clock.slept == [30.0]


@pytest.mark.parametrize("kind", ["memory", "files"])
def test_at_most_n_slots_are_held(kind: str, tmp_path: Path) -> None:
    slots = MemorySlots(2) if kind == "memory" else FileSlots(tmp_path, 2)  # files: flock within one process
    a, b = slots.take(block=False), slots.take(block=False)
    assert a is not None and b is not None and slots.take(block=False) is None
    slots.give(a)
    c = slots.take(block=False)
    assert c is not None and slots.take(block=False) is None


@pytest.mark.parametrize("shared", [False, True])
def test_a_ticket_holds_a_slot_until_released(shared: bool, tmp_path: Path) -> None:
    throttle, _ = fake_throttle(Budget(concurrency=1), tmp_path if shared else None)
    assert throttle.slots is not None
    ticket = throttle.acquire(1)
    assert throttle.slots.take(block=False) is None
    throttle.release(ticket)
    assert throttle.slots.take(block=False) is not None


def test_a_failed_wait_gives_back_the_slot() -> None:
    def interrupted(_: float) -> None:
        raise KeyboardInterrupt

    throttle = Throttle(Budget(concurrency=1), clock=lambda: T, sleep=interrupted)
    throttle.pause(5)
    with pytest.raises(KeyboardInterrupt):
        throttle.acquire(1)
    assert throttle.slots is not None and throttle.slots.take(block=False) is not None


def other_process(shared: Path, body: str) -> subprocess.Popen[str]:
    """Another process with a throttle on the same folder, its clock stopped at T."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from zhenggai.agent.throttle import Budget, Throttle
        throttle = Throttle(Budget(rpm=2, concurrency=1), Path({str(shared)!r}), clock=lambda: {T})
    """) + textwrap.dedent(body)
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize(
    ("body", "slept"),
    [
        ("throttle.pause(30)", [30.0]),  # a Retry-After seen by another process
        ("throttle.release(throttle.acquire(1)); throttle.release(throttle.acquire(1))", [WINDOW]),  # its two calls
    ],
)
def test_the_pause_and_the_budget_are_shared_across_processes(body: str, slept: list[float], tmp_path: Path) -> None:
    assert other_process(tmp_path, body).wait(30) == 0
    throttle, clock = fake_throttle(Budget(rpm=2, concurrency=1), tmp_path)
    throttle.acquire(1)
    assert clock.slept == slept


def test_a_slot_held_by_a_process_is_let_go_when_it_is_killed(tmp_path: Path) -> None:
    proc = other_process(tmp_path, "ticket = throttle.acquire(1); print('held', flush=True); sys.stdin.read()")
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        slots = FileSlots(tmp_path, 1)
        assert slots.take(block=False) is None
    finally:
        proc.kill()
        proc.wait(30)
    assert slots.take(block=False) is not None


def test_a_torn_state_file_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / "rate.json").write_text('{"not_before": 99', encoding="utf-8")
    throttle, clock = fake_throttle(Budget(rpm=1), tmp_path)
    throttle.acquire(1)
    assert clock.slept == []


@pytest.mark.parametrize(
    ("messages", "max_tokens", "expected"),
    [
        ([{"role": "user", "content": "市委召开会议"}], 50, 6 + 4 + 50),  # a character a token, 4 a message
        ([{"role": "system", "content": "ab"}, {"role": "user", "content": "c"}], None, 3 + 8),
        (None, 20, 20),
    ],
)
def test_estimate_tokens(messages: list[dict[str, str]] | None, max_tokens: int | None, expected: int) -> None:
    assert estimate_tokens(messages, max_tokens) == expected


@pytest.mark.parametrize(
    ("flags", "env", "expected"),
    [
        ({}, {}, Budget()),
        ({"concurrency": "8", "rpm": "500"}, {"ZHENGGAI_TPM": "90000"}, Budget(8, 500, 90000)),
        ({"rpm": "60"}, {"ZHENGGAI_RPM": "10"}, Budget(rpm=60)),  # the flag wins
        ({}, {"ZHENGGAI_CONCURRENCY": "0"}, Budget()),  # 0: no bound
    ],
)
def test_budget_resolve(flags: dict[str, str], env: dict[str, str], expected: Budget) -> None:
    assert Budget.resolve(flags, env, config_files=()) == expected


def test_budget_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "zhenggai.toml"
    config.write_text("[llm]\nconcurrency = 4\ntpm = 30000\n", encoding="utf-8")
    assert Budget.resolve({}, {}, config_files=(config,)) == Budget(concurrency=4, tpm=30000)


@pytest.mark.parametrize(("key", "raw", "message"), [("rpm", "many", "not a whole number"), ("tpm", "-1", "negative")])
def test_budget_refuses(key: str, raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Budget.resolve({key: raw}, {}, config_files=())


def test_a_jobs_processes_share_the_bound_on_calls_in_flight(tmp_path: Path) -> None:
    """Two worker processes, two threads each, four documents — and --concurrency 1: the endpoint never
    answers two calls at once (without the shared slots the two processes would overlap)."""
    docs = []
    for i in range(4):
        doc = tmp_path / f"d{i}.txt"
        doc.write_text(TEXT.replace("3次", f"{i + 3}次"), encoding="utf-8")
        docs.append(str(doc))
    load = InFlight()
    with fake_endpoint([Reply(content="{}", delay=0.2)], load) as (url, received):
        job = tmp_path / "job"
        argv = ["extract", *docs, "--job", str(job), "--jobs", "2", "--quiet", "--engine", "llm"]
        code = main(
            [*argv, "--base-url", url, "--model", "fake", "--workers", "2", "--concurrency", "1", "--attempts", "0"]
        )
    # the per-item labelers ask several questions of each document; however many, never two at once
    assert code == 0 and len(received) >= 4
    assert load.peak == 1
    assert (job / JOB_FOLDER / "slot-0").exists() and (job / JOB_FOLDER / "rate.json").exists()
