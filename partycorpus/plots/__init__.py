"""Figures: the accessible display every figure goes through, and the plotting plumbing of the lessons.

``figures.py`` holds the palette, ``label_axes`` and ``show_figure`` (alt
text); ``timeline.py``, ``maps.py`` and ``heatmap.py`` draw lesson 07's
timeline, lesson 08's map labels and routes, and lesson 06's heat map. Every
helper takes an optional ``ax``, returns it, and never calls ``plt.show()``.
"""
