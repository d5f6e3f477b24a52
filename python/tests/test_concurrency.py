"""Threads share one policy; fork() children sanitize correctly."""

import os
import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import libsanitize
from libsanitize import Policy

INPUTS = [
    '<p onclick="x()">Hello <b>World</b> <a href="http://e.org/x" title="t">l</a></p>',
    '<table><tr><td align="center">c<script>bad()</script></td></tr></table>',
    '<img src="javascript:alert(1)"><img src="https://e.org/i.png" alt="a">',
    "<ul><li>one<li>two</ul><!-- comment --><div>text &amp; more</div>",
    "plain text with é and 漢字",
    '<a href="//evil.example/">x</a><iframe src="https://e.org"></iframe>',
] * 5


def _expected(policy):
    return [policy.sanitize(s) for s in INPUTS]


def test_many_threads_one_policy_same_results():
    policy = Policy.ugc()
    expected = _expected(policy)
    barrier = threading.Barrier(16)

    def run(seed):
        rnd = random.Random(seed)
        order = list(range(len(INPUTS)))
        barrier.wait()
        bad = 0
        for _ in range(200):
            rnd.shuffle(order)
            for i in order:
                if policy.sanitize(INPUTS[i]) != expected[i]:
                    bad += 1
        return bad

    with ThreadPoolExecutor(16) as ex:
        assert sum(ex.map(run, range(16))) == 0


def test_threads_with_python_callbacks():
    calls = []

    def filt(element, attribute, value):
        calls.append(1)
        return value.upper()

    policy = (Policy().allow_elements("p").allow_attribute("title")
              .set_attribute_filter(filt))
    expected = '<p title="HELLO">x</p>'

    def run(_):
        return all(policy.sanitize('<p title="hello">x</p>') == expected for _ in range(300))

    with ThreadPoolExecutor(8) as ex:
        assert all(ex.map(run, range(8)))
    assert len(calls) == 8 * 300


def test_building_while_other_threads_sanitize_is_safe():
    # Not allowed in C; the binding serializes it: the builder calls either
    # happen before the freeze or raise PolicyError(POLICY_FROZEN).
    for _ in range(20):
        policy = Policy.strict()
        stop = threading.Event()
        errors = []

        def build():
            for name in ["b", "i", "u", "em", "strong"] * 20:
                try:
                    policy.allow_elements(name)
                except libsanitize.PolicyError as e:
                    if e.status != libsanitize.Status.POLICY_FROZEN:
                        errors.append(e)
                    return

        def use():
            while not stop.is_set():
                policy.sanitize("<b>x</b>")

        users = [threading.Thread(target=use) for _ in range(3)]
        builder = threading.Thread(target=build)
        builder.start()
        for t in users:
            t.start()
        builder.join()
        stop.set()
        for t in users:
            t.join()
        assert not errors


def test_sanitize_releases_the_gil():
    # While one thread runs a long C call, another makes progress.
    policy = Policy.ugc()
    big = "<p>" + ("<b>" + "word " * 40 + "</b>") * 20000 + "</p>"
    policy.sanitize("warm")
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        for _ in range(3):
            policy.sanitize(big)
    finally:
        done.set()
        t.join()
    assert len(ticks) > 1000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_fork_child_sanitizes_correctly():
    policy = Policy.ugc()
    expected = _expected(policy)  # parent used it (arena warm, policy frozen)
    stop = threading.Event()

    def busy():  # a thread that is sanitizing while we fork
        while not stop.is_set():
            policy.sanitize(INPUTS[0])

    threads = [threading.Thread(target=busy) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        pids = []
        for _ in range(4):
            pid = os.fork()
            if pid == 0:  # child
                code = 1
                try:
                    ok = _expected(policy) == expected
                    ok = ok and libsanitize.sanitize("<b onclick=x>y</b>") == "<b>y</b>"
                    fresh = Policy.strict().allow_elements("i")
                    ok = ok and fresh.sanitize("<i>a</i><b>b</b>") == "<i>a</i>b"
                    code = 0 if ok else 1
                finally:
                    os._exit(code)
            pids.append(pid)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        stop.set()
        for t in threads:
            t.join()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_multiprocessing_fork_pool():
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        got = pool.map(libsanitize.sanitize, INPUTS)
    assert got == [libsanitize.sanitize(s) for s in INPUTS]
