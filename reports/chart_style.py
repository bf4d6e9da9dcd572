"""The charts' look, shared by the screens' charts (reports.charts, matplotlib) and the
printed report's (reports.print_charts, Qt): tiers in colour with hatching, the two lines'
colours, the 10% line of chronic absence."""

from __future__ import annotations

TIER_ORDER = ("satisfactory", "at-risk", "moderate", "severe")
TIER_NAMES = {"satisfactory": "Satisfactory", "at-risk": "At risk",
              "moderate": "Moderate chronic", "severe": "Severe chronic"}
TIER_COLOURS = {"satisfactory": "#4c9a6a", "at-risk": "#e3b23c", "moderate": "#e07b39",
                "severe": "#b8322a"}
TIER_HATCHES = {"satisfactory": "", "at-risk": "..", "moderate": "//", "severe": "xx"}
MENTEE_COLOUR = "#1f5f99"
SCHOOL_COLOUR = "#7b8794"
CHRONIC_LINE = 0.10
CHRONIC_COLOUR = "#b8322a"
INK = "#1f2933"
MUTED = "#52606d"
SPINE = "#9aa5b1"
GRID = "#e4e7eb"
FONT_POINTS = 9
