# Sphinx configuration of the course's web site. `make site` (coursetools/website.py) stages the sources from the
# student edition and runs Sphinx with this folder as its configuration folder; nothing here names a lesson.
project = "Reading the Party Struggle"
author = "the course's authors"
copyright = "the course's authors; prose and data CC BY 4.0, code MIT"
language = "en"
# Show quotations as the notebooks hold them (JupyterLab does not curl quotes or make dashes either).
smartquotes = False

extensions = ["myst_nb"]

# The lessons are shown with the outputs stored in them: nothing is executed while the site is built.
nb_execution_mode = "off"
nb_output_stderr = "show"
# Notebooks come from the student edition; the staged copy only adds a note on how to run each one.
source_suffix = {".ipynb": "myst-nb", ".md": "myst-nb"}
exclude_patterns = ["**/.ipynb_checkpoints"]

# Lessons link glossary terms as `glossary.md#Old-Style`, the heading ids JupyterLab makes (case kept, spaces
# made hyphens): resolve them with the same rule the glossary uses for its own links.
myst_heading_anchors = 3
myst_heading_slug_func = "coursetools.website.heading_id"
myst_enable_extensions = ["colon_fence", "dollarmath"]

# Formulas as MathML, converted while the site is built: no MathJax, which Sphinx would fetch from a CDN.
html_math_renderer = "mathml"


def setup(app):
    from coursetools.website import visit_display_math, visit_math

    app.add_html_math_renderer("mathml", (visit_math, None), (visit_display_math, None))

html_theme = "sphinx_book_theme"
html_title = project
html_favicon = "_static/favicon.svg"
# Light or dark as the reader's system asks (the theme's switch changes it); both are checked for contrast.
html_context = {"default_mode": "auto"}
templates_path = ["_templates"]
# The sidebar: the course's title (in a landmark), search, the navigation (site/_templates overrides two of them).
html_sidebars = {"**": ["course-title.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_js_files = ["tables.js"]
html_copy_source = False
html_use_index = False  # the site has no index entries: no empty index page
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "launch_buttons": {},
    "navigation_with_keys": False,
}
