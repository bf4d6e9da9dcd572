"""Everything MentorDesk prints or exports: lists, the mentor roster, the mentee profile and the
end-of-year report (PDF, print and an Excel workbook).

The numbers come from ``analysis`` (computed once, by the program's rules); this package only
aggregates, hides small groups and lays pages out. It may use QtGui for page layout, never
Qt widgets, and never pyplot.
"""
