"""Small reusable widgets: the availability grid, the tier badge, the chart canvas."""
