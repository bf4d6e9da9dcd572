"""Garbage is collected on the UI thread, a generation at a time as it falls due."""

from __future__ import annotations

import gc

import pytest

from ui import gc_guard


@pytest.mark.parametrize(("counts", "expected"), [
    ((10, 0, 0), []),            # nothing due yet
    ((800, 3, 0), [0]),          # the young generation only
    ((800, 11, 2), [1]),         # the middle one is due too
    ((800, 11, 11), [2]),        # a full collection only when the old one is due
])
def test_only_the_generations_that_are_due_are_collected(monkeypatch, counts, expected):
    collected = []
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    gc_guard._collect()
    assert collected == expected
